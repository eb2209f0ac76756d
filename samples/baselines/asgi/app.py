"""The ASGI baseline: a raw ASGI callable, no framework. Every ASGI framework's figures are divided
by this app's, measured in the same run on the same server (Uvicorn, the version the samples pin)."""

import itertools
import json
import re

EMAIL = re.compile(r"[^@\s]+@[^@\s]+")
ids = itertools.count(1)
users = {}


async def app(scope, receive, send):
    if scope["type"] == "lifespan":
        while (message := await receive())["type"] != "lifespan.shutdown":
            await send({"type": "lifespan.startup.complete"})
        await send({"type": "lifespan.shutdown.complete"})
        return
    if scope["path"] == "/" and scope["method"] == "GET":  # hello-json
        status, answer = 200, {"message": "Hello, World!"}
    elif scope["path"] == "/users" and scope["method"] == "POST":  # create-user
        body, more = b"", True
        while more:
            message = await receive()
            body, more = body + message.get("body", b""), message.get("more_body", False)
        status, answer = create_user(body)
    else:
        status, answer = 404, {"error": "not found"}
    payload = json.dumps(answer).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})


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
