import itertools
import re

from aiohttp import web

EMAIL = re.compile(r"[^@\s]+@[^@\s]+")
routes = web.RouteTableDef()
users = {}
ids = itertools.count(1)


@routes.post("/users")
async def create_user(request):
    try:
        data = await request.json()
    except ValueError:
        return web.json_response({"error": "the body must be JSON"}, status=400)
    if not isinstance(data, dict):
        return web.json_response({"error": "the body must be a JSON object"}, status=400)
    errors = {}
    name, email = data.get("name"), data.get("email")
    if not isinstance(name, str) or not name:
        errors["name"] = "a non-empty string is required"
    if not isinstance(email, str) or not EMAIL.fullmatch(email):
        errors["email"] = "an address like someone@example.com is required"
    if errors:
        return web.json_response({"errors": errors}, status=400)
    user = {"id": next(ids), "name": name, "email": email}
    users[user["id"]] = user
    return web.json_response(user, status=201)


def init_func(argv):
    app = web.Application()
    app.add_routes(routes)
    return app
