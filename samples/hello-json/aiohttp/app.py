from aiohttp import web


async def hello(request):
    return web.json_response({"message": "Hello, World!"})


def init_func(argv):
    app = web.Application()
    app.add_routes([web.get("/", hello)])
    return app
