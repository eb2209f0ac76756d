import itertools

from fastapi import FastAPI
from pydantic import BaseModel, Field

app = FastAPI()


class UserIn(BaseModel):
    name: str = Field(min_length=1)
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+$")


class User(UserIn):
    id: int


users: dict[int, User] = {}
ids = itertools.count(1)


@app.post("/users", status_code=201)
async def create_user(user: UserIn) -> User:
    created = User(id=next(ids), **user.model_dump())
    users[created.id] = created
    return created
