"""The samples benchmark (samples/bench.py and samples/bench_stats.py), without any framework.

The arithmetic and wrk's output are checked on hand-made numbers and recorded output; the refusal
to time a sample whose answers are wrong is checked end to end on a throwaway samples tree of
standard-library servers, with a stand-in for wrk that records what it was pointed at.
"""

import http.server
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from .factories import STDLIB_APP

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent / "samples"
sys.path.insert(0, str(SAMPLES))

import bench_stats  # noqa: E402
import checks  # noqa: E402

# loaded under a name of its own: "bench" is also the repository's bench/ folder
_spec = importlib.util.spec_from_file_location("samples_bench", SAMPLES / "bench.py")
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

# ratios, medians, spreads ----------------------------------------------------------------------


def test_ratio_of_hand_made_numbers():
    assert bench_stats.ratio(5000, 10000) == 0.5
    assert bench_stats.ratio(15000, 10000) == 1.5
    assert bench_stats.ratio(None, 10000) is None
    assert bench_stats.ratio(5000, None) is None
    assert bench_stats.ratio(5000, 0) is None


def test_spread_and_median_skip_missing_rounds():
    assert bench_stats.spread([3.0, None, 1.0, 2.0]) == {"min": 1.0, "median": 2.0, "max": 3.0, "n": 3}
    assert bench_stats.spread([None]) == {"min": None, "median": None, "max": None, "n": 0}
    assert bench_stats.median([4.0, 1.0]) == 2.5
    assert bench_stats.median([]) is None


def rounds(*rps, **extra):
    return [{"ok": True, "rps": value, **extra} if value is not None else {"ok": False} for value in rps]


def test_summary_pairs_each_round_with_the_baselines_same_round():
    # round by round the framework does half, half, and all of the baseline: median 0.5, spread 0.5-1.0,
    # although the two medians of req/s are equal (1000 and 1000)
    sample = rounds(1000, 500, 1000, p50_ms=2.0, p99_ms=9.0, errors=1, cpu_seconds=4.0, rss_mb=30.0)
    base = rounds(2000, 1000, 1000)
    summary = bench_stats.summarize(sample, base)
    assert summary["ratios"] == [0.5, 0.5, 1.0]
    assert (summary["ratio_median"], summary["ratio_min"], summary["ratio_max"]) == (0.5, 0.5, 1.0)
    assert summary["rps_median"] == 1000
    assert (summary["rps_min"], summary["rps_max"]) == (500, 1000)
    assert summary["errors"] == 3  # summed over rounds
    assert summary["p50_ms"] == 2.0 and summary["p99_ms"] == 9.0 and summary["cpu_seconds"] == 4.0
    assert summary["rss_mb"] == 30.0
    assert summary["rounds_timed"] == 3


def test_summary_leaves_out_a_round_either_side_did_not_time():
    sample = rounds(900, None, 1200)
    base = rounds(1000, 1000, None)
    summary = bench_stats.summarize(sample, base)
    assert summary["ratios"] == [0.9, None, None]
    assert (summary["ratio_median"], summary["ratio_min"], summary["ratio_max"]) == (0.9, 0.9, 0.9)
    assert summary["rps_median"] == 1050
    assert summary["rounds_timed"] == 2


def test_summary_without_a_baseline_has_no_ratio_and_rss_is_the_highest_peak():
    sample = [{"rps": 10.0, "rss_mb": 40.0}, {"rps": 20.0, "rss_mb": 55.5}, {"rps": 30.0, "rss_mb": 41.0}]
    summary = bench_stats.summarize(sample, None)
    assert summary["ratio_median"] is None and summary["ratios"] == []
    assert summary["rss_mb"] == 55.5
    assert summary["rps_median"] == 20.0


def test_rounds_must_line_up():
    with pytest.raises(ValueError, match="3 rounds against 2 baseline rounds"):
        bench_stats.round_ratios([1.0, 2.0, 3.0], [1.0, 2.0])


