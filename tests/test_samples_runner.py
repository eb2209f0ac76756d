"""The sample runner (samples/run.py), its answer checks and its WebSocket client, without any framework.

The end-to-end tests build a throwaway samples tree whose apps are standard-library servers, so the
venvs need no packages and the run takes a few seconds.
"""

import importlib.util
import json
import os
import socket
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from .factories import STDLIB_APP

HERE = Path(__file__).resolve().parent
SAMPLES = next(path for path in (HERE.parent / "samples", HERE.parent) if (path / "run.py").is_file())
sys.path.insert(0, str(SAMPLES))

import checks  # noqa: E402
import wsclient  # noqa: E402

_spec = importlib.util.spec_from_file_location("samples_run", SAMPLES / "run.py")
runner = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(runner)

JSON = {"Content-Type": "application/json"}


def answer(status, body, headers=JSON):
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    return checks.Answer(status, dict(headers), raw)


# hello-json ------------------------------------------------------------------------------------


def test_hello_right_answer_has_no_problems():
    assert checks.check_hello(answer(200, {"message": "Hello, World!"})) == []


def test_hello_accepts_a_charset_parameter():
    headers = {"content-type": "application/json; charset=utf-8"}
    assert checks.check_hello(answer(200, {"message": "Hello, World!"}, headers)) == []


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        (answer(200, {"message": "Hello, world"}), 'expected {"message": "Hello, World!"}'),
        (answer(200, {"message": "Hello, World!"}, {"Content-Type": "text/plain"}), "content type 'text/plain'"),
        (answer(500, {"message": "Hello, World!"}), "status 500"),
        (answer(200, b"<h1>Hello</h1>"), "not JSON"),
    ],
)
def test_hello_wrong_answers_are_named(reply, expected):
    problems = checks.check_hello(reply)
    assert len(problems) == 1
    assert expected in problems[0]
    assert problems[0].startswith("GET / answered")


# create-user -----------------------------------------------------------------------------------


def good_create_user_answers():
    created = [answer(201, {"id": i + 1, **user}) for i, user in enumerate(checks.VALID_USERS)]
    rejected = [answer(422, {"detail": "invalid"}) for _ in checks.CREATE_USER_REQUESTS[len(created) :]]
    return created + rejected


def test_create_user_good_answers_pass():
    assert checks.check_create_user_answers(good_create_user_answers()) == []


def test_create_user_accepts_400_and_problem_json():
    answers = good_create_user_answers()
    answers[-1] = answer(400, {"title": "Bad Request"}, {"Content-Type": "application/problem+json"})
    assert checks.check_create_user_answers(answers) == []


def test_create_user_same_id_twice_is_a_problem():
    answers = good_create_user_answers()
    answers[1] = answer(201, {"id": 1, **checks.VALID_USERS[1]})
    assert checks.check_create_user_answers(answers) == ["two created users got the same id 1"]


def test_create_user_string_id_is_a_problem():
    answers = good_create_user_answers()
    answers[0] = answer(201, {"id": "1", **checks.VALID_USERS[0]})
    (problem,) = checks.check_create_user_answers(answers)
    assert "id is '1', expected an integer" in problem


def test_create_user_accepting_a_bad_email_is_a_problem():
    answers = good_create_user_answers()
    answers[2] = answer(201, {"id": 3, "name": "Ada Lovelace", "email": "ada.example.com"})
    (problem,) = checks.check_create_user_answers(answers)
    assert problem.startswith("invalid user (email without @) answered 201")
    assert "expected 400 or 422" in problem


def test_create_user_html_error_page_is_a_problem():
    answers = good_create_user_answers()
    answers[-1] = answer(400, b"<html>Bad Request</html>", {"Content-Type": "text/html"})
    (problem,) = checks.check_create_user_answers(answers)
    assert "body not JSON" in problem
    assert "expected JSON" in problem


