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

This file runs the rounds; bench_entries.py says what is timed, bench_round.py times one round
(with wrk_load.py and proc_usage.py), and bench_results.py writes the results and the table.
"""

import argparse
import datetime
import json
import shutil
import signal
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

# The `x as x` imports are not used here: tests/test_samples_bench.py reaches them as bench.<x>
import run as runner  # noqa: E402
from bench_entries import Entry, entries_for, pin_warnings, prepare  # noqa: E402
from bench_results import entry_document, machine_facts, method_document, print_table, write_csv  # noqa: E402
from bench_round import time_sample  # noqa: E402
from proc_usage import CLK_TCK as CLK_TCK  # noqa: E402
from proc_usage import MemoryWatch as MemoryWatch  # noqa: E402
from proc_usage import machine_busy  # noqa: E402
from proc_usage import parse_cpu_line as parse_cpu_line  # noqa: E402
from proc_usage import parse_proc_stat as parse_proc_stat  # noqa: E402
from proc_usage import parse_vm_hwm_kib as parse_vm_hwm_kib  # noqa: E402
from proc_usage import process_tree as process_tree  # noqa: E402
from proc_usage import tree_cpu_seconds as tree_cpu_seconds  # noqa: E402
from wrk_load import Load, wrk_version  # noqa: E402
from wrk_load import run_wrk as run_wrk  # noqa: E402
from wrk_load import wrk_argv as wrk_argv  # noqa: E402

BENCH_TASKS = ("hello-json", "create-user")  # websocket-echo is not an HTTP load
OVERHEAD = 1.5  # rough seconds per timed sample for start, check and stop (for the estimate)


def time_with_retries(entry: Entry, load: Load, retries: int) -> tuple[bool, str, dict | None, int]:
    """time_sample, redone (after the machine has calmed down) when other processes took CPU during
    the timed load; the least disturbed attempt is kept. (checked, detail, figures, attempts).
    time_sample and machine_busy are looked up in this module, so that the tests can stand in for them."""
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
        "method": method_document(args, wrk_version(args.wrk)),
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