# which baseline --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("server_package", "kind", "own", "same"),
    [
        ("gunicorn", "wsgi", False, True),
        ("waitress", "wsgi", False, False),
        ("cheroot", "wsgi", False, False),
        ("uvicorn", "asgi", False, True),
        ("hypercorn", "asgi", False, False),
        ("granian", "asgi", False, False),
        ("sanic", "asgi", True, False),
        ("robyn", "asgi", True, False),
    ],
)
def test_which_baseline(server_package, kind, own, same):
    basis = bench_stats.which_baseline(server_package)
    assert (basis.kind, basis.own_server, basis.same_server) == (kind, own, same)
    if own:
        assert "own server" in basis.note and "ASGI baseline" in basis.note
    elif not same:
        assert "ratio includes the server" in basis.note


def test_real_samples_get_the_baseline_of_their_kind():
    samples = bench.runner.discover(SAMPLES, task="hello-json")
    by_kind = {}
    for sample in samples:
        basis = bench_stats.which_baseline(sample.config["server_package"], sample.config["server"])
        by_kind.setdefault((basis.kind, basis.own_server), set()).add(sample.slug)
    assert by_kind[("asgi", True)] == {"aiohttp", "microdot", "robyn", "sanic", "tornado"}
    assert {"flask", "django", "bottle", "pyramid", "cherrypy", "web-py", "py4web"} <= by_kind[("wsgi", False)]
    assert {"fastapi", "starlette", "quart", "lilya", "emmett"} <= by_kind[("asgi", False)]


def test_baselines_are_complete_samples_pinning_the_servers_the_samples_pin():
    entries = bench.entries_for(SAMPLES, SAMPLES / "baselines", None, "hello-json")
    baselines = {e.baseline_of: e for e in entries if e.baseline_of}
    assert set(baselines) == {"asgi", "wsgi"}
    for kind, entry in baselines.items():
        assert entry.sample.error == "", entry.sample.error
        package = bench_stats.BASELINE_SERVER[kind]
        assert entry.sample.version_of(package), f"the {kind} baseline does not pin {package}"
    assert bench.pin_warnings(entries) == []


# wrk's output ----------------------------------------------------------------------------------

# wrk debian/4.1.0-3+b2 --latency against a server that answers every third request with a 500 and
# drops every 97th connection without answering
WRK_TEXT = """\
Running 2s test @ http://127.0.0.1:18777/
  1 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    42.75ms    8.02ms  54.92ms   94.61%
    Req/Sec   148.75     40.77   220.00     45.00%
  Latency Distribution
     50%   43.93ms
     75%   44.00ms
     90%   47.27ms
     99%   54.34ms
  297 requests in 2.00s, 52.89KB read
  Socket errors: connect 0, read 3, write 0, timeout 0
  Non-2xx or 3xx responses: 99
Requests/sec:    148.18
Transfer/sec:     26.39KB
"""

# the same with -s samples/bench_wrk.lua: its done() adds the exact figures on the last line
WRK_LUA = """\
Running 2s test @ http://127.0.0.1:18777/
  1 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    42.28ms    7.67ms  44.26ms   96.62%
    Req/Sec   162.95     36.56   232.00     55.00%
  Latency Distribution
     50%   43.93ms
     75%   43.97ms
     90%   44.01ms
     99%   44.10ms
  325 requests in 2.00s, 57.77KB read
  Socket errors: connect 0, read 3, write 0, timeout 0
  Non-2xx or 3xx responses: 109
Requests/sec:    162.41
Transfer/sec:     28.87KB
PICKWISE-WRK {"requests": 325, "duration_us": 2001135, "bytes": 59161, "connect": 0, "read": 3, "write": 0, \
"timeout": 0, "status": 109, "p50_us": 43929, "p90_us": 44006, "p99_us": 44099, "mean_us": 42281.6, "max_us": 44258}
"""


