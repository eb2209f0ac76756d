#!/usr/bin/env python3
"""Time the sample apps under load with wrk, against a bare ASGI and a bare WSGI app in the same run.

    python samples/bench.py [--only slug,...] [--task hello-json] [--seconds 10] [--connections 16]
                            [--rounds 3] [--results samples/bench-results.json]

Every sample runs "as documented": the server and settings in its sample.toml, nothing tuned. Each
time it is started the runner's (run.py) own code starts it and checks its answers first; a sample
that fails its check is not timed, and the reason is recorded. A sample that passes gets a warm-up,
then wrk at a fixed concurrency for a fixed time, while the server's process tree is watched for CPU
seconds (utime+stime from /proc/<pid>/stat) and peak RSS (VmHWM from /proc/<pid>/status). Rounds are
interleaved: round 1 times every sample once, then round 2, and so on, and each sample's req/s is
divided by its baseline's req/s of the same round (bench_stats.py holds that arithmetic).

The baselines are samples too (baselines/asgi: a raw ASGI callable on Uvicorn; baselines/wsgi: a
raw WSGI callable on Gunicorn, the versions the samples pin). ASGI frameworks are compared with the
first, WSGI frameworks with the second, and frameworks that bring their own server with the ASGI
one, which the report says. Standard library only, plus wrk (apt-get install wrk).
"""

import argparse
import collections
import contextlib
import csv
import datetime
import json
import os
import platform
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import bench_stats  # noqa: E402
import checks  # noqa: E402
import run as runner  # noqa: E402

LUA = HERE / "bench_wrk.lua"
BENCH_TASKS = ("hello-json", "create-user")  # websocket-echo is not an HTTP load
CLK_TCK = os.sysconf("SC_CLK_TCK")
POLL = 0.5  # seconds between looks at the process tree's memory while under load
OVERHEAD = 1.5  # rough seconds per timed sample for start, check and stop (for the estimate)


@dataclass
class Entry:
    """One sample to time: a framework's, or a baseline."""

    sample: runner.Sample
    baseline_of: str = ""  # "asgi"/"wsgi" for the baselines themselves
    basis: bench_stats.Basis | None = None
    venv: Path | None = None
    speedups: list[str] = field(default_factory=list)
    refused: str = ""  # why it is not timed (install failure, failed check, ...)
    rounds: list[dict] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"baseline-{self.baseline_of}" if self.baseline_of else self.sample.slug


# The process tree ------------------------------------------------------------------------------


def parse_proc_stat(text: str) -> dict:
    """pid, ppid, session and CPU ticks (own utime+stime, plus cutime+cstime of reaped children)
    from one /proc/<pid>/stat line; the command name may hold spaces and parentheses."""
    head, _, rest = text.rpartition(")")
    fields = rest.split()
    pid = int(head.split("(", 1)[0])
    utime, stime, cutime, cstime = (int(value) for value in fields[11:15])
    return {"pid": pid, "ppid": int(fields[1]), "sid": int(fields[3]), "ticks": utime + stime + cutime + cstime}


def parse_vm_hwm_kib(text: str) -> int:
    """VmHWM (peak resident set) in KiB from /proc/<pid>/status; 0 for a zombie, which has none."""
    for line in text.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def process_tree(root: int) -> dict[int, dict]:
    """The root process, its descendants, and anything else in its session (the runner starts every
    server in a session of its own)."""
    stats = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, ValueError, IndexError):
            stats[int(entry.name)] = parse_proc_stat(Path(entry.path, "stat").read_text())
    children = collections.defaultdict(list)
    for stat in stats.values():
        children[stat["ppid"]].append(stat["pid"])
    found, todo = {}, [root]
    while todo:
        pid = todo.pop()
        if pid in stats and pid not in found:
            found[pid] = stats[pid]
            todo += children[pid]
    for pid, stat in stats.items():
        if stat["sid"] == root:
            found.setdefault(pid, stat)
    return found


def tree_cpu_seconds(tree: dict[int, dict]) -> float:
    return sum(stat["ticks"] for stat in tree.values()) / CLK_TCK


