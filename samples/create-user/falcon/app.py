import itertools

import falcon
import falcon.asgi
from falcon.media.validators import jsonschema

USER_SCHEMA = {
    "type": "object",
    "properties": {
        "name": {"type": "string", "minLength": 1},
        "email": {"type": "string", "pattern": r"^[^@\s]+@[^@\s]+$"},
    },
    "required": ["name", "email"],
}


class UsersResource:
    def __init__(self):
        self.users = {}
        self.ids = itertools.count(1)

    @jsonschema.validate(req_schema=USER_SCHEMA)
    async def on_post(self, req, resp):
        data = await req.get_media()
        user = {"id": next(self.ids), "name": data["name"], "email": data["email"]}
        self.users[user["id"]] = user
        resp.status = falcon.HTTP_201
        resp.media = user


app = falcon.asgi.App()
app.add_route("/users", UsersResource())
