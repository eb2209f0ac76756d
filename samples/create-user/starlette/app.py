import itertools
import re

from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

EMAIL = re.compile(r"[^@\s]+@[^@\s]+")
users = {}
ids = itertools.count(1)


async def create_user(request):
    try:
        data = await request.json()
    except ValueError:
        return JSONResponse({"error": "the body must be JSON"}, status_code=400)
    if not isinstance(data, dict):
        return JSONResponse({"error": "the body must be a JSON object"}, status_code=400)
    errors = {}
    name, email = data.get("name"), data.get("email")
    if not isinstance(name, str) or not name:
        errors["name"] = "a non-empty string is required"
    if not isinstance(email, str) or not EMAIL.fullmatch(email):
        errors["email"] = "an address like someone@example.com is required"
    if errors:
        return JSONResponse({"errors": errors}, status_code=400)
    user = {"id": next(ids), "name": name, "email": email}
    users[user["id"]] = user
    return JSONResponse(user, status_code=201)


app = Starlette(routes=[Route("/users", create_user, methods=["POST"])])