def test_create_user_requests_cover_the_rules():
    labels = [request.label for request in checks.CREATE_USER_REQUESTS]
    assert labels[:2] == ["valid user 1", "valid user 2"]
    assert {"email without @", "empty name", "name missing", "body not JSON"} <= set(labels)
    not_json = checks.CREATE_USER_REQUESTS[-1].body()
    with pytest.raises(ValueError):
        json.loads(not_json)


# websocket-echo --------------------------------------------------------------------------------


def test_echo_check():
    sent = ["a", "b"]
    assert checks.check_echo(sent, [(1, b"a"), (1, b"b")]) == []
    assert checks.check_echo(sent, [(1, b"a"), (1, b"B")]) == ["sent 'b', got back 'B'"]
    assert checks.check_echo(sent, [(2, b"a"), (1, b"b")])[0].startswith("sent text 'a', got opcode 2")
    assert checks.check_echo(sent, [(1, b"a")]) == ["sent 2 messages, got 1 back"]


def test_accept_key_matches_rfc_6455_example():
    assert wsclient.accept_key("dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="


@pytest.mark.parametrize("size", [0, 5, 125, 126, 300, 65535, 65536, 70000])
def test_frames_round_trip_with_and_without_mask(size):
    payload = bytes(range(256)) * (size // 256) + bytes(range(size % 256))
    for mask in (None, b"\x01\x02\x03\x04"):
        frame = wsclient.encode_frame(wsclient.OP_TEXT, payload, mask)
        reader = _reader(frame)
        fin, opcode, data = wsclient.read_frame(reader, expect_masked=mask is not None)
        assert (fin, opcode, data) == (True, wsclient.OP_TEXT, payload)
        if mask is not None and payload:
            assert payload not in frame  # masked on the wire


def test_unmasked_frame_from_a_client_or_masked_from_a_server_is_refused():
    with pytest.raises(wsclient.ProtocolError):
        wsclient.read_frame(_reader(wsclient.encode_frame(1, b"hi", b"abcd")))
    with pytest.raises(wsclient.ProtocolError):
        wsclient.read_frame(_reader(wsclient.encode_frame(1, b"hi", None)), expect_masked=True)


def _reader(data):
    view = memoryview(data)
    position = 0

    def read_exact(size):
        nonlocal position
        chunk = bytes(view[position : position + size])
        position += size
        return chunk

    return read_exact


class TinyWebSocketServer:
    """An echo server on the standard library; it insists that client frames are masked."""

    def __init__(self, transform=lambda text: text, fragment=False):
        self.transform = transform
        self.fragment = fragment
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        conn, _ = self.sock.accept()
        with conn:
            data = b""
            while b"\r\n\r\n" not in data:
                data += conn.recv(4096)
            head, _, rest = data.partition(b"\r\n\r\n")
            key = next(
                line.split(":", 1)[1].strip()
                for line in head.decode().split("\r\n")
                if line.lower().startswith("sec-websocket-key")
            )
            conn.sendall(
                b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + f"Sec-WebSocket-Accept: {wsclient.accept_key(key)}\r\n\r\n".encode()
            )
            buffer = bytearray(rest)

            def read_exact(size):
                while len(buffer) < size:
                    chunk = conn.recv(65536)
                    if not chunk:
                        raise wsclient.ConnectionClosed()
                    buffer.extend(chunk)
                out = bytes(buffer[:size])
                del buffer[:size]
                return out

            conn.sendall(wsclient.encode_frame(wsclient.OP_PING, b"are you there", None))
            try:
                while True:
                    _fin, opcode, payload = wsclient.read_frame(read_exact, expect_masked=True)
                    if opcode == wsclient.OP_CLOSE:
                        conn.sendall(wsclient.encode_frame(wsclient.OP_CLOSE, payload[:2], None))
                        return
                    if opcode != wsclient.OP_TEXT:
                        continue
                    reply = self.transform(payload.decode()).encode()
                    if self.fragment and len(reply) > 1:
                        half = len(reply) // 2
                        conn.sendall(wsclient.encode_frame(wsclient.OP_TEXT, reply[:half], None, fin=False))
                        conn.sendall(wsclient.encode_frame(wsclient.OP_CONTINUATION, reply[half:], None))
                    else:
                        conn.sendall(wsclient.encode_frame(wsclient.OP_TEXT, reply, None))
            except (wsclient.ConnectionClosed, OSError):
                return

    def close(self):
        self.sock.close()
        self.thread.join(timeout=5)


@pytest.mark.parametrize("fragment", [False, True])
def test_websocket_check_passes_against_a_real_echo(fragment):
    server = TinyWebSocketServer(fragment=fragment)
    try:
        ok, detail = runner.run_websocket_task(server.port)
    finally:
        server.close()
    assert ok, detail
    assert detail == "echoed 3 text messages on /ws"


def test_websocket_check_reports_a_wrong_echo():
    server = TinyWebSocketServer(transform=str.upper)
    try:
        ok, detail = runner.run_websocket_task(server.port)
    finally:
        server.close()
    assert not ok
    assert "got back 'HELLO, WEBSOCKET!'" in detail


def test_websocket_check_reports_a_plain_http_server():
    with socket.create_server(("127.0.0.1", 0)) as sock:
        port = sock.getsockname()[1]

        def refuse():
            conn, _ = sock.accept()
            with conn:
                conn.recv(4096)
                conn.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot here!")

        thread = threading.Thread(target=refuse, daemon=True)
        thread.start()
        ok, detail = runner.run_websocket_task(port)
        thread.join(timeout=5)
    assert not ok
    assert "handshake on /ws failed" in detail
    assert "404" in detail


# the runner end to end -------------------------------------------------------------------------


def make_sample(root, slug, app_source, requirements="", command=("python", "app.py", "{port}")):
    folder = root / "hello-json" / slug
    folder.mkdir(parents=True)
    (folder / "app.py").write_text(app_source)
    (folder / "requirements.txt").write_text(requirements)
    argv = ", ".join(json.dumps(part) for part in command)
    (folder / "sample.toml").write_text(
        textwrap.dedent(
            f"""\
            framework = "{slug.title()}"
            server = "http.server"
            server_package = "none"
            command = [{argv}]
            gives = "Nothing: a standard-library stand-in used by the runner's tests."
            source = "https://docs.python.org/3/library/http.server.html"
            """
        )
    )


def run_runner(root, tmp_path, *args, extra_env=None):
    env = os.environ | {"PICKWISE_CACHE": str(tmp_path / "cache")} | (extra_env or {})
    results = tmp_path / "results.json"
    done = subprocess.run(
        [sys.executable, str(SAMPLES / "run.py"), "--root", str(root), "--results", str(results), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=240,
    )
    return done, json.loads(results.read_text()) if results.exists() else None


def test_runner_reports_a_broken_sample_and_passes_a_good_one(tmp_path):
    root = tmp_path / "samples"
    make_sample(root, "good", STDLIB_APP.format(message="Hello, World!"))
    make_sample(root, "broken", STDLIB_APP.format(message="Hello, world"))

    done, results = run_runner(root, tmp_path, "--jobs", "2")

    assert done.returncode == 1, done.stdout + done.stderr
    assert "FAILED broken hello-json" in done.stdout
    assert '{"message": "Hello, world"}' in done.stdout  # the answer it got is shown
    assert "[2/2]" in done.stdout
    by_slug = {r["framework"]: r for r in results["results"]}
    assert by_slug["good"]["ok"] is True
    assert by_slug["broken"]["ok"] is False
    assert "Hello, world" in by_slug["broken"]["detail"]
    assert results["python"] == ".".join(map(str, sys.version_info[:3]))
    assert results["machine"]["cpus"] == os.cpu_count()
    assert len(results["checked_on"]) == 10


def test_runner_only_and_exit_code_zero_when_all_pass(tmp_path):
    root = tmp_path / "samples"
    make_sample(root, "good", STDLIB_APP.format(message="Hello, World!"))
    make_sample(root, "broken", STDLIB_APP.format(message="nope"))

    done, results = run_runner(root, tmp_path, "--only", "good", "--task", "hello-json")

    assert done.returncode == 0, done.stdout + done.stderr
    assert [r["framework"] for r in results["results"]] == ["good"]


def test_runner_reports_a_server_that_dies_and_loose_requirements(tmp_path):
    root = tmp_path / "samples"
    make_sample(root, "crashes", "import sys\nsys.exit('cannot start: no config')\n")
    make_sample(root, "unpinned", STDLIB_APP.format(message="Hello, World!"), requirements="flask>=3\n")

    done, results = run_runner(root, tmp_path)

    assert done.returncode == 1
    by_slug = {r["framework"]: r for r in results["results"]}
    assert "exited with code 1 before answering" in by_slug["crashes"]["detail"]
    assert "cannot start: no config" in by_slug["crashes"]["detail"]
    assert "not pinned with ==: flask>=3" in by_slug["unpinned"]["detail"]


def test_venv_is_built_once_and_reused(tmp_path):
    root = tmp_path / "samples"
    make_sample(root, "good", STDLIB_APP.format(message="Hello, World!"))
    sample = runner.discover(root)[0]
    interpreter = runner.interpreter_facts(sys.executable)
    cache = tmp_path / "cache"

    first = runner.ensure_venv(sample, sys.executable, interpreter, cache)
    stamp = (first / ".ready").read_text()
    second = runner.ensure_venv(sample, sys.executable, interpreter, cache)

    assert first == second
    assert (second / ".ready").read_text() == stamp
    assert first.parent == cache / "venvs"
    assert first.name.startswith("good-")
    # the key depends on the requirements, not on the task
    assert runner.venv_key(["a==1", "b==2"], interpreter) == runner.venv_key(["b==2", "a==1"], interpreter)
    assert runner.venv_key(["a==1"], interpreter) != runner.venv_key(["a==2"], interpreter)


def test_every_real_sample_is_complete():
    samples = runner.discover(SAMPLES)
    assert samples, "no samples found"
    problems = [f"{s.task}/{s.slug}: {s.error}" for s in samples if s.error]
    assert problems == []
    for sample in samples:
        package = sample.config.get("package", sample.slug)
        server_package = sample.config.get("server_package", sample.config["server"].lower())
        assert sample.version_of(package), f"{sample.task}/{sample.slug} does not pin {package}"
        assert sample.version_of(server_package), f"{sample.task}/{sample.slug} does not pin {server_package}"
        assert any("{port}" in part for part in sample.config["command"]), sample.path
        assert sample.config["source"].startswith("https://")


def test_failed_install_is_reported_with_pips_words(tmp_path):
    root = tmp_path / "samples"
    make_sample(root, "noinstall", STDLIB_APP.format(message="Hello, World!"), requirements="no-such-dist-xyz==0.0.1\n")
    # no index: pip fails at once, without the network, as it would for a name PyPI does not have
    done, results = run_runner(root, tmp_path, extra_env={"PIP_NO_INDEX": "1", "PIP_FIND_LINKS": ""})
    assert done.returncode == 1
    (result,) = results["results"]
    assert result["ok"] is False
    assert result["detail"].startswith("pip install failed")
    assert "no-such-dist-xyz" in result["detail"]


def test_a_server_that_ignores_sigterm_is_killed_and_said_so(tmp_path, monkeypatch):
    root = tmp_path / "samples"
    stubborn = "import signal\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\n" + STDLIB_APP.format(
        message="Hello, World!"
    )
    make_sample(root, "stubborn", stubborn)
    sample = runner.discover(root)[0]
    interpreter = runner.interpreter_facts(sys.executable)
    venv = runner.ensure_venv(sample, sys.executable, interpreter, tmp_path / "cache")
    monkeypatch.setattr(runner, "STOP_GRACE", 0.5)

    ok, detail, startup, seconds = runner.run_sample(sample, venv)

    assert ok, detail
    assert detail.endswith("(the server was still running 0.5s after SIGTERM and was killed)")
    assert startup is not None and seconds >= startup