def parse_cpu_line(text: str) -> dict:
    """Seconds the whole machine spent running processes (user+nice+system) and stolen by the
    hypervisor, from the first line of /proc/stat; interrupt time (loopback traffic) is left out."""
    fields = [int(value) for value in text.splitlines()[0].split()[1:]]
    user, nice, system, _idle, _iowait, _irq, _softirq, steal = (fields + [0] * 8)[:8]
    return {"busy": (user + nice + system) / CLK_TCK, "steal": steal / CLK_TCK}


def machine_cpu() -> dict:
    return parse_cpu_line(Path("/proc/stat").read_text())


def own_cpu_seconds() -> tuple[float, float]:
    """(this process, its reaped children: wrk): user+system seconds so far."""
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, children.ru_utime + children.ru_stime


def machine_busy(seconds: float = 1.0) -> float:
    """Cores' worth of process CPU the machine uses over a short look (nothing of ours is running)."""
    before = machine_cpu()["busy"]
    time.sleep(seconds)
    return (machine_cpu()["busy"] - before) / seconds


class MemoryWatch:
    """Peak RSS of a process tree: each process's VmHWM (its lifetime peak), looked at every POLL
    seconds so that processes which come and go are counted too, summed over the processes."""

    def __init__(self, root: int):
        self.root = root
        self.peaks: dict[int, int] = {}
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)

    def look(self) -> None:
        for pid in process_tree(self.root):
            with contextlib.suppress(OSError, ValueError):
                kib = parse_vm_hwm_kib(Path(f"/proc/{pid}/status").read_text())
                self.peaks[pid] = max(self.peaks.get(pid, 0), kib)

    def _watch(self) -> None:
        while not self.stopping.wait(POLL):
            self.look()

    def __enter__(self):
        self.look()
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        self.thread.join()
        self.look()

    @property
    def mib(self) -> float:
        return sum(self.peaks.values()) / 1024


# wrk -------------------------------------------------------------------------------------------


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


# One timed round of one sample -----------------------------------------------------------------


def measure_running(sample: runner.Sample, proc: subprocess.Popen, port: int, load: Load) -> dict:
    """Warm-up, then the timed load with the process tree watched, then the check once more."""
    if load.warmup > 0:
        run_wrk(load, port, sample.task, load.warmup)
    before = tree_cpu_seconds(process_tree(proc.pid))
    machine_before, (me_before, wrk_before) = machine_cpu(), own_cpu_seconds()
    started = time.monotonic()
    with MemoryWatch(proc.pid) as memory:
        figures = run_wrk(load, port, sample.task, load.seconds)
        tree = process_tree(proc.pid)  # read before the watch's last look, while wrk's load just ended
        machine_after, (me_after, wrk_after) = machine_cpu(), own_cpu_seconds()
    wall = time.monotonic() - started
    cpu = tree_cpu_seconds(tree) - before
    wrk_cpu, me_cpu = wrk_after - wrk_before, me_after - me_before
    other = machine_after["busy"] - machine_before["busy"] - cpu - wrk_cpu - me_cpu
    figures.update(
        wrk_cpu_seconds=round(wrk_cpu, 3),
        other_cpu_seconds=round(max(other, 0.0), 3),  # whatever else ran on the machine meanwhile
        steal_seconds=round(machine_after["steal"] - machine_before["steal"], 3),
        disturbed=bench_stats.disturbed(other, wall, load.max_other),
        cpu_seconds=round(cpu, 3),
        cpu_cores=round(cpu / wall, 3) if wall > 0 else None,
        cpu_us_per_request=round(cpu * 1e6 / figures["requests"], 1) if figures["requests"] else None,
        rss_mb=round(memory.mib, 1),
        processes=len(memory.peaks),
    )
    if proc.poll() is not None:
        raise RuntimeError(f"the server exited with code {proc.returncode} under load")
    ok, detail = runner.run_http_task(sample, port)  # the answers are still right after the load
    if not ok:
        raise RuntimeError(f"after the load the answers went wrong: {detail}")
    return figures