def test_wrk_text_output_is_read():
    figures = bench_stats.parse_wrk_output(WRK_TEXT)
    assert figures["source"] == "text"
    assert figures["requests"] == 297
    assert figures["seconds"] == 2.0
    assert figures["rps"] == 148.18
    assert figures["p50_ms"] == pytest.approx(43.93)
    assert figures["p90_ms"] == pytest.approx(47.27)
    assert figures["p99_ms"] == pytest.approx(54.34)
    assert figures["max_ms"] == pytest.approx(54.92)
    assert figures["socket_errors"] == {"connect": 0, "read": 3, "write": 0, "timeout": 0}
    assert figures["non_2xx"] == 99
    assert figures["errors"] == 102


def test_wrk_lua_line_wins_over_the_rounded_text():
    figures = bench_stats.parse_wrk_output(WRK_LUA)
    assert figures["source"] == "lua"
    assert figures["requests"] == 325
    assert figures["rps"] == pytest.approx(325 / 2.001135)
    assert figures["p50_ms"] == 43.929
    assert figures["p99_ms"] == 44.099
    assert figures["non_2xx"] == 109
    assert figures["errors"] == 112


def test_wrk_text_without_errors_or_with_a_timeout():
    clean = WRK_TEXT.replace("  Socket errors: connect 0, read 3, write 0, timeout 0\n", "").replace(
        "  Non-2xx or 3xx responses: 99\n", ""
    )
    assert bench_stats.parse_wrk_output(clean)["errors"] == 0
    timed_out = WRK_TEXT.replace("read 3, write 0, timeout 0", "read 0, write 0, timeout 7")
    assert bench_stats.parse_wrk_output(timed_out)["errors"] == 99 + 7


def test_wrk_output_without_figures_is_an_error():
    with pytest.raises(bench_stats.WrkOutputError):
        bench_stats.parse_wrk_output("unable to connect to 127.0.0.1:1 Connection refused\n")
    no_latency = "\n".join(line for line in WRK_TEXT.splitlines() if "%" not in line or "Latency" in line)
    with pytest.raises(bench_stats.WrkOutputError, match="--latency"):
        bench_stats.parse_wrk_output(no_latency)


def test_wrk_durations_and_version():
    assert bench_stats.duration_ms("812.00us") == pytest.approx(0.812)
    assert bench_stats.duration_ms("1.23ms") == 1.23
    assert bench_stats.duration_ms("2.00s") == 2000.0
    assert bench_stats.duration_ms("1.50m") == 90000.0
    with pytest.raises(bench_stats.WrkOutputError):
        bench_stats.duration_ms("fast")
    version = "wrk debian/4.1.0-3+b2 [epoll] Copyright (C) 2012 Will Glozer\nUsage: wrk <options> <url>\n"
    assert bench_stats.parse_wrk_version(version) == "debian/4.1.0-3+b2 [epoll]"


def test_wrk_command_for_create_user_posts_a_valid_user():
    load = bench.Load("/usr/bin/wrk", seconds=5, warmup=2, connections=16, threads=1, timeout=2.0)
    argv = bench.wrk_argv(load, 8000, "create-user", 5)
    assert argv[:6] == ["/usr/bin/wrk", "--threads=1", "--connections=16", "--duration=5s", "--timeout=2s", "--latency"]
    assert argv[7] == "http://127.0.0.1:8000/users"
    assert argv[8:11] == ["--", "POST", "application/json"]
    assert json.loads(argv[11]) == checks.VALID_USERS[0]
    assert bench.wrk_argv(load, 8000, "hello-json", 2)[-1] == "http://127.0.0.1:8000/"


# /proc -----------------------------------------------------------------------------------------


def test_proc_stat_with_a_command_name_holding_spaces_and_parentheses():
    line = "4242 (gunicorn: (worker) [app]) S 4241 4241 4200 0 -1 4194560 900 0 0 0 150 30 7 3 20 0 1 0 5 0 0"
    assert bench.parse_proc_stat(line) == {"pid": 4242, "ppid": 4241, "sid": 4200, "ticks": 150 + 30 + 7 + 3}


