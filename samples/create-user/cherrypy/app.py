import itertools
import json
import re
import sys

import cherrypy

EMAIL = re.compile(r"[^@\s]+@[^@\s]+")


@cherrypy.expose
class Users:
    def __init__(self):
        self.users = {}
        self.ids = itertools.count(1)

    @cherrypy.tools.json_in()  # decodes the body into cherrypy.request.json, 400 if it is not JSON
    @cherrypy.tools.json_out()
    def POST(self):
        data = cherrypy.request.json
        errors = {}
        name = data.get("name") if isinstance(data, dict) else None
        email = data.get("email") if isinstance(data, dict) else None
        if not isinstance(name, str) or not name:
            errors["name"] = "a non-empty string is required"
        if not isinstance(email, str) or not EMAIL.fullmatch(email):
            errors["email"] = "an address like someone@example.com is required"
        if errors:
            cherrypy.response.status = 400
            return {"errors": errors}
        user = {"id": next(self.ids), "name": name, "email": email}
        self.users[user["id"]] = user
        cherrypy.response.status = 201
        return user


def json_error(status, message, traceback, version):
    """Errors raised by CherryPy itself (such as malformed JSON) are answered in JSON too."""
    cherrypy.response.headers["Content-Type"] = "application/json"
    return json.dumps({"error": message})


if __name__ == "__main__":
    cherrypy.config.update(
        {"environment": "production", "server.socket_host": "127.0.0.1", "server.socket_port": int(sys.argv[1])}
    )
    config = {"/": {"request.dispatch": cherrypy.dispatch.MethodDispatcher(), "error_page.default": json_error}}
    cherrypy.quickstart(Users(), "/users", config)
