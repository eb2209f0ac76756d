import falcon.asgi


class HelloResource:
    async def on_get(self, req, resp):
        resp.media = {"message": "Hello, World!"}


app = falcon.asgi.App()
app.add_route("/", HelloResource())