def test_vm_hwm():
    status = "Name:\tpython\nVmPeak:\t  30000 kB\nVmHWM:\t   25600 kB\nVmRSS:\t   20000 kB\n"
    assert bench.parse_vm_hwm_kib(status) == 25600
    assert bench.parse_vm_hwm_kib("Name:\tzombie\nState:\tZ (zombie)\n") == 0


def test_this_process_tree_is_seen():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        tree = bench.process_tree(os.getpid())
        assert os.getpid() in tree and child.pid in tree
        assert bench.tree_cpu_seconds(tree) > 0
        with bench.MemoryWatch(os.getpid()) as watch:
            pass
        assert watch.mib > 1 and child.pid in watch.peaks
    finally:
        child.kill()
        child.wait()


# refusing a sample that fails its check, end to end --------------------------------------------


# Stands in for wrk: notes its arguments and the answer the URL gives (so the test can tell which app
# it was pointed at), then prints recorded output.
FAKE_WRK = """\
#!{python}
import json, sys, urllib.request

if sys.argv[1:] == ["--version"]:
    print("wrk 4.1.0 [fake] Copyright (C) 2012 Will Glozer")
    sys.exit(1)
url = next(arg for arg in sys.argv if arg.startswith("http://"))
body = urllib.request.urlopen(url, timeout=5).read().decode()
with open({log!r}, "a") as log:
    log.write(json.dumps({{"argv": sys.argv[1:], "body": body}}) + "\\n")
sys.stdout.write({output!r})
"""


def make_sample(folder, message, server="http.server"):
    folder.mkdir(parents=True)
    (folder / "app.py").write_text(STDLIB_APP.format(message=message))
    (folder / "requirements.txt").write_text("")
    (folder / "sample.toml").write_text(
        textwrap.dedent(
            f"""\
            framework = "{folder.name.title()}"
            server = "{server}"
            server_package = "none"
            command = ["python", "app.py", "{{port}}"]
            gives = "Nothing: a standard-library stand-in used by the benchmark's tests."
            source = "https://docs.python.org/3/library/http.server.html"
            """
        )
    )


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "samples"
    make_sample(root / "hello-json" / "good", "Hello, World!")
    make_sample(root / "hello-json" / "broken", "Hello, world")
    for kind in ("asgi", "wsgi"):
        make_sample(root / "baselines" / kind, "Hello, World!")
    return root


def run_bench(root, tmp_path, *args, wrk=None):
    env = os.environ | {"PICKWISE_CACHE": str(tmp_path / "cache")}
    results = tmp_path / "bench.json"
    argv = [sys.executable, str(SAMPLES / "bench.py"), "--root", str(root), "--baselines", str(root / "baselines")]
    argv += ["--results", str(results), *args]
    if wrk:
        argv += ["--wrk", str(wrk)]
    done = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=240)
    return done, json.loads(results.read_text()) if results.exists() else None


