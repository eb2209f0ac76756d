from blacksheep import Application, get, json

app = Application()


@get("/")
async def hello():
    return json({"message": "Hello, World!"})
