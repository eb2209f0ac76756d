import itertools
import re

from quart import Quart, request

EMAIL = re.compile(r"[^@\s]+@[^@\s]+")
app = Quart(__name__)
users = {}
ids = itertools.count(1)


@app.post("/users")
async def create_user():
    data = await request.get_json(silent=True)  # None when the body is not JSON
    if not isinstance(data, dict):
        return {"error": "the body must be a JSON object"}, 400
    errors = {}
    name, email = data.get("name"), data.get("email")
    if not isinstance(name, str) or not name:
        errors["name"] = "a non-empty string is required"
    if not isinstance(email, str) or not EMAIL.fullmatch(email):
        errors["email"] = "an address like someone@example.com is required"
    if errors:
        return {"errors": errors}, 400
    user = {"id": next(ids), "name": name, "email": email}
    users[user["id"]] = user
    return user, 201
