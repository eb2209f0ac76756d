"""Throughput, latency, bytes and CPU of Pickwise's pages, served by gunicorn over real HTTP.

Prints figures; asserts nothing. Usage: make bench (python bench/run.py --seconds 5 --sizes 25,200).
Every figure is also given as a ratio to a static file served by the same server in the same run,
so runs on different machines can be compared: each page is measured in one-second slices, each
after a slice of the static file, and its ratio is to those neighbouring slices. For each catalog size a fresh database is built in a
temporary directory (the seed catalog, plus synthetic frameworks copied from it up to the size).
DATABASE_URL and REDIS_URL are passed through, to measure on PostgreSQL + Redis.

Load comes from Debian's wrk when it is installed (apt-get install wrk), else from a small Python
client (slower: its own CPU use then limits the figures, and the output says so).
"""

import argparse
import http.client
import itertools
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIZARD = "/wizard/results/?use_cases=rest-api&must=openapi&must=validation&priority=performance"
CACHED = {
    "home": "/",
    "framework page": "/frameworks/django/",
    "catalog page": "/frameworks/",
    "4-way comparison": "/compare/django-vs-fastapi-vs-flask-vs-litestar/",
    "open data, catalog.json": "/api/v1/export/catalog.json",
}
# Every load request asks for compressed bodies, as browsers do: figures include the compression.
BROWSER_ENCODINGS = "br, gzip"
# wrk scripts whose every request is a page no one asked for before, so nothing comes from the page cache.
UNIQUE_LUA = {
    "wizard results, unique answers": "wizard",
    "recommend JSON, unique answers": "recommend",
    "4-way comparison, uncached": "compare",
}
LUA = r"""
local slugs = {SLUGS}
local features = {FEATURES}
local kind = "{KIND}"
local n = 0
-- Every wrk run and every thread draws its own answers: unseeded, each would repeat the same
-- sequence, and repeats are page-cache hits (the answers are the page's key, not `n`).
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end
function init(args)
  math.randomseed({RUN} * 100 + (thread_id or 0))
end
request = function()
  n = n + 1
  if kind == "compare" then
    local picked, seen = {}, {}
    while #picked < 4 do
      local s = slugs[math.random(#slugs)]
      if not seen[s] then seen[s] = true; picked[#picked + 1] = s end
    end
    table.sort(picked)
    return wrk.format("GET", "/compare/" .. table.concat(picked, "-vs-") .. "/")
  end
  local path = kind == "wizard" and "/wizard/results/" or "/api/v1/recommend/"
  local q = "?use_cases=rest-api&nice=" .. features[math.random(#features)] .. "&must=" .. features[math.random(#features)]
  return wrk.format("GET", path .. q .. "&importance_nice=" .. ({"low", "high"})[n % 2 + 1] .. "&priority=" .. ({"ship-fast", "performance", "long-term"})[math.random(3)] .. "&why=" .. slugs[math.random(#slugs)] .. "&n=" .. n)
end
"""
SYNTHETIC = """
from frameworks.models import Framework, Support, UseCaseFit
from frameworks.catalog import revision
seed = list(Framework.objects.published().prefetch_related("supports", "fits"))
wanted = {size} - len(seed)
made = 0
while made < wanted:
    for source in seed:
        if made >= wanted:
            break
        supports, fits = list(source.supports.all()), list(source.fits.all())
        source.pk, source.id = None, None
        source.slug, source.name = f"synthetic-{{made}}", f"Synthetic {{made}}"
        source.save()
        Support.objects.bulk_create([Support(framework=source, feature_id=s.feature_id, level=s.level, note=s.note,
            source_url=s.source_url, checked_on=s.checked_on, confidence=s.confidence) for s in supports])
        UseCaseFit.objects.bulk_create([UseCaseFit(framework=source, use_case_id=f.use_case_id, fit=f.fit, note=f.note,
            source_url=f.source_url, checked_on=f.checked_on) for f in fits])
        made += 1
revision.bump()
print(Framework.objects.published().count())
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_cpu(pid: int) -> float:
    """CPU seconds of gunicorn and its workers so far (from /proc: utime + stime, children included)."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for child in [pid, *_children(pid)]:
        try:
            fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
        except (OSError, IndexError, ValueError):
            pass
    return total


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def load_wrk(port: int, path: str, seconds: float, clients: int, script: str | None = None) -> dict:
    argv = ["wrk", "-t", "2", "-c", str(clients), "-d", f"{max(1, round(seconds))}s", "--latency"]
    argv += ["-H", f"Accept-Encoding: {BROWSER_ENCODINGS}"]  # as a browser asks, static file included
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        if script:
            lua.write(script)
    if script:
        argv += ["-s", lua.name]
    out = subprocess.run([*argv, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True).stdout
    os.unlink(lua.name)
    figures = {"rps": 0.0, "p50": 0.0, "p99": 0.0, "errors": 0}
    for line in out.splitlines():
        parts = line.split()
        if line.startswith("Requests/sec:"):
            figures["rps"] = float(parts[1])
        elif parts[:1] == ["50%"]:
            figures["p50"] = _ms(parts[1])
        elif parts[:1] == ["99%"]:
            figures["p99"] = _ms(parts[1])
        elif "Non-2xx" in line or line.strip().startswith("Socket errors"):
            figures["errors"] += sum(int(p.strip(",")) for p in parts if p.strip(",").isdigit())
    return figures


def _ms(text: str) -> float:
    for unit, factor in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
        if text.endswith(unit):
            return float(text[: -len(unit)]) * factor
    return float(text)


def load_python(port: int, path: str, seconds: float, clients: int, script: str | None = None) -> dict:
    latencies, errors, lock = [], [0], threading.Lock()
    deadline = time.perf_counter() + seconds

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine = []
        while time.perf_counter() < deadline:
            target = path
            start = time.perf_counter()
            conn.request("GET", target, headers={"Accept-Encoding": BROWSER_ENCODINGS})
            response = conn.getresponse()
            response.read()
            mine.append(time.perf_counter() - start)
            if response.status != 200:
                with lock:
                    errors[0] += 1
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    q = statistics.quantiles(sorted(latencies), n=100)
    return {"rps": len(latencies) / seconds, "p50": q[49] * 1000, "p99": q[98] * 1000, "errors": errors[0]}


def fetch(port: int, path: str, headers: dict) -> tuple[int, dict, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, dict(response.getheaders()), body


def wire_figures(port: int) -> list[tuple[str, int, int, int, str]]:
    """(page, plain bytes, bytes with br/gzip, bytes on a repeat visit, how the repeat was answered)."""
    rows = []
    for name, path in (("home", "/"), ("4-way comparison", CACHED["4-way comparison"]), ("wizard results", WIZARD)):
        _, _, plain = fetch(port, path, {})
        status, headers, packed = fetch(port, path, {"Accept-Encoding": "br, gzip"})
        again, _, repeat = fetch(port, path, {"Accept-Encoding": "br, gzip", "If-None-Match": headers.get("ETag", "")})
        rows.append(
            (name, len(plain), len(packed), len(repeat), f"{again} ({headers.get('Content-Encoding', 'none')})")
        )
    return rows


def run_size(size: int, args, load) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = os.environ | {
            "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3"),
            "SECRET_KEY": "bench-only",
            "DEBUG": "0",
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_COOKIES": "0",
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }
        manage = [sys.executable, str(ROOT / "manage.py")]
        for command in (["migrate", "--no-input", "-v0"], ["load_catalog"], ["collectstatic", "--no-input", "-v0"]):
            subprocess.run(manage + command, env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        count = subprocess.run(
            manage + ["shell", "-c", SYNTHETIC.format(size=size)],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()[-1]
        manifest = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())
        static = "/static/" + manifest["paths"]["vendor/bootstrap-5.3.9/bootstrap.min.css"]
        port = free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                str(args.workers),
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=ROOT,
        )
        try:
            for _ in range(100):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    time.sleep(0.1)
            slugs = json.loads(fetch(port, "/api/v1/frameworks/", {})[2])["frameworks"]
            slug_list = "{" + ",".join(f'"{f["slug"]}"' for f in slugs) + "}"
            features = "{" + ",".join(f'"{c["feature"]}"' for c in slugs[0]["support"]) + "}"
            print(
                f"\n== {count} published frameworks · gunicorn {args.workers} workers · {args.clients} connections · {args.seconds:.0f} one-second slices each, alternating with the static file"
            )
            print(f"{'what':<34}{'req/s':>9}{'ratio':>8}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'CPU ms/req':>12}")

            def measure(path, script=None):
                """Figures for `path`, measured in one-second slices that alternate with the static
                file: on a shared machine the speed drifts within a run, and a ratio of neighbouring
                slices cancels that drift (one static measurement for the whole run did not)."""
                load(port, path, 1, 2, script and script.replace("{RUN}", str(next(runs))))  # warm: snapshot
                totals = {"rps": 0.0, "static": 0.0, "cpu": 0.0, "errors": 0}
                p50s, p99s = [], []
                for _ in range(slices):
                    totals["static"] += load(port, static, 1, args.clients)["rps"]
                    cpu = server_cpu(server.pid)
                    figures = load(port, path, 1, args.clients, script and script.replace("{RUN}", str(next(runs))))
                    totals["cpu"] += server_cpu(server.pid) - cpu
                    totals["rps"] += figures["rps"]
                    totals["errors"] += figures["errors"]
                    p50s.append(figures["p50"])
                    p99s.append(figures["p99"])
                rps = totals["rps"] / slices
                per = totals["cpu"] / max(totals["rps"], 1) * 1000
                ratio = totals["rps"] / max(totals["static"], 1)
                return rps, ratio, statistics.median(p50s), max(p99s), totals["errors"], per

            def row(name, figures):
                rps, ratio, p50, p99, errors, per = figures
                print(f"{name:<34}{rps:>9.0f}{ratio:>8.2f}{p50:>9.1f}{p99:>9.1f}{errors:>8}{per:>12.2f}")

            slices = max(1, round(args.seconds))
            runs = itertools.count(random.randrange(10**6) * 1000)  # a new random seed for each wrk run
            row("static file (same server)", measure(static))
            for name, path in CACHED.items():
                row(name + " (cached)", measure(path))
            for name, kind in UNIQUE_LUA.items():
                if load is load_python:  # unique answers come from wrk's Lua scripts
                    print(f"{name:<34} needs wrk (apt-get install wrk)")
                    continue
                script = LUA.replace("{SLUGS}", slug_list).replace("{FEATURES}", features).replace("{KIND}", kind)
                path = WIZARD if kind == "wizard" else ("/api/v1/recommend/" if kind == "recommend" else "/")
                row(name, measure(path, script))
            print(f"\n{'bytes on the wire':<22}{'plain':>9}{'br/gzip':>9}{'repeat':>8}  repeat answered")
            for name, plain, packed, repeat, how in wire_figures(port):
                print(f"{name:<22}{plain:>9}{packed:>9}{repeat:>8}  {how}")
        finally:
            server.terminate()
            server.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--sizes", default="35,200", help="catalog sizes to measure, in published frameworks")
    args = parser.parse_args()
    load = load_wrk if shutil.which("wrk") else load_python
    if load is load_python:
        print("wrk not found: using the Python client, whose own CPU use limits these figures (apt-get install wrk)")
    print(f"{os.cpu_count()} cores · Python {sys.version.split()[0]} · {time.strftime('%Y-%m-%d')}")
    for size in (int(s) for s in args.sizes.split(",")):
        run_size(size, args, load)


if __name__ == "__main__":
    main()
