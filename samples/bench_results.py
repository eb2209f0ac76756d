"""bench.py's results: one document per sample and baseline, the table it prints, and the CSV.

The arithmetic over rounds is bench_stats.py's; this file names, rounds and lays out its figures.
"""

import csv
import json
import platform
from pathlib import Path

import bench_stats
import checks
import run as runner
from bench_entries import Entry


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


def method_document(args, version: str) -> dict:
    """How the figures were made, from bench.py's arguments and wrk's version."""
    return {
        "load_generator": "wrk",
        "version": version,
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
    }