def time_sample(sample: runner.Sample, venv: Path, load: Load) -> tuple[bool, str, dict | None]:
    """Start the sample the way run.py does, check it, and time it only when the check passed.

    (checked, detail, figures): checked is False when the runner's check failed (the sample is then
    refused, and wrk never ran); figures is None when the timing itself went wrong (detail says why).
    run.py's run_sample starts the server, calls check_running_server and stops the server; the
    timing runs inside that call, after the check, while the server is still up.
    """
    outcome: dict = {}
    check = runner.check_running_server

    def check_then_time(sample, proc, port, log):
        ok, detail, startup = check(sample, proc, port, log)
        if ok:
            try:
                outcome["figures"] = measure_running(sample, proc, port, load)
            except (RuntimeError, OSError, subprocess.TimeoutExpired, bench_stats.WrkOutputError) as error:
                outcome["error"] = f"{error}; server output: {runner.read_log(log)}"
        return ok, detail, startup

    runner.check_running_server = check_then_time
    try:
        ok, detail, startup, seconds = runner.run_sample(sample, venv)
    finally:
        runner.check_running_server = check
    if not ok:
        return False, detail, None
    figures = outcome.get("figures")
    if figures is not None:
        figures["startup_seconds"] = None if startup is None else round(startup, 2)
    return True, outcome.get("error", detail), figures


def time_with_retries(entry: Entry, load: Load, retries: int) -> tuple[bool, str, dict | None, int]:
    """time_sample, redone (after the machine has calmed down) when other processes took CPU during
    the timed load; the least disturbed attempt is kept. (checked, detail, figures, attempts)."""
    best = None
    for attempt in range(1, retries + 2):
        try:
            checked, detail, figures = time_sample(entry.sample, entry.venv, load)
        except Exception as error:  # a bug here must not lose the other samples' figures
            checked, detail, figures = True, f"bench error: {error.__class__.__name__}: {error}", None
        if not checked or figures is None:
            return checked, detail, figures, attempt
        if best is None or figures["other_cpu_seconds"] < best[2]["other_cpu_seconds"]:
            best = (checked, detail, figures, attempt)
        if not figures["disturbed"] or attempt > retries:
            break
        print(
            f"      {entry.name}: other processes used {figures['other_cpu_seconds']:.1f} CPU s during the load; "
            "waiting for the machine to calm down, then again",
            flush=True,
        )
        deadline = time.monotonic() + load.quiet_wait
        while time.monotonic() < deadline and machine_busy() > load.max_other:
            pass
    return best


# Preparing -------------------------------------------------------------------------------------


def speedups_in(venv: Path) -> list[str]:
    """Optional C/Rust accelerators an ASGI server picks up by itself when they are installed."""
    found = set()
    for site in venv.glob("lib/python*/site-packages"):
        found |= {name for name in ("httptools", "uvloop") if (site / name).is_dir()}
    return sorted(found)


def entries_for(root: Path, baselines: Path, only: set[str] | None, task: str) -> list[Entry]:
    entries = []
    for kind in bench_stats.KINDS:
        sample = runner.load_sample(task, baselines / kind)
        entries.append(Entry(sample, baseline_of=kind, refused=sample.error))
    for sample in runner.discover(root, only, task):
        config = sample.config
        basis = bench_stats.which_baseline(
            config.get("server_package", str(config.get("server", ""))), config.get("server", "")
        )
        entries.append(Entry(sample, basis=basis, refused=sample.error))
    return entries


def prepare(entries: list[Entry], python: str, interpreter: dict, cache: Path) -> None:
    for entry in entries:
        if entry.refused:
            continue
        try:
            entry.venv = runner.ensure_venv(entry.sample, python, interpreter, cache)
        except (RuntimeError, OSError) as error:
            entry.refused = str(error)
        else:
            entry.speedups = speedups_in(entry.venv)


