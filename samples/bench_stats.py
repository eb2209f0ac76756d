"""The benchmark's pure parts: which baseline a sample is compared with, ratios, medians and
spreads, and reading wrk's output. Nothing here starts a process or opens a socket, so all of it
is unit-tested on hand-made numbers and recorded output (tests/test_samples_bench.py).
"""

import json
import re
import statistics
from dataclasses import dataclass

# Servers by the interface they run the app through. A sample whose server is none of these ships
# its own (aiohttp, Sanic, Tornado, Robyn, Microdot): it is compared with the ASGI baseline, and the
# report says so, because the ratio then measures that server as much as the framework.
ASGI_SERVERS = {"uvicorn": "Uvicorn", "hypercorn": "Hypercorn", "palfrey": "Palfrey", "granian": "Granian"}
WSGI_SERVERS = {"gunicorn": "Gunicorn", "waitress": "Waitress", "cheroot": "Cheroot", "rocket3": "Rocket3"}
BASELINE_SERVER = {"asgi": "uvicorn", "wsgi": "gunicorn"}
KINDS = ("asgi", "wsgi")
# servers that switch to these accelerators by themselves when they are importable; the baselines'
# venvs have neither, so a framework that installs them is measured on a faster server
AUTO_SPEEDUPS = {"uvicorn": ("httptools", "uvloop"), "palfrey": ("httptools", "uvloop")}


@dataclass(frozen=True)
class Basis:
    """Which baseline a sample's figures are divided by, and what that comparison can and cannot say."""

    kind: str  # "asgi" or "wsgi"
    own_server: bool  # the framework runs on a server of its own, not a separate ASGI/WSGI server
    same_server: bool  # the sample runs on the very server the baseline runs on
    note: str


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def which_baseline(server_package: str, server: str = "") -> Basis:
    key = normalize(server_package)
    shown = server or server_package
    if key in WSGI_SERVERS or key in ASGI_SERVERS:
        kind = "wsgi" if key in WSGI_SERVERS else "asgi"
        base = BASELINE_SERVER[kind]
        if key == base:
            note = f"{kind.upper()} app on {shown}, like the baseline"
        else:
            base_name = (WSGI_SERVERS | ASGI_SERVERS)[base]
            note = f"{kind.upper()} app on {shown}; the {kind.upper()} baseline runs on {base_name}, so the ratio includes the server"
        return Basis(kind, own_server=False, same_server=key == base, note=note)
    return Basis(
        "asgi",
        own_server=True,
        same_server=False,
        note=f"own server ({shown}): compared with the ASGI baseline on Uvicorn, so the ratio measures the server as much as the framework",
    )


def speedups_used(server_package: str, installed: list[str]) -> list[str]:
    """The accelerators the sample's server picks up from its venv without being asked to."""
    return [name for name in AUTO_SPEEDUPS.get(normalize(server_package), ()) if name in installed]


# Numbers ---------------------------------------------------------------------------------------


def ratio(value: float | None, base: float | None) -> float | None:
    """value / base, or None when either is missing or the base is not positive."""
    if value is None or base is None or base <= 0:
        return None
    return value / base


def round_ratios(values: list[float | None], bases: list[float | None]) -> list[float | None]:
    """Each round's figure over the baseline's figure in the same round (the rounds are interleaved,
    so a slow patch of the machine affects both)."""
    if len(values) != len(bases):
        raise ValueError(f"{len(values)} rounds against {len(bases)} baseline rounds")
    return [ratio(value, base) for value, base in zip(values, bases, strict=True)]


def disturbed(other_cpu_seconds: float, wall_seconds: float, max_cores: float) -> bool:
    """True when other processes used more than max_cores cores' worth of CPU over the window."""
    return wall_seconds > 0 and other_cpu_seconds / wall_seconds > max_cores


