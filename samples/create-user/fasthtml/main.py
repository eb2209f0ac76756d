import itertools
import re

from fasthtml.common import JSONResponse, fast_app

EMAIL = re.compile(r"[^@\s]+@[^@\s]+")


def bad_request(request, exc):
    # FastHTML answers a malformed JSON body with a plain-text 400; API clients get JSON instead.
    return JSONResponse({"error": exc.detail}, status_code=400)


app, rt = fast_app(exception_handlers={400: bad_request})
users = {}
ids = itertools.count(1)


@rt("/users")
def post(data: dict):  # the decoded JSON object (or form fields)
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
