import itertools
import json
import re

import web

EMAIL = re.compile(r"[^@\s]+@[^@\s]+")
urls = ("/users", "Users")
users = {}
ids = itertools.count(1)


def answer(status, body):
    web.ctx.status = status
    web.header("Content-Type", "application/json")
    return json.dumps(body)


class Users:
    def POST(self):
        try:
            data = json.loads(web.data())
        except ValueError:
            return answer("400 Bad Request", {"error": "the body must be JSON"})
        if not isinstance(data, dict):
            return answer("400 Bad Request", {"error": "the body must be a JSON object"})
        errors = {}
        name, email = data.get("name"), data.get("email")
        if not isinstance(name, str) or not name:
            errors["name"] = "a non-empty string is required"
        if not isinstance(email, str) or not EMAIL.fullmatch(email):
            errors["email"] = "an address like someone@example.com is required"
        if errors:
            return answer("400 Bad Request", {"errors": errors})
        user = {"id": next(ids), "name": name, "email": email}
        users[user["id"]] = user
        return answer("201 Created", user)


app = web.application(urls, globals())

if __name__ == "__main__":
    app.run()  # serves on the address given as the first argument
