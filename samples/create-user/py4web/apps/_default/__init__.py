import itertools

from py4web import action, request, response
from pydal.validators import IS_EMAIL, IS_NOT_EMPTY

users = {}
ids = itertools.count(1)
RULES = {"name": IS_NOT_EMPTY(), "email": IS_EMAIL()}


@action("users", method=["POST"])
def create_user():
    try:
        data = request.json
    except ValueError:
        data = None
    if not isinstance(data, dict):
        response.status = 400
        return {"errors": {"body": "must be a JSON object"}}
    errors = {}
    for field, rule in RULES.items():
        value = data.get(field)
        if not isinstance(value, str):
            errors[field] = "a string is required"
            continue
        _value, error = rule(value)  # pydal validators answer (value, error message or None)
        if error:
            errors[field] = error
    if errors:
        response.status = 400
        return {"errors": errors}
    user = {"id": next(ids), "name": data["name"], "email": data["email"]}
    users[user["id"]] = user
    response.status = 201
    return user
