import itertools
import sys

import responder
from pydantic import BaseModel, Field

api = responder.API()
users = {}
ids = itertools.count(1)


class UserIn(BaseModel):
    name: str = Field(min_length=1)
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+$")


class User(UserIn):
    id: int


@api.route("/users", methods=["POST"], status_code=201)
async def create_user(req, resp, *, user: UserIn) -> User:
    created = User(id=next(ids), **user.model_dump())
    users[created.id] = created
    return created


if __name__ == "__main__":
    api.run(address="127.0.0.1", port=int(sys.argv[1]))
