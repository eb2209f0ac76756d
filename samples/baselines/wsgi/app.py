"""The WSGI baseline: a raw WSGI callable, no framework. Every WSGI framework's figures are divided
by this app's, measured in the same run on the same server (Gunicorn, the version the samples pin)."""

import itertools
import json
import re

EMAIL = re.compile(r"[^@\s]+@[^@\s]+")
ids = itertools.count(1)
users = {}
REASONS = {200: "200 OK", 201: "201 Created", 400: "400 Bad Request", 404: "404 Not Found"}


def app(environ, start_response):
    path, method = environ["PATH_INFO"], environ["REQUEST_METHOD"]
    if path == "/" and method == "GET":  # hello-json
        status, answer = 200, {"message": "Hello, World!"}
    elif path == "/users" and method == "POST":  # create-user
        length = int(environ.get("CONTENT_LENGTH") or 0)
        status, answer = create_user(environ["wsgi.input"].read(length))
    else:
        status, answer = 404, {"error": "not found"}
    payload = json.dumps(answer).encode()
    start_response(REASONS[status], [("Content-Type", "application/json"), ("Content-Length", str(len(payload)))])
    return [payload]


def create_user(body):
    try:
        data = json.loads(body)
    except ValueError:
        return 400, {"error": "the body must be JSON"}
    name, email = (data.get("name"), data.get("email")) if isinstance(data, dict) else (None, None)
    if not isinstance(name, str) or not name or not isinstance(email, str) or not EMAIL.fullmatch(email):
        return 400, {"error": "a non-empty name and an email like someone@example.com are required"}
    user = {"id": next(ids), "name": name, "email": email}
    users[user["id"]] = user
    return 201, user
