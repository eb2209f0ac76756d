import itertools
import sys

from pydantic import BaseModel, Field
from robyn import Robyn

app = Robyn(__file__)
users = {}
ids = itertools.count(1)


class UserIn(BaseModel):
    name: str = Field(min_length=1)
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+$")


class User(UserIn):
    id: int


@app.post("/users", status_code=201)
async def create_user(user: UserIn) -> User:
    created = User(id=next(ids), **user.model_dump())
    users[created.id] = created
    # Returned as a dict: Robyn 0.88 answers 200 instead of the route's 201 when a model is returned.
    return created.model_dump()


if __name__ == "__main__":
    app.start(host="127.0.0.1", port=int(sys.argv[1]))
