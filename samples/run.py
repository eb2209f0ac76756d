#!/usr/bin/env python3
"""Start every sample app for real and check what it answers.

    python samples/run.py [--only slug,...] [--task TASK] [--jobs N] [--results FILE] [--python PY]

Each framework gets its own virtual environment with the sample's pinned requirements, kept
between runs under ${PICKWISE_CACHE:-~/.cache/pickwise}/samples/venvs/ and keyed by a hash of the
requirements and the interpreter (so tasks sharing requirements share one venv). Each sample is
started with the command in its sample.toml on a free loopback port, asked real HTTP requests
(or a WebSocket echo), checked by checks.py, and stopped by ending its whole process group.
Standard library only.

This file starts and stops the servers and runs the whole thing; sample_files.py reads the
samples, sample_venvs.py builds their venvs, sample_requests.py asks them the questions.
"""

import argparse
import concurrent.futures
import contextlib
import datetime
import http.client
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # the tests load this file by path, not as a script
    sys.path.insert(0, str(HERE))

# The `x as x` imports are not used here: bench.py reaches them as runner.<x>
import checks  # noqa: E402
from process_output import read_log  # noqa: E402
from process_output import tail as tail  # noqa: E402
from sample_files import Sample, discover  # noqa: E402
from sample_files import load_sample as load_sample  # noqa: E402
from sample_requests import HOST as HOST  # noqa: E402
from sample_requests import free_port, run_http_task, run_websocket_task, wait_until_answering  # noqa: E402
from sample_venvs import cache_root, ensure_venv, interpreter_facts, venv_key  # noqa: E402

START_TIMEOUT = 60.0
STOP_GRACE = 5.0  # seconds a server gets to exit after SIGTERM
INHERITED_NOT = {
    "DJANGO_SETTINGS_MODULE",
    "DATABASE_URL",
    "REDIS_URL",
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "PYTHONPATH",
}


# Running one sample ---------------------------------------------------------------------------


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
    """(ok, detail, seconds until it answered) for a started server. A function of its own because
    bench.py swaps it for one that also times the server while it is up."""
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
