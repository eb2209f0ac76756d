from ravyn import Gateway, Ravyn, get


@get("/")
async def hello() -> dict:
    return {"message": "Hello, World!"}


app = Ravyn(routes=[Gateway(handler=hello)])
