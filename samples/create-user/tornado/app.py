import asyncio
import itertools
import json
import re

import tornado.web
from tornado.options import define, options

define("port", default=8888, type=int)

EMAIL = re.compile(r"[^@\s]+@[^@\s]+")


class UsersHandler(tornado.web.RequestHandler):
    def initialize(self, users, ids):
        self.users = users
        self.ids = ids

    def post(self):
        try:
            data = json.loads(self.request.body)
        except ValueError:
            return self.fail({"body": "must be JSON"})
        if not isinstance(data, dict):
            return self.fail({"body": "must be a JSON object"})
        errors = {}
        name, email = data.get("name"), data.get("email")
        if not isinstance(name, str) or not name:
            errors["name"] = "a non-empty string is required"
        if not isinstance(email, str) or not EMAIL.fullmatch(email):
            errors["email"] = "an address like someone@example.com is required"
        if errors:
            return self.fail(errors)
        user = {"id": next(self.ids), "name": name, "email": email}
        self.users[user["id"]] = user
        self.set_status(201)
        self.write(user)

    def fail(self, errors):
        self.set_status(400)
        self.write({"errors": errors})


async def main():
    options.parse_command_line()
    state = {"users": {}, "ids": itertools.count(1)}
    app = tornado.web.Application([(r"/users", UsersHandler, state)])
    app.listen(options.port, address="127.0.0.1")
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
