import itertools
import re

from bottle import Bottle, HTTPError, request, response

EMAIL = re.compile(r"[^@\s]+@[^@\s]+")
app = Bottle()
users = {}
ids = itertools.count(1)


@app.post("/users")
def create_user():
    try:
        data = request.json  # None unless the content type is JSON
    except HTTPError:
        data = None
    if not isinstance(data, dict):
        response.status = 400
        return {"error": "the body must be a JSON object"}
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
