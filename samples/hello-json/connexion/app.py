from connexion import AsyncApp

app = AsyncApp(__name__)
app.add_api("openapi.yaml")


async def hello():
    return {"message": "Hello, World!"}