def test_a_sample_that_fails_its_check_is_refused_and_never_loaded(tree, tmp_path):
    log = tmp_path / "wrk.log"
    fake = tmp_path / "wrk"
    fake.write_text(FAKE_WRK.format(python=sys.executable, log=str(log), output=WRK_LUA))
    fake.chmod(0o755)

    # no redoing of rounds that other work on the machine disturbed: the count of wrk runs is exact
    args = ("--rounds", "2", "--seconds", "1", "--warmup", "1", "--retries", "0")
    done, results = run_bench(tree, tmp_path, *args, wrk=fake)

    assert done.returncode == 1, done.stdout + done.stderr  # not everything was timed
    assert "REFUSED" in done.stdout and "round 1 broken hello-json" in done.stdout
    assert "[8/8]" in done.stdout  # 4 samples x 2 rounds, the refused one skipped in round 2
    by_name = {r["framework"]: r for r in results["results"]}
    broken, good = by_name["broken"], by_name["good"]

    assert broken["timed"] is False
    assert "failed its check in round 1, so it was not timed" in broken["reason"]
    assert '{"message": "Hello, world"}' in broken["reason"]  # the wrong answer is shown
    assert broken["rps_median"] is None and broken["ratio_median"] is None and broken["errors"] is None
    assert [r["ok"] for r in broken["rounds"]] == [False, False]

    # wrk was pointed only at apps that answered right: warm-up + timed load, per round, for the
    # good sample and the two baselines
    calls = [json.loads(line) for line in log.read_text().splitlines()]
    assert len(calls) == 3 * 2 * 2
    assert {call["body"] for call in calls} == {json.dumps({"message": "Hello, World!"})}
    assert {call["argv"][2] for call in calls} == {"--duration=1s"}

    assert good["timed"] is True and good["reason"] == ""
    assert good["baseline"] == "asgi" and good["own_server"] is True  # server_package "none": its own
    assert good["ratio_median"] == 1.0  # the same recorded output for it and its baseline
    assert good["rps_median"] == pytest.approx(325 / 2.001135, rel=1e-3)
    assert good["errors"] == 2 * 112
    assert [r["round"] for r in good["rounds"]] == [1, 2]
    assert all(r["rss_mb"] > 0 and r["cpu_seconds"] >= 0 for r in good["rounds"])
    assert results["baselines"]["asgi"]["timed"] and results["baselines"]["wsgi"]["timed"]
    assert results["method"]["rounds"] == 2 and results["method"]["connections"] == 16
    assert results["method"]["version"] == "4.1.0 [fake]"
    assert results["machine"]["cores"] == os.cpu_count()
    assert all(r["settings"] == "as documented" for r in results["results"])

    csv_lines = (tmp_path / "bench.csv").read_text().splitlines()
    assert csv_lines[0].startswith("framework,task,server")
    assert len(csv_lines) == 1 + 2 + 2  # header, baselines, samples


def test_time_sample_does_not_run_the_load_after_a_failed_check(tree, tmp_path):
    sample = bench.runner.load_sample("hello-json", tree / "hello-json" / "broken")
    interpreter = bench.runner.interpreter_facts(sys.executable)
    venv = bench.runner.ensure_venv(sample, sys.executable, interpreter, tmp_path / "cache")
    load = bench.Load(str(tmp_path / "no-wrk-here"), seconds=1, warmup=1, connections=2, threads=1, timeout=2.0)

    checked, detail, figures = bench.time_sample(sample, venv, load)

    assert checked is False and figures is None
    assert "Hello, world" in detail
    assert bench.runner.check_running_server.__name__ == "check_running_server"  # the hook is undone


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed (apt-get install wrk)")
def test_real_wrk_times_a_good_stdlib_sample(tree, tmp_path):
    sample = bench.runner.load_sample("hello-json", tree / "hello-json" / "good")
    interpreter = bench.runner.interpreter_facts(sys.executable)
    venv = bench.runner.ensure_venv(sample, sys.executable, interpreter, tmp_path / "cache")
    load = bench.Load(shutil.which("wrk"), seconds=1, warmup=0, connections=2, threads=1, timeout=2.0)

    checked, detail, figures = bench.time_sample(sample, venv, load)

    assert checked, detail
    assert figures is not None, detail
    assert figures["source"] == "lua"
    assert figures["requests"] > 0 and figures["rps"] > 0
    assert figures["non_2xx"] == 0
    assert 0 < figures["p50_ms"] <= figures["p99_ms"]
    assert figures["cpu_seconds"] > 0 and figures["rss_mb"] > 1 and figures["processes"] >= 1


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed (apt-get install wrk)")
def test_real_wrk_posts_the_user_with_the_lua_script():
    seen = []

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            seen.append((self.command, self.path, self.headers["Content-Type"], body))
            reply = b'{"id": 1}'
            self.send_response(201)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        load = bench.Load(shutil.which("wrk"), seconds=1, warmup=0, connections=1, threads=1, timeout=2.0)
        figures = bench.run_wrk(load, server.server_address[1], "create-user", 1)
    finally:
        server.shutdown()
        server.server_close()
    assert figures["requests"] > 0 and figures["errors"] == 0
    method, path, content_type, body = seen[0]
    assert (method, path, content_type) == ("POST", "/users", "application/json")
    assert json.loads(body) == checks.VALID_USERS[0]


