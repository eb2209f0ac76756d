import itertools
import re

from pyramid.config import Configurator

EMAIL = re.compile(r"[^@\s]+@[^@\s]+")
users = {}
ids = itertools.count(1)


def create_user(request):
    try:
        data = request.json_body
    except ValueError:
        request.response.status_int = 400
        return {"error": "the body must be JSON"}
    errors = {}
    if not isinstance(data, dict):
        errors["body"] = "a JSON object is required"
    else:
        name, email = data.get("name"), data.get("email")
        if not isinstance(name, str) or not name:
            errors["name"] = "a non-empty string is required"
        if not isinstance(email, str) or not EMAIL.fullmatch(email):
            errors["email"] = "an address like someone@example.com is required"
    if errors:
        request.response.status_int = 400
        return {"errors": errors}
    user = {"id": next(ids), "name": name, "email": email}
    users[user["id"]] = user
    request.response.status_int = 201
    return user


with Configurator() as config:
    config.add_route("users", "/users", request_method="POST")
    config.add_view(create_user, route_name="users", renderer="json")
    app = config.make_wsgi_app()
