import itertools

from cerberus import Validator
from eve import Eve
from flask import request

# Eve's resource endpoints store documents in MongoDB; this sample keeps users in memory, so it uses
# a plain route with a Cerberus schema, the same rules Eve would apply to a resource's "schema".
USER_SCHEMA = {
    "name": {"type": "string", "required": True, "empty": False},
    "email": {"type": "string", "required": True, "regex": r"[^@\s]+@[^@\s]+"},
}

app = Eve(settings={"DOMAIN": {}})
users = {}
ids = itertools.count(1)


@app.post("/users")
def create_user():
    data = request.get_json(silent=True)  # None when the body is not JSON
    if not isinstance(data, dict):
        return {"_status": "ERR", "_error": "the body must be a JSON object"}, 400
    validator = Validator(USER_SCHEMA)
    if not validator.validate(data):
        return {"_status": "ERR", "_issues": validator.errors}, 400
    user = {"id": next(ids), "name": data["name"], "email": data["email"]}
    users[user["id"]] = user
    return user, 201
