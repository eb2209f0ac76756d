import itertools
import re

import muffin
from asgi_tools.errors import ASGIDecodeError

EMAIL = re.compile(r"[^@\s]+@[^@\s]+")
app = muffin.Application()
users = {}
ids = itertools.count(1)


@app.route("/users", methods=["POST"])
async def create_user(request):
    try:
        data = await request.json()
    except ASGIDecodeError:
        data = None
    if not isinstance(data, dict):
        return muffin.ResponseJSON({"error": "the body must be a JSON object"}, status_code=400)
    errors = {}
    name, email = data.get("name"), data.get("email")
    if not isinstance(name, str) or not name:
        errors["name"] = "a non-empty string is required"
    if not isinstance(email, str) or not EMAIL.fullmatch(email):
        errors["email"] = "an address like someone@example.com is required"
    if errors:
        return muffin.ResponseJSON({"errors": errors}, status_code=400)
    user = {"id": next(ids), "name": name, "email": email}
    users[user["id"]] = user
    return muffin.ResponseJSON(user, status_code=201)
