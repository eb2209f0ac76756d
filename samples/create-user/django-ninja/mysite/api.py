import itertools

from ninja import Field, NinjaAPI, Schema

api = NinjaAPI()
users = {}
ids = itertools.count(1)


class UserIn(Schema):
    name: str = Field(min_length=1)
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+$")


class UserOut(UserIn):
    id: int


@api.post("/users", response={201: UserOut})
def create_user(request, payload: UserIn):
    user = {"id": next(ids), **payload.model_dump()}
    users[user["id"]] = user
    return 201, user
