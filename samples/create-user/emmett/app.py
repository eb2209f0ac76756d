import itertools
import re

from emmett import App, request, response
from emmett.tools import service

EMAIL = re.compile(r"[^@\s]+@[^@\s]+")
app = App(__name__)
users = {}
ids = itertools.count(1)


@app.route("/users", methods="post")
@service.json
async def create_user():
    data = await request.body_params  # a JSON body is decoded here; malformed JSON gives no fields
    errors = {}
    name, email = data.get("name"), data.get("email")
    if not isinstance(name, str) or not name:
        errors["name"] = "a non-empty string is required"
    if not isinstance(email, str) or not EMAIL.fullmatch(email):
        errors["email"] = "an address like someone@example.com is required"
    if errors:
        response.status = 400
        return {"errors": errors}
    user = {"id": next(ids), "name": name, "email": email}
    users[user["id"]] = user
    response.status = 201
    return user
