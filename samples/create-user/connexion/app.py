import itertools

from connexion import AsyncApp

app = AsyncApp(__name__)
app.add_api("openapi.yaml")  # the body is validated against this spec before create_user runs

users = {}
ids = itertools.count(1)


async def create_user(body):
    user = {"id": next(ids), "name": body["name"], "email": body["email"]}
    users[user["id"]] = user
    return user, 201