def pin_warnings(entries: list[Entry]) -> list[str]:
    """The baselines must run the server versions the samples pin; say so when they do not."""
    warnings = []
    for base in (e for e in entries if e.baseline_of):
        package = bench_stats.BASELINE_SERVER[base.baseline_of]
        mine = base.sample.version_of(package)
        theirs = collections.Counter(
            e.sample.version_of(package) for e in entries if not e.baseline_of and e.sample.version_of(package)
        )
        others = sorted(set(theirs) - {mine})
        if others:
            warnings.append(f"the {base.baseline_of} baseline pins {package}=={mine}, samples pin {', '.join(others)}")
    return warnings


# Reporting -------------------------------------------------------------------------------------


def fmt(value, digits=0, suffix=""):
    if value is None:
        return "-"
    return f"{value:,.{digits}f}{suffix}"


def table_rows(document: dict) -> list[dict]:
    rows = []
    everything = [(f"baseline-{kind}", base) for kind, base in document["baselines"].items()]
    everything += [(r["framework"], r) for r in document["results"]]
    for name, r in everything:
        if r.get("timed"):
            spread = (
                f" ({fmt(r['ratio_min'], 2)}–{fmt(r['ratio_max'], 2)})" if r.get("ratio_median") is not None else ""
            )
            ratio = fmt(r.get("ratio_median"), 2) + spread if r.get("ratio_median") is not None else "-"
        else:
            ratio = "not timed"
        vs = r.get("baseline", "")
        if r.get("own_server"):
            vs += " (own server)"
        rows.append(
            {
                "framework": name,
                "task": r["task"],
                "server": f"{r['server']} {r.get('server_version', '')}".strip()
                + "".join(f" +{name}" for name in r.get("server_speedups", [])),
                "vs": vs,
                "req/s": fmt(r.get("rps_median")),
                "ratio (min–max)": ratio,
                "p50 ms": fmt(r.get("p50_ms"), 2),
                "p99 ms": fmt(r.get("p99_ms"), 2),
                "errors": fmt(r.get("errors")) if r.get("timed") else "-",
                "disturbed": f"{r.get('rounds_disturbed', 0)}/{len(r.get('rounds', []))}" if r.get("timed") else "-",
                "CPU s": fmt(r.get("cpu_seconds"), 2),
                "RSS MB": fmt(r.get("rss_mb"), 1),
            }
        )
    return rows


def print_table(document: dict) -> None:
    rows = table_rows(document)
    headers = list(rows[0])
    widths = [max(len(h), *(len(row[h]) for row in rows)) for h in headers]
    numeric = {"req/s", "p50 ms", "p99 ms", "errors", "disturbed", "CPU s", "RSS MB"}
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    print("  ".join("-" * w for w in widths))
    for row in rows:
        cells = [row[h].rjust(w) if h in numeric else row[h].ljust(w) for h, w in zip(headers, widths, strict=True)]
        print("  ".join(cells).rstrip())


CSV_FIELDS = [
    "framework",
    "task",
    "server",
    "server_version",
    "framework_version",
    "baseline",
    "own_server",
    "timed",
    "reason",
    "rps_median",
    "ratio_median",
    "ratio_min",
    "ratio_max",
    "p50_ms",
    "p99_ms",
    "errors",
    "rounds_disturbed",
    "cpu_seconds",
    "rss_mb",
    "settings",
]


def write_csv(document: dict, path: Path) -> None:
    everything = [{**base, "framework": f"baseline-{kind}"} for kind, base in document["baselines"].items()]
    everything += document["results"]
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, CSV_FIELDS, extrasaction="ignore")
        writer.writeheader()
        for r in everything:
            writer.writerow({key: "" if r.get(key) is None else r.get(key) for key in CSV_FIELDS})


def rounded(value, digits):
    return None if value is None else round(value, digits)


