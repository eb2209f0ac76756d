#!/usr/bin/env python3
"""Start every sample app for real and check what it answers.

    python samples/run.py [--only slug,...] [--task TASK] [--jobs N] [--results FILE] [--python PY]

Each framework gets its own virtual environment with the sample's pinned requirements, kept
between runs under ${PICKWISE_CACHE:-~/.cache/pickwise}/samples/venvs/ and keyed by a hash of the
requirements and the interpreter (so tasks sharing requirements share one venv). Each sample is
started with the command in its sample.toml on a free loopback port, asked real HTTP requests
(or a WebSocket echo), checked by checks.py, and stopped by ending its whole process group.
Standard library only.
"""

import argparse
import concurrent.futures
import contextlib
import datetime
import fcntl
import hashlib
import http.client
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import checks
import wsclient

HERE = Path(__file__).resolve().parent
HOST = "127.0.0.1"
START_TIMEOUT = 60.0
REQUEST_TIMEOUT = 15.0
STOP_GRACE = 5.0  # seconds a server gets to exit after SIGTERM
REQUIRED_KEYS = ("framework", "server", "command", "gives", "source")
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[A-Za-z0-9._,-]+\])?==([A-Za-z0-9.+!_-]+)$")


@dataclass
class Sample:
    task: str
    slug: str
    path: Path
    config: dict = field(default_factory=dict)
    requirements: list[str] = field(default_factory=list)
    error: str = ""  # set when the sample's own files are not usable

    @property
    def pins(self) -> dict[str, str]:
        found = {}
        for line in self.requirements:
            match = PIN.match(line)
            if match:
                found[normalize(match.group(1))] = match.group(3)
        return found

    def version_of(self, package: str) -> str:
        return self.pins.get(normalize(package), "")


@dataclass
class Result:
    framework: str
    task: str
    framework_name: str = ""
    framework_version: str = ""
    server: str = ""
    server_version: str = ""
    ok: bool = False
    seconds: float = 0.0
    startup_seconds: float | None = None
    detail: str = ""


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def read_requirements(path: Path) -> list[str]:
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            lines.append(line)
    return lines


