import itertools

from blacksheep import Application, FromJSON, json, post
from blacksheep.exceptions import BadRequestFormat
from pydantic import BaseModel, Field

app = Application()
users = {}
ids = itertools.count(1)


class UserIn(BaseModel):
    name: str = Field(min_length=1)
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+$")


@post("/users")
async def create_user(data: FromJSON[UserIn]):
    # An invalid model is answered with a 400 and Pydantic's errors as JSON by BlackSheep itself.
    user = {"id": next(ids), **data.value.model_dump()}
    users[user["id"]] = user
    return json(user, status=201)


@app.exception_handler(BadRequestFormat)
async def malformed_json(app, request, error):
    # Without this handler a body that is not JSON gets a plain-text 400.
    return json({"error": str(error)}, status=400)
