import itertools
from typing import Annotated

import msgspec
from litestar import Litestar, post


class UserIn(msgspec.Struct):
    name: Annotated[str, msgspec.Meta(min_length=1)]
    email: Annotated[str, msgspec.Meta(pattern=r"^[^@\s]+@[^@\s]+$")]


class User(msgspec.Struct):
    id: int
    name: str
    email: str


users: dict[int, User] = {}
ids = itertools.count(1)


@post("/users")  # POST handlers answer 201 Created by default
async def create_user(data: UserIn) -> User:
    user = User(id=next(ids), name=data.name, email=data.email)
    users[user.id] = user
    return user


app = Litestar(route_handlers=[create_user])
