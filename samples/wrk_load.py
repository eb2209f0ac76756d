"""wrk, the load generator: its command line for a sample's task, one run read into figures, its version.

bench_wrk.lua sends the request (a valid user for create-user) and prints the exact figures, which
bench_stats.py reads.
"""

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

import bench_stats
import checks
import run as runner

LUA = Path(__file__).resolve().parent / "bench_wrk.lua"


@dataclass
class Load:
    wrk: str
    seconds: int  # wrk takes whole seconds
    warmup: int
    connections: int
    threads: int
    timeout: float
    max_other: float = 0.15  # cores' worth of other work on the machine above which a round is disturbed
    quiet_wait: float = 30.0  # longest wait for the machine to calm down before a disturbed round is redone


def wrk_argv(load: Load, port: int, task: str, seconds: int) -> list[str]:
    argv = [
        load.wrk,
        f"--threads={load.threads}",
        f"--connections={load.connections}",
        f"--duration={seconds:d}s",
        f"--timeout={load.timeout:g}s",
        "--latency",
        f"--script={LUA}",
        f"http://{runner.HOST}:{port}{'/users' if task == 'create-user' else '/'}",
    ]
    if task == "create-user":
        argv += ["--", "POST", "application/json", json.dumps(checks.VALID_USERS[0])]
    return argv


def run_wrk(load: Load, port: int, task: str, seconds: int) -> dict:
    argv = wrk_argv(load, port, task, seconds)
    done = subprocess.run(argv, capture_output=True, text=True, timeout=seconds + load.timeout + 30)
    if done.returncode:
        raise RuntimeError(f"wrk exited with {done.returncode}: {runner.tail(done.stdout + done.stderr, 400)}")
    return bench_stats.parse_wrk_output(done.stdout)


def wrk_version(wrk: str) -> str:
    try:
        done = subprocess.run([wrk, "--version"], capture_output=True, text=True, timeout=10)
    except OSError:
        return ""
    return bench_stats.parse_wrk_version(done.stdout + done.stderr)
