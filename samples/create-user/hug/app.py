import itertools
import json
import re

import hug

EMAIL = re.compile(r"[^@\s]+@[^@\s]+")
users = {}
ids = itertools.count(1)


@hug.type(extend=hug.types.text)
def email_address(value):
    """An address like someone@example.com"""
    if not EMAIL.fullmatch(value):
        raise ValueError("an address like someone@example.com is required")
    return value


@hug.exception(json.JSONDecodeError)
def malformed_json(exception, response):
    # Without this handler hug answers a body that is not JSON with an HTML 500 page.
    response.status = hug.HTTP_400
    return {"errors": {"body": "the body must be JSON"}}


@hug.post("/users", status=hug.HTTP_201)
def create_user(name: hug.types.longer_than(0), email: email_address):
    user = {"id": next(ids), "name": name, "email": email}
    users[user["id"]] = user
    return user
