import itertools
import re

from sanic import Sanic
from sanic.exceptions import BadRequest
from sanic.response import json

EMAIL = re.compile(r"[^@\s]+@[^@\s]+")
app = Sanic("CreateUser")
app.ctx.users = {}
app.ctx.ids = itertools.count(1)


@app.post("/users")
async def create_user(request):
    try:
        data = request.json
    except BadRequest:
        data = None
    if not isinstance(data, dict):
        return json({"error": "the body must be a JSON object"}, status=400)
    errors = {}
    name, email = data.get("name"), data.get("email")
    if not isinstance(name, str) or not name:
        errors["name"] = "a non-empty string is required"
    if not isinstance(email, str) or not EMAIL.fullmatch(email):
        errors["email"] = "an address like someone@example.com is required"
    if errors:
        return json({"errors": errors}, status=400)
    user = {"id": next(app.ctx.ids), "name": name, "email": email}
    app.ctx.users[user["id"]] = user
    return json(user, status=201)