def load_sample(task: str, folder: Path) -> Sample:
    sample = Sample(task=task, slug=folder.name, path=folder)
    problems = []
    try:
        sample.config = tomllib.loads((folder / "sample.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        problems.append(f"sample.toml unreadable: {error}")
    missing = [key for key in REQUIRED_KEYS if key not in sample.config]
    if sample.config and missing:
        problems.append(f"sample.toml lacks {', '.join(missing)}")
    command = sample.config.get("command")
    if command is not None and not (isinstance(command, list) and command and all(isinstance(a, str) for a in command)):
        problems.append("sample.toml command must be a non-empty list of strings")
    source = sample.config.get("source", "")
    if source and not str(source).startswith("https://"):
        problems.append("sample.toml source must be an https URL")
    requirements = folder / "requirements.txt"
    if requirements.exists():
        sample.requirements = read_requirements(requirements)
        loose = [line for line in sample.requirements if not PIN.match(line)]
        if loose:
            problems.append(f"requirements.txt lines not pinned with ==: {', '.join(loose)}")
    else:
        problems.append("requirements.txt missing")
    sample.error = "; ".join(problems)
    return sample


def discover(root: Path, only: set[str] | None = None, task: str | None = None) -> list[Sample]:
    samples = []
    for name in checks.TASKS:
        if task and name != task:
            continue
        task_dir = root / name
        if not task_dir.is_dir():
            continue
        for folder in sorted(task_dir.iterdir()):
            if not (folder / "sample.toml").is_file():
                continue
            if only and folder.name not in only:
                continue
            samples.append(load_sample(name, folder))
    return samples


INHERITED_NOT = {
    "DJANGO_SETTINGS_MODULE",
    "DATABASE_URL",
    "REDIS_URL",
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "PYTHONPATH",
}

# Virtual environments -------------------------------------------------------------------------


def interpreter_facts(python: str) -> dict:
    code = (
        "import json, platform, sys;"
        "print(json.dumps({'version': platform.python_version(), 'full': sys.version,"
        " 'executable': sys.executable}))"
    )
    out = subprocess.run([python, "-c", code], capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def venv_key(requirements: list[str], interpreter: dict) -> str:
    text = "\n".join(sorted(requirements)) + "\n--\n" + interpreter["full"] + "\n" + interpreter["executable"]
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def cache_root() -> Path:
    return Path(os.environ.get("PICKWISE_CACHE") or Path.home() / ".cache" / "pickwise") / "samples"


def ensure_venv(sample: Sample, python: str, interpreter: dict, cache: Path) -> Path:
    """The sample's venv, built once and reused; raises RuntimeError with pip's words on failure."""
    venvs = cache / "venvs"
    venvs.mkdir(parents=True, exist_ok=True)
    target = venvs / f"{sample.slug}-{venv_key(sample.requirements, interpreter)}"
    with open(venvs / f"{target.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another runner building the same venv waits here
        if (target / ".ready").exists():
            return target
        shutil.rmtree(target, ignore_errors=True)
        create = [python, "-m", "venv", str(target)]
        if not sample.requirements:
            create.append("--without-pip")
        done = subprocess.run(create, capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"venv creation failed: {tail(done.stdout + done.stderr)}")
        if sample.requirements:
            (target / "requirements.txt").write_text("\n".join(sample.requirements) + "\n", encoding="utf-8")
            env = os.environ | {"PIP_CACHE_DIR": str(cache / "pip-cache"), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
            install = [
                str(target / "bin" / "python"),
                "-m",
                "pip",
                "install",
                "--no-input",
                "-r",
                str(target / "requirements.txt"),
            ]
            done = subprocess.run(install, capture_output=True, text=True, env=env)
            (target / "pip.log").write_text(done.stdout + done.stderr, encoding="utf-8")
            if done.returncode:
                raise RuntimeError(f"pip install failed: {tail(pip_error(done.stdout + done.stderr))}")
        (target / ".ready").write_text(datetime.datetime.now().isoformat(), encoding="utf-8")
        return target


def pip_error(output: str) -> str:
    lines = [line for line in output.splitlines() if "is ignored: it is neither a file nor a directory" not in line]
    errors = [line for line in lines if "error" in line.lower()]
    return "\n".join(errors[-8:] or lines[-8:])


def tail(text: str, limit: int = 600) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else "…" + text[-limit:]


# Running one sample ---------------------------------------------------------------------------


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


def read_log(log) -> str:
    log.flush()
    log.seek(0)
    return tail(log.read().decode("utf-8", "replace"), 800) or "(nothing)"


def stop(proc: subprocess.Popen) -> bool:
    """End the server's whole process group: politely first, then for good. True if it left on its own."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=STOP_GRACE)
        exited = True
    except subprocess.TimeoutExpired:
        exited = False
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)  # workers that outlived their parent go too
    proc.wait()
    return exited


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


def run_sample(sample: Sample, venv: Path) -> tuple[bool, str, float | None, float]:
    """(ok, detail, seconds until the server answered, seconds until the checks were done)."""
    port = free_port()
    argv = [part.replace("{port}", str(port)) for part in sample.config["command"]]
    # A sample must not inherit the settings of whatever started the runner (make exports Pickwise's
    # DJANGO_SETTINGS_MODULE, CI sets DATABASE_URL): each app configures itself.
    env = {k: v for k, v in os.environ.items() if k not in INHERITED_NOT}
    env.pop("PYTHONHOME", None)
    env.pop("PYTHONPATH", None)
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(venv)
    env["PYTHONUNBUFFERED"] = "1"
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # keep __pycache__ out of the samples tree
    started = time.monotonic()
    with tempfile.TemporaryFile() as log:
        try:
            proc = subprocess.Popen(
                argv,
                cwd=sample.path,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        except OSError as error:
            return False, f"could not start {argv[0]!r}: {error}", None, time.monotonic() - started
        try:
            ok, detail, startup = check_running_server(sample, proc, port, log)
        finally:
            seconds = time.monotonic() - started
            exited = stop(proc)
        if not exited:
            detail += f" (the server was still running {STOP_GRACE:g}s after SIGTERM and was killed)"
        return ok, detail, startup, seconds


def check_running_server(sample: Sample, proc: subprocess.Popen, port: int, log) -> tuple[bool, str, float | None]:
    started = time.monotonic()
    problem = wait_until_answering(proc, port, log, START_TIMEOUT)
    if problem:
        return False, problem, None
    startup = time.monotonic() - started
    try:
        if sample.task == "websocket-echo":
            ok, detail = run_websocket_task(port)
        else:
            ok, detail = run_http_task(sample, port)
    except (OSError, http.client.HTTPException) as error:
        ok, detail = False, f"request failed: {error}; server output: {read_log(log)}"
    if proc.poll() is not None:
        ok = False
        detail += f"; server exited with code {proc.returncode} during the checks: {read_log(log)}"
    return ok, detail, startup


# The whole run --------------------------------------------------------------------------------


class Progress:
    def __init__(self, total: int):
        self.total = total
        self.done = 0
        self.lock = threading.Lock()

    def report(self, result: Result) -> None:
        with self.lock:
            self.done += 1
            verdict = "ok" if result.ok else "FAIL"
            line = f"[{self.done}/{self.total}] {result.framework} {result.task} ... {verdict} {result.seconds:.1f}s"
            if not result.ok:
                line += f": {result.detail[:300]}"
            print(line, flush=True)


def new_result(sample: Sample) -> Result:
    config = sample.config
    package = config.get("package", sample.slug)
    server_package = config.get("server_package", str(config.get("server", "")).lower())
    return Result(
        framework=sample.slug,
        task=sample.task,
        framework_name=config.get("framework", sample.slug),
        framework_version=sample.version_of(package),
        server=config.get("server", ""),
        server_version=sample.version_of(server_package),
    )


def run_framework(samples: list[Sample], python: str, interpreter: dict, cache: Path, progress: Progress):
    """All the tasks of one framework, one after another (they usually share a venv)."""
    results = []
    broken_venvs: dict[str, str] = {}  # an install that failed is not tried again for the next task
    for sample in samples:
        result = new_result(sample)
        key = venv_key(sample.requirements, interpreter)
        if sample.error:
            result.detail = sample.error
        elif key in broken_venvs:
            result.detail = broken_venvs[key]
        else:
            try:
                venv = ensure_venv(sample, python, interpreter, cache)
            except (RuntimeError, OSError) as error:
                result.detail = broken_venvs[key] = str(error)
            else:
                try:
                    result.ok, result.detail, startup, seconds = run_sample(sample, venv)
                except Exception as error:  # a bug here must not hide the other samples' results
                    result.detail = f"runner error: {error.__class__.__name__}: {error}"
                else:
                    result.seconds = round(seconds, 2)
                    result.startup_seconds = None if startup is None else round(startup, 2)
        progress.report(result)
        results.append(result)
    return results


def machine_facts() -> dict:
    facts = {
        "system": platform.system(),
        "release": platform.release(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
    }
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                facts["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                facts["memory_gib"] = round(int(line.split()[1]) / 1024 / 1024, 1)
                break
    except OSError:
        pass
    return facts


def print_table(results: list[Result]) -> None:
    rows = [("framework", "task", "version", "server", "result", "seconds")]
    for r in results:
        server = f"{r.server} {r.server_version}".strip()
        rows.append((r.framework, r.task, r.framework_version, server, "ok" if r.ok else "FAIL", f"{r.seconds:.1f}"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for index, row in enumerate(rows):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
        if index == 0:
            print("  ".join("-" * width for width in widths))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the sample apps and check their answers.")
    parser.add_argument("--only", help="comma-separated framework slugs")
    parser.add_argument("--task", choices=checks.TASKS, help="run one task only")
    parser.add_argument("--jobs", type=int, default=2, help="frameworks run in parallel (default 2)")
    parser.add_argument("--results", type=Path, default=HERE / "results.json", help="where the JSON results go")
    parser.add_argument("--python", default=sys.executable, help="interpreter for the venvs (default: this one)")
    parser.add_argument("--root", type=Path, default=HERE, help="folder holding the task folders (default: here)")
    args = parser.parse_args(argv)

    only = {slug.strip() for slug in args.only.split(",") if slug.strip()} if args.only else None
    samples = discover(args.root, only, args.task)
    if only:
        unknown = only - {sample.slug for sample in samples}
        if unknown:
            print(f"no samples for: {', '.join(sorted(unknown))}", file=sys.stderr)
    if not samples:
        print("no samples to run", file=sys.stderr)
        return 2

    interpreter = interpreter_facts(args.python)
    cache = cache_root()
    by_framework: dict[str, list[Sample]] = {}
    for sample in samples:
        by_framework.setdefault(sample.slug, []).append(sample)
    print(
        f"{len(samples)} samples of {len(by_framework)} frameworks, Python {interpreter['version']}, "
        f"{args.jobs} at a time, venvs under {cache / 'venvs'}",
        flush=True,
    )

    started = time.monotonic()
    progress = Progress(len(samples))
    results: list[Result] = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [
            pool.submit(run_framework, group, args.python, interpreter, cache, progress)
            for group in by_framework.values()
        ]
        for future in concurrent.futures.as_completed(futures):
            results += future.result()
    order = {task: index for index, task in enumerate(checks.TASKS)}
    results.sort(key=lambda r: (r.framework, order[r.task]))
    wall = time.monotonic() - started

    print()
    print_table(results)
    failed = [r for r in results if not r.ok]
    print(f"\n{len(results) - len(failed)} passed, {len(failed)} failed in {wall:.0f}s")
    for r in failed:
        print(f"FAILED {r.framework} {r.task}: {r.detail}")

    document = {
        "checked_on": datetime.date.today().isoformat(),
        "python": interpreter["version"],
        "machine": machine_facts(),
        "results": [
            {
                "framework": r.framework,
                "framework_name": r.framework_name,
                "task": r.task,
                "framework_version": r.framework_version,
                "server": r.server,
                "server_version": r.server_version,
                "ok": r.ok,
                "seconds": r.seconds,
                "startup_seconds": r.startup_seconds,
                "detail": r.detail,
            }
            for r in results
        ],
    }
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"results written to {args.results}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
