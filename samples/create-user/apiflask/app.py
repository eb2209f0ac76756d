import itertools

from apiflask import APIFlask, Schema
from apiflask.fields import Email, Integer, String
from apiflask.validators import Length

app = APIFlask(__name__)
users = {}
ids = itertools.count(1)


class UserIn(Schema):
    name = String(required=True, validate=Length(min=1))
    email = Email(required=True)


class UserOut(Schema):
    id = Integer()
    name = String()
    email = String()


@app.post("/users")
@app.input(UserIn)
@app.output(UserOut, status_code=201)
def create_user(json_data):
    user = {"id": next(ids), **json_data}
    users[user["id"]] = user
    return user
