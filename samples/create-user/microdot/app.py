import itertools
import re
import sys

from microdot import Microdot

EMAIL = re.compile(r"[^@\s]+@[^@\s]+")
app = Microdot()
users = {}
ids = itertools.count(1)


@app.post("/users")
async def create_user(request):
    try:
        data = request.json  # None unless the content type is JSON
    except ValueError:
        data = None
    if not isinstance(data, dict):
        return {"error": "the body must be a JSON object"}, 400
    errors = {}
    name, email = data.get("name"), data.get("email")
    if not isinstance(name, str) or not name:
        errors["name"] = "a non-empty string is required"
    if not isinstance(email, str) or not EMAIL.fullmatch(email):
        errors["email"] = "an address like someone@example.com is required"
    if errors:
        return {"errors": errors}, 400
    user = {"id": next(ids), "name": name, "email": email}
    users[user["id"]] = user
    return user, 201


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(sys.argv[1]))
