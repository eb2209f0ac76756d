import itertools
import sys

from nicegui import app, ui
from pydantic import BaseModel, Field


class UserIn(BaseModel):
    name: str = Field(min_length=1)
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+$")


class User(UserIn):
    id: int


users: dict[int, User] = {}
ids = itertools.count(1)


@app.post("/users", status_code=201)
def create_user(user: UserIn) -> User:
    created = User(id=next(ids), **user.model_dump())
    users[created.id] = created
    return created


if __name__ in {"__main__", "__mp_main__"}:
    ui.run(host="127.0.0.1", port=int(sys.argv[1]), reload=False, show=False)
