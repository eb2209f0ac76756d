"""Asking a running sample real questions on loopback: HTTP requests, or a WebSocket echo.

The answers are judged by checks.py; what went wrong comes back as text for the result's detail.
Standard library only (wsclient.py is the WebSocket client).
"""

import http.client
import socket
import subprocess
import time
import urllib.error
import urllib.request

import checks
import wsclient
from process_output import read_log
from sample_files import Sample

HOST = "127.0.0.1"
REQUEST_TIMEOUT = 15.0


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is an answer to check, not something to follow


OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirects())


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def http_request(port: int, request: checks.Request, timeout: float = REQUEST_TIMEOUT) -> checks.Answer:
    headers = {"Accept": "application/json"}
    if request.content_type:
        headers["Content-Type"] = request.content_type
    req = urllib.request.Request(
        f"http://{HOST}:{port}{request.path}", data=request.body(), headers=headers, method=request.method
    )
    try:
        with OPENER.open(req, timeout=timeout) as response:
            return checks.Answer(response.status, dict(response.headers.items()), response.read())
    except urllib.error.HTTPError as error:
        with error:
            return checks.Answer(error.code, dict(error.headers.items()), error.read())


def wait_until_answering(proc: subprocess.Popen, port: int, log, timeout: float) -> str:
    """Empty string once the server answers any HTTP request, else what went wrong."""
    deadline = time.monotonic() + timeout
    probe = checks.Request("probe", "GET", "/")
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return f"server exited with code {proc.returncode} before answering; output: {read_log(log)}"
        try:
            http_request(port, probe, timeout=2.0)
            return ""
        except (OSError, http.client.HTTPException, ValueError):
            time.sleep(0.05)
    return f"server did not answer within {timeout:.0f}s; output: {read_log(log)}"


def run_http_task(sample: Sample, port: int) -> tuple[bool, str]:
    requests, check = checks.HTTP_TASKS[sample.task]
    answers = [http_request(port, request) for request in requests]
    problems = check(answers)
    if problems:
        return False, " | ".join(problems)
    if sample.task == "create-user":
        rejected = ", ".join(str(answer.status) for answer in answers[len(checks.VALID_USERS) :])
        return True, f"{checks.describe(answers[0])}; invalid bodies answered {rejected}"
    return True, checks.describe(answers[0])


def run_websocket_task(port: int) -> tuple[bool, str]:
    received = []
    try:
        client = wsclient.WebSocketClient.connect(HOST, port, "/ws", timeout=REQUEST_TIMEOUT)
    except (OSError, wsclient.HandshakeError) as error:
        return False, f"WebSocket handshake on /ws failed: {error}"
    try:
        for text in checks.ECHO_MESSAGES:
            client.send_text(text)
            received.append(client.recv_message())
    except (OSError, wsclient.ConnectionClosed, wsclient.ProtocolError) as error:
        problems = checks.check_echo(checks.ECHO_MESSAGES, received)
        return False, f"after {len(received)} echoes: {error}" + (f" | {' | '.join(problems)}" if problems else "")
    finally:
        client.close()
    problems = checks.check_echo(checks.ECHO_MESSAGES, received)
    if problems:
        return False, " | ".join(problems)
    return True, f"echoed {len(received)} text messages on /ws"