def median(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def spread(values: list[float | None]) -> dict:
    """min, median and max of the values that are present; all None when none are."""
    present = [v for v in values if v is not None]
    if not present:
        return {"min": None, "median": None, "max": None, "n": 0}
    return {"min": min(present), "median": statistics.median(present), "max": max(present), "n": len(present)}


def summarize(rounds: list[dict], base_rounds: list[dict] | None) -> dict:
    """The figures of one sample over its rounds, and its ratios to the baseline's rounds.

    rounds and base_rounds hold one dict per round (None-valued or "ok": False when that round was
    not measured), with the keys rps, p50_ms, p99_ms, errors, cpu_seconds and rss_mb. Latencies,
    CPU and throughput are medians over rounds, errors a sum, RSS the highest peak.
    """
    good = [r if r and r.get("ok", True) else {} for r in rounds]
    rps = [r.get("rps") for r in good]
    out = {
        "rounds_timed": sum(1 for r in good if r.get("rps") is not None),
        "rounds_disturbed": sum(1 for r in good if r.get("disturbed")),
        "rps_median": median(rps),
        "rps_min": spread(rps)["min"],
        "rps_max": spread(rps)["max"],
        "p50_ms": median([r.get("p50_ms") for r in good]),
        "p99_ms": median([r.get("p99_ms") for r in good]),
        "errors": sum(r.get("errors") or 0 for r in good),
        "cpu_seconds": median([r.get("cpu_seconds") for r in good]),
        "rss_mb": max((r["rss_mb"] for r in good if r.get("rss_mb") is not None), default=None),
        "ratio_median": None,
        "ratio_min": None,
        "ratio_max": None,
        "ratios": [],
    }
    if base_rounds is not None:
        bases = [b.get("rps") if b and b.get("ok", True) else None for b in base_rounds]
        ratios = round_ratios(rps, bases)
        found = spread(ratios)
        out.update(ratio_median=found["median"], ratio_min=found["min"], ratio_max=found["max"], ratios=ratios)
    return out


# wrk's output ----------------------------------------------------------------------------------

MARKER = "PICKWISE-WRK "  # the line samples/bench_wrk.lua prints from wrk's done() callback
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0, "h": 3600000.0}
_DURATION = re.compile(r"^([0-9.]+)(us|ms|s|m|h)$")


class WrkOutputError(ValueError):
    pass


def duration_ms(text: str) -> float:
    """wrk's printed durations ("812.00us", "1.23ms", "2.00s") in milliseconds."""
    match = _DURATION.match(text.strip())
    if not match:
        raise WrkOutputError(f"not a wrk duration: {text!r}")
    return float(match.group(1)) * _UNITS[match.group(2)]


def parse_wrk_output(text: str) -> dict:
    """Requests, requests/s, p50/p90/p99 latency (ms) and errors from one wrk run.

    The exact figures come from the PICKWISE-WRK line the Lua script prints; without it (wrk run
    without the script) the human-readable summary of `wrk --latency` is read instead, which wrk
    rounds to two decimals. errors = socket errors (connect, read, write, timeout) + responses with a
    status of 400 or more, which is what wrk counts as "Non-2xx or 3xx responses".
    """
    for line in text.splitlines():
        if line.startswith(MARKER):
            data = json.loads(line[len(MARKER) :])
            socket_errors = {key: int(data[key]) for key in ("connect", "read", "write", "timeout")}
            seconds = data["duration_us"] / 1e6
            result = {
                "source": "lua",
                "requests": int(data["requests"]),
                "seconds": seconds,
                "rps": data["requests"] / seconds if seconds > 0 else None,
                "p50_ms": data["p50_us"] / 1000,
                "p90_ms": data["p90_us"] / 1000,
                "p99_ms": data["p99_us"] / 1000,
                "max_ms": data["max_us"] / 1000,
                "non_2xx": int(data["status"]),
                "socket_errors": socket_errors,
            }
            break
    else:
        result = _parse_wrk_text(text)
    result["errors"] = result["non_2xx"] + sum(result["socket_errors"].values())
    return result


def _parse_wrk_text(text: str) -> dict:
    totals = re.search(r"^\s*(\d+) requests in ([0-9.]+(?:us|ms|s|m|h)),", text, re.M)
    rate = re.search(r"^Requests/sec:\s+([0-9.]+)", text, re.M)
    if not totals or not rate:
        raise WrkOutputError(
            "no 'N requests in T' and 'Requests/sec' lines in wrk's output: " + " ".join(text.split())[:300]
        )
    percentiles = {}
    for match in re.finditer(r"^\s+(50|75|90|99)(?:\.000)?%\s+([0-9.]+(?:us|ms|s|m|h))\s*$", text, re.M):
        percentiles[match.group(1)] = duration_ms(match.group(2))
    if "50" not in percentiles or "99" not in percentiles:
        raise WrkOutputError("no latency distribution in wrk's output (run it with --latency)")
    socket_errors = dict.fromkeys(("connect", "read", "write", "timeout"), 0)
    found = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if found:
        socket_errors = dict(zip(socket_errors, map(int, found.groups()), strict=True))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    max_latency = re.search(r"^\s+Latency\s+\S+\s+\S+\s+(\S+)", text, re.M)
    return {
        "source": "text",
        "requests": int(totals.group(1)),
        "seconds": duration_ms(totals.group(2)) / 1000,
        "rps": float(rate.group(1)),
        "p50_ms": percentiles["50"],
        "p90_ms": percentiles.get("90"),
        "p99_ms": percentiles["99"],
        "max_ms": duration_ms(max_latency.group(1)) if max_latency else None,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": socket_errors,
    }


def parse_wrk_version(text: str) -> str:
    """'wrk debian/4.1.0-3+b2 [epoll] Copyright ...' -> 'debian/4.1.0-3+b2 [epoll]'."""
    match = re.search(r"^wrk\s+(\S+(?:\s+\[[^\]]+\])?)", text.strip())
    return match.group(1) if match else text.strip().splitlines()[0] if text.strip() else ""