def test_speedups_a_server_picks_up_by_itself():
    assert bench_stats.speedups_used("uvicorn", ["httptools", "uvloop"]) == ["httptools", "uvloop"]
    assert bench_stats.speedups_used("palfrey", ["uvloop"]) == ["uvloop"]
    assert bench_stats.speedups_used("uvicorn", []) == []
    assert bench_stats.speedups_used("gunicorn", ["uvloop"]) == []  # the sync worker does not use it


# other work on the machine ---------------------------------------------------------------------


def test_disturbed_means_more_than_the_allowed_share_of_a_core():
    assert bench_stats.disturbed(0.5, 5.0, 0.15) is False  # 0.1 of a core
    assert bench_stats.disturbed(1.0, 5.0, 0.15) is True  # 0.2 of a core
    assert bench_stats.disturbed(1.0, 0.0, 0.15) is False


def test_disturbed_rounds_are_counted():
    sample = [{"rps": 1.0, "disturbed": True}, {"rps": 2.0, "disturbed": False}, {"rps": 3.0}]
    assert bench_stats.summarize(sample, None)["rounds_disturbed"] == 1


def test_proc_stat_cpu_line():
    text = "cpu  1000 50 300 90000 20 0 30 7 0 0\ncpu0 500 25 150 45000 10 0 15 3 0 0\n"
    ticks = bench.CLK_TCK
    assert bench.parse_cpu_line(text) == {"busy": 1350 / ticks, "steal": 7 / ticks}


def test_a_disturbed_round_is_redone_and_the_calmest_attempt_kept(monkeypatch):
    attempts = iter([{"other_cpu_seconds": 3.0, "disturbed": True}, {"other_cpu_seconds": 0.1, "disturbed": False}])
    monkeypatch.setattr(bench, "time_sample", lambda sample, venv, load: (True, "ok", next(attempts)))
    monkeypatch.setattr(bench, "machine_busy", lambda: 0.0)
    load = bench.Load("wrk", seconds=1, warmup=0, connections=1, threads=1, timeout=1.0, quiet_wait=0.0)
    entry = bench.Entry(sample=bench.runner.Sample(task="hello-json", slug="stand-in", path=Path(".")))
    assert bench.time_with_retries(entry, load, retries=2) == (
        True,
        "ok",
        {"other_cpu_seconds": 0.1, "disturbed": False},
        2,
    )

    worse = iter([{"other_cpu_seconds": 2.0, "disturbed": True}, {"other_cpu_seconds": 3.0, "disturbed": True}])
    monkeypatch.setattr(bench, "time_sample", lambda sample, venv, load: (True, "ok", next(worse)))
    checked, _detail, figures, attempt = bench.time_with_retries(entry, load, retries=1)
    assert figures == {"other_cpu_seconds": 2.0, "disturbed": True} and attempt == 1


def test_a_failed_check_is_not_redone(monkeypatch):
    calls = []
    monkeypatch.setattr(bench, "time_sample", lambda sample, venv, load: calls.append(1) or (False, "wrong", None))
    load = bench.Load("wrk", seconds=1, warmup=0, connections=1, threads=1, timeout=1.0)
    assert bench.time_with_retries(bench.Entry(sample=None), load, retries=3) == (False, "wrong", None, 1)
    assert calls == [1]
