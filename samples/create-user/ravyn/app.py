import itertools
from json import JSONDecodeError

from pydantic import BaseModel, Field
from ravyn import Gateway, JSONResponse, Ravyn, Request, post


class UserIn(BaseModel):
    name: str = Field(min_length=1)
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+$")


class User(UserIn):
    id: int


users: dict[int, User] = {}
ids = itertools.count(1)


@post("/users")  # POST handlers answer 201 Created by default
async def create_user(data: UserIn) -> User:
    user = User(id=next(ids), **data.model_dump())
    users[user.id] = user
    return user


def malformed_json(request: Request, exc: JSONDecodeError) -> JSONResponse:
    # Without this handler a body that is not JSON ends in a 500.
    return JSONResponse({"detail": "the body is not valid JSON"}, status_code=400)


app = Ravyn(routes=[Gateway(handler=create_user)], exception_handlers={JSONDecodeError: malformed_json})