def entry_document(entry: Entry, base_rounds: list[dict] | None) -> dict:
    result = runner.new_result(entry.sample)
    timed_rounds = [r for r in entry.rounds if r.get("ok")]
    timed = not entry.refused and bool(timed_rounds)
    reason = entry.refused
    if not reason and not timed:
        reason = "; ".join(dict.fromkeys(r["detail"] for r in entry.rounds)) or "no round was timed"
    elif not reason and len(timed_rounds) < len(entry.rounds):
        reason = "some rounds were not timed: " + "; ".join(
            f"round {r['round']}: {r['detail']}" for r in entry.rounds if not r.get("ok")
        )
    stats = bench_stats.summarize(entry.rounds, base_rounds) if timed else bench_stats.summarize([], None)
    for r, value in zip(entry.rounds, stats["ratios"] or [None] * len(entry.rounds), strict=False):
        r["ratio"] = rounded(value, 4)
    doc = {
        "framework": entry.sample.slug if not entry.baseline_of else f"baseline-{entry.baseline_of}",
        "framework_name": result.framework_name,
        "task": entry.sample.task,
        "server": result.server,
        "server_version": result.server_version,
        "framework_version": result.framework_version,
        "settings": "as documented",
        "command": entry.sample.config.get("command"),
        "speedups_installed": entry.speedups,
        "server_speedups": [],
        "timed": timed,
        "reason": reason,
        "rounds": entry.rounds,
        "rounds_timed": stats["rounds_timed"],
        "rounds_disturbed": stats["rounds_disturbed"],
        "rps_median": rounded(stats["rps_median"], 1),
        "rps_min": rounded(stats["rps_min"], 1),
        "rps_max": rounded(stats["rps_max"], 1),
        "ratio_median": rounded(stats["ratio_median"], 4),
        "ratio_min": rounded(stats["ratio_min"], 4),
        "ratio_max": rounded(stats["ratio_max"], 4),
        "p50_ms": rounded(stats["p50_ms"], 3),
        "p99_ms": rounded(stats["p99_ms"], 3),
        "errors": stats["errors"] if timed else None,
        "cpu_seconds": rounded(stats["cpu_seconds"], 3),
        "rss_mb": rounded(stats["rss_mb"], 1),
    }
    if entry.baseline_of:
        doc["baseline"] = entry.baseline_of
        doc["own_server"] = False
        doc["basis"] = f"the {entry.baseline_of.upper()} baseline itself"
        for key in ("ratio_median", "ratio_min", "ratio_max"):
            doc[key] = 1.0 if timed else None
    else:
        doc["baseline"] = entry.basis.kind
        doc["own_server"] = entry.basis.own_server
        doc["same_server_as_baseline"] = entry.basis.same_server
        doc["basis"] = entry.basis.note
        used = bench_stats.speedups_used(entry.sample.config.get("server_package", ""), entry.speedups)
        if used:
            doc["server_speedups"] = used
            doc["basis"] += (
                f"; {result.server} runs on {' and '.join(used)}, installed with the framework"
                " (the baseline's venv has neither)"
            )
    return doc


def machine_facts(python: str, interpreter: dict) -> dict:
    facts = runner.machine_facts()
    return {
        "cores": facts.get("cpus"),
        "cpu model": facts.get("cpu", ""),
        "memory_gib": facts.get("memory_gib"),
        "python": interpreter["version"],
        "python_executable": python,
        "platform": platform.platform(),
    }


