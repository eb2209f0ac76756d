"""What every sample task has to answer, as pure functions.

The runner sends the requests listed here and hands the answers back to these functions, which
return a list of problems in plain words (an empty list means the sample behaves). Nothing here
opens a socket, so the rules can be unit-tested without a server.
"""

import json
from dataclasses import dataclass, field

TASKS = ("hello-json", "create-user", "websocket-echo")

HELLO = {"message": "Hello, World!"}


@dataclass(frozen=True)
class Request:
    label: str
    method: str
    path: str
    json_body: object = None
    raw_body: bytes | None = None
    content_type: str | None = None

    def body(self) -> bytes | None:
        if self.raw_body is not None:
            return self.raw_body
        if self.json_body is not None:
            return json.dumps(self.json_body).encode("utf-8")
        return None


@dataclass
class Answer:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    def header(self, name: str) -> str:
        wanted = name.lower()
        for key, value in self.headers.items():
            if key.lower() == wanted:
                return value
        return ""


HELLO_REQUESTS = [Request("hello", "GET", "/")]

VALID_USERS = [
    {"name": "Ada Lovelace", "email": "ada@example.com"},
    {"name": "Alan Turing", "email": "alan@example.org"},
]

INVALID_USERS = [
    ("email without @", {"name": "Ada Lovelace", "email": "ada.example.com"}),
    ("nothing after the @", {"name": "Ada Lovelace", "email": "ada@"}),
    ("empty name", {"name": "", "email": "ada@example.com"}),
    ("name missing", {"email": "ada@example.com"}),
    ("email missing", {"name": "Ada Lovelace"}),
]

CREATE_USER_REQUESTS = (
    [
        Request(f"valid user {i + 1}", "POST", "/users", json_body=user, content_type="application/json")
        for i, user in enumerate(VALID_USERS)
    ]
    + [
        Request(label, "POST", "/users", json_body=body, content_type="application/json")
        for label, body in INVALID_USERS
    ]
    + [
        Request(
            "body not JSON",
            "POST",
            "/users",
            raw_body=b'{"name": "Ada Lovelace", "email": ',
            content_type="application/json",
        )
    ]
)

ECHO_MESSAGES = ["Hello, WebSocket!", "Grüße, 世界 ✓", "x" * 300]


def media_type(answer: Answer) -> str:
    return answer.header("content-type").split(";")[0].strip().lower()


def describe(answer: Answer, limit: int = 200) -> str:
    """The answer in one line: status, media type and the start of the body."""
    text = answer.body.decode("utf-8", "replace").replace("\r", " ").replace("\n", " ")
    if len(text) > limit:
        text = text[:limit] + "…"
    return f"{answer.status} {media_type(answer) or '(no content type)'} {text}".rstrip()


def _parse_json(answer: Answer):
    try:
        return json.loads(answer.body.decode("utf-8")), None
    except (UnicodeDecodeError, ValueError) as error:
        return None, f"body is not JSON ({error.__class__.__name__})"


def check_hello(answer: Answer) -> list[str]:
    problems = []
    if answer.status != 200:
        problems.append(f"status {answer.status}, expected 200")
    if media_type(answer) != "application/json":
        problems.append(f"content type {answer.header('content-type') or 'missing'!r}, expected application/json")
    data, error = _parse_json(answer)
    if error:
        problems.append(error)
    elif data != HELLO:
        problems.append(f"body {json.dumps(data, ensure_ascii=False)[:200]}, expected {json.dumps(HELLO)}")
    if problems:
        return [f"GET / answered {describe(answer)}: " + "; ".join(problems)]
    return []


def check_hello_answers(answers: list[Answer]) -> list[str]:
    return check_hello(answers[0])


def check_created(answer: Answer, sent: dict) -> list[str]:
    problems = []
    if answer.status != 201:
        problems.append(f"status {answer.status}, expected 201")
    if media_type(answer) != "application/json":
        problems.append(f"content type {answer.header('content-type') or 'missing'!r}, expected application/json")
    data, error = _parse_json(answer)
    if error:
        problems.append(error)
    elif not isinstance(data, dict):
        problems.append("body is not a JSON object")
    else:
        user_id = data.get("id")
        if not isinstance(user_id, int) or isinstance(user_id, bool):
            problems.append(f"id is {user_id!r}, expected an integer")
        for key in ("name", "email"):
            if data.get(key) != sent[key]:
                problems.append(f"{key} is {data.get(key)!r}, expected {sent[key]!r}")
    if problems:
        return [f"POST /users {json.dumps(sent)} answered {describe(answer)}: " + "; ".join(problems)]
    return []


def check_rejected(answer: Answer, label: str) -> list[str]:
    problems = []
    if answer.status not in (400, 422):
        problems.append(f"status {answer.status}, expected 400 or 422")
    kind = media_type(answer)
    if not (kind == "application/json" or (kind.startswith("application/") and kind.endswith("+json"))):
        problems.append(f"content type {answer.header('content-type') or 'missing'!r}, expected JSON")
    _data, error = _parse_json(answer)
    if error:
        problems.append(error)
    if problems:
        return [f"invalid user ({label}) answered {describe(answer)}: " + "; ".join(problems)]
    return []


def check_create_user_answers(answers: list[Answer]) -> list[str]:
    """Answers in the order of CREATE_USER_REQUESTS."""
    problems = []
    created = answers[: len(VALID_USERS)]
    for answer, sent in zip(created, VALID_USERS, strict=True):
        problems += check_created(answer, sent)
    if not problems:
        ids = [json.loads(answer.body)["id"] for answer in created]
        if len(set(ids)) != len(ids):
            problems.append(f"two created users got the same id {ids[0]}")
    for request, answer in zip(CREATE_USER_REQUESTS[len(VALID_USERS) :], answers[len(VALID_USERS) :], strict=True):
        problems += check_rejected(answer, request.label)
    return problems


def check_echo(sent: list[str], received: list[tuple[int, bytes]]) -> list[str]:
    """received holds (opcode, payload) for each message sent; opcode 1 is a text frame."""
    problems = []
    for text, (opcode, payload) in zip(sent, received, strict=False):
        shown = payload[:80].decode("utf-8", "replace")
        if opcode != 1:
            problems.append(f"sent text {text[:40]!r}, got opcode {opcode} (not a text message): {shown!r}")
        elif payload != text.encode("utf-8"):
            problems.append(f"sent {text[:40]!r}, got back {shown!r}")
    if len(received) < len(sent):
        problems.append(f"sent {len(sent)} messages, got {len(received)} back")
    return problems


HTTP_TASKS = {
    "hello-json": (HELLO_REQUESTS, check_hello_answers),
    "create-user": (CREATE_USER_REQUESTS, check_create_user_answers),
}