# The whole run ---------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time the sample apps with wrk against bare ASGI/WSGI baselines.")
    parser.add_argument("--only", help="comma-separated framework slugs (the baselines always run)")
    parser.add_argument("--task", choices=BENCH_TASKS, default="hello-json")
    parser.add_argument("--seconds", type=int, default=10, help="timed load per round, whole seconds (default 10)")
    parser.add_argument(
        "--warmup", type=int, default=2, help="untimed load before each timed one, s (default 2; 0: none)"
    )
    parser.add_argument("--connections", type=int, default=16, help="open connections, kept busy (default 16)")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads (default 1: the server needs the cores)")
    parser.add_argument("--timeout", type=float, default=2.0, help="wrk's per-request timeout in s (default 2)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (default 3)")
    parser.add_argument(
        "--max-other",
        type=float,
        default=0.15,
        help="a round during which other processes used more than this many cores is disturbed (default 0.15)",
    )
    parser.add_argument("--retries", type=int, default=1, help="times a disturbed round is redone (default 1)")
    parser.add_argument(
        "--quiet-wait", type=float, default=30.0, help="longest wait (s) for a calm machine before a redo (default 30)"
    )
    parser.add_argument(
        "--results", type=Path, default=HERE / "bench-results.json", help="JSON results; the CSV goes beside"
    )
    parser.add_argument("--python", default=sys.executable, help="interpreter for the venvs (default: this one)")
    parser.add_argument("--root", type=Path, default=HERE, help="folder holding the task folders (default: here)")
    parser.add_argument("--baselines", type=Path, default=HERE / "baselines", help="folder holding asgi/ and wsgi/")
    parser.add_argument("--wrk", default=shutil.which("wrk") or "/usr/bin/wrk", help="the wrk binary")
    args = parser.parse_args(argv)
    if args.threads > args.connections or args.rounds < 1 or args.seconds < 1 or args.warmup < 0:
        parser.error("need rounds >= 1, seconds >= 1, warmup >= 0 and threads <= connections")
    if not Path(args.wrk).is_file():
        print(f"wrk not found at {args.wrk}: apt-get install -y wrk", file=sys.stderr)
        return 2

    # on SIGTERM unwind like on Ctrl-C, so the server being timed is stopped by the runner's own cleanup
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    only = {slug.strip() for slug in args.only.split(",") if slug.strip()} if args.only else None
    entries = entries_for(args.root, args.baselines, only, args.task)
    frameworks = [e for e in entries if not e.baseline_of]
    if only:
        unknown = only - {e.sample.slug for e in frameworks}
        if unknown:
            print(f"no {args.task} samples for: {', '.join(sorted(unknown))}", file=sys.stderr)
    if not frameworks:
        print("no samples to time", file=sys.stderr)
        return 2

    load = Load(
        args.wrk,
        args.seconds,
        args.warmup,
        args.connections,
        args.threads,
        args.timeout,
        args.max_other,
        args.quiet_wait,
    )
    interpreter = runner.interpreter_facts(args.python)
    cache = runner.cache_root()
    started = time.monotonic()
    print(f"preparing {len(entries)} venvs under {cache / 'venvs'} ...", flush=True)
    prepare(entries, args.python, interpreter, cache)
    for warning in pin_warnings(entries):
        print(f"warning: {warning}", file=sys.stderr)
    runnable = [e for e in entries if not e.refused]
    total = len(runnable) * args.rounds
    estimate = total * (args.warmup + args.seconds + OVERHEAD)
    print(
        f"{len(frameworks)} {args.task} samples + 2 baselines, {args.rounds} rounds of {args.seconds:g}s "
        f"(+{args.warmup:g}s warm-up) at {args.connections} connections: about {estimate / 60:.1f} minutes",
        flush=True,
    )
    for entry in entries:
        if entry.refused:
            print(f"not timed: {entry.name} {args.task}: {runner.tail(entry.refused, 300)}", flush=True)

    done = 0
    for number in range(1, args.rounds + 1):
        # the same samples every round; the order is rotated so no sample always runs first or last
        offset = (number - 1) * len(runnable) // args.rounds
        for entry in runnable[offset:] + runnable[:offset]:
            done += 1
            if entry.refused:  # its check failed in an earlier round
                entry.rounds.append({"round": number, "ok": False, "detail": "not started: refused earlier"})
                print(f"[{done}/{total}] round {number} {entry.name} {args.task} ... skipped (refused)", flush=True)
                continue
            checked, detail, figures, attempts = time_with_retries(entry, load, args.retries)
            if not checked:
                entry.refused = f"failed its check in round {number}, so it was not timed: {detail}"
                entry.rounds.append({"round": number, "ok": False, "detail": entry.refused})
                print(
                    f"[{done}/{total}] round {number} {entry.name} {args.task} ... REFUSED: {detail[:300]}", flush=True
                )
                continue
            if figures is None:
                entry.rounds.append({"round": number, "ok": False, "detail": detail})
                print(
                    f"[{done}/{total}] round {number} {entry.name} {args.task} ... FAILED: {detail[:300]}", flush=True
                )
                continue
            entry.rounds.append({"round": number, "ok": True, **figures, "attempts": attempts, "detail": detail})
            note = (
                f", DISTURBED (other processes: {figures['other_cpu_seconds']:.1f} CPU s)"
                if figures["disturbed"]
                else ""
            )
            note += f", attempt {attempts}" if attempts > 1 else ""
            print(
                f"[{done}/{total}] round {number} {entry.name} {args.task} ... {figures['rps']:,.0f} req/s, "
                f"p50 {figures['p50_ms']:.2f} ms, p99 {figures['p99_ms']:.2f} ms, {figures['errors']} errors, "
                f"CPU {figures['cpu_seconds']:.2f} s, RSS {figures['rss_mb']:.0f} MB{note}",
                flush=True,
            )
    wall = time.monotonic() - started

    base_entries = {e.baseline_of: e for e in entries if e.baseline_of}
    baselines = {kind: entry_document(e, None) for kind, e in base_entries.items()}
    results = []
    for entry in frameworks:
        base = base_entries[entry.basis.kind]
        base_rounds = base.rounds if baselines[entry.basis.kind]["timed"] else None
        if base_rounds is not None and len(base_rounds) != len(entry.rounds):
            base_rounds = None  # a sample refused before round 1 has no rounds to pair
        results.append(entry_document(entry, base_rounds))
    document = {
        "method": {
            "load_generator": "wrk",
            "version": wrk_version(args.wrk),
            "script": "samples/bench_wrk.lua",
            "threads": args.threads,
            "connections": args.connections,
            "seconds": args.seconds,
            "warmup_seconds": args.warmup,
            "timeout_seconds": args.timeout,
            "rounds": args.rounds,
            "task": args.task,
            "request": "POST /users " + json.dumps(checks.VALID_USERS[0]) if args.task == "create-user" else "GET /",
            "settings": "as documented: each sample's own server and settings from its sample.toml, nothing tuned",
            "order": "rounds interleaved (each round times every sample once), order rotated each round; "
            "each sample restarted for every round, checked first, then warmed up and timed",
            "ratio": "sample req/s over its baseline's req/s in the same round; ratio_median/min/max over rounds",
            "baselines": "baselines/asgi (raw ASGI callable on Uvicorn) for ASGI frameworks and frameworks with "
            "their own server; baselines/wsgi (raw WSGI callable on Gunicorn) for WSGI frameworks",
            "errors": "socket errors (connect, read, write, timeout) + responses with status >= 400, summed over rounds",
            "latency": "wrk's p50/p99 from send to response per connection (closed loop), median over rounds",
            "cpu_seconds": "utime+stime (+cutime+cstime) of the server's process tree during the timed load, "
            "median over rounds; the load generator shares the same cores",
            "rss_mb": "sum of VmHWM (peak RSS) over the server's process tree, MiB, highest round",
            "samples_timed_in": "one at a time; wrk and the server share the machine",
            "disturbed": f"a round is disturbed when processes other than the server, wrk and bench.py used more "
            f"than {args.max_other:g} cores' worth of CPU during its timed load (other_cpu_seconds, from /proc/stat); "
            f"such a round is redone up to {args.retries} times after the machine calms down, keeping the least "
            "disturbed attempt",
        },
        "machine": machine_facts(args.python, interpreter),
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "wall_seconds": round(wall, 1),
        "warnings": pin_warnings(entries),
        "baselines": baselines,
        "results": results,
    }
    print()
    print_table(document)
    timed = sum(1 for r in results if r["timed"])
    print(f"\n{timed} of {len(results)} samples timed, in {wall / 60:.1f} minutes")
    for r in [*baselines.values(), *results]:
        if not r["timed"] or r["reason"]:
            print(
                f"{'NOT TIMED' if not r['timed'] else 'NOTE'} {r['framework']} {r['task']}: {runner.tail(r['reason'], 400)}"
            )
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    csv_path = args.results.with_suffix(".csv")
    write_csv(document, csv_path)
    print(f"results written to {args.results} and {csv_path}")
    return 0 if timed == len(results) and all(b["timed"] for b in baselines.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
