"""Scenarios c and d of the fault drill: Redis stopped and started again, and PostgreSQL restarted,
while threads of GETs go through nginx; the report splits them into before, during and after."""

import statistics
import subprocess
import threading
import time
from collections import Counter
from dataclasses import dataclass

from fault_common import DB_NAME, NGINX_PORT, PAGES, DrillError, Outcome, get, ms, say, wait_until
from fault_stack import Stack

LOAD_THREADS = 4
REQUEST_TIMEOUT = 5.0  # seconds, for each GET of the load loops


@dataclass(frozen=True)
class Hit:
    start: float  # seconds since the load began
    end: float
    path: str
    status: int | str


def load_with_fault(stack: Stack, fault, fault_at: float = 3.0, min_seconds: float = 10.0, tail_s: float = 4.0):
    """Load through nginx while `fault(t0)` runs at `fault_at`; returns hits and the fault window."""
    hits: list[Hit] = []
    lock = threading.Lock()
    stack.stop_load.clear()
    t0 = time.perf_counter()

    def client(offset: int) -> None:
        k = offset
        mine = []
        while not stack.stop_load.is_set():
            path = PAGES[k % len(PAGES)]
            k += 1
            start = time.perf_counter()
            status = get(NGINX_PORT, path, timeout=REQUEST_TIMEOUT)
            mine.append(Hit(start - t0, time.perf_counter() - t0, path, status))
        with lock:
            hits.extend(mine)

    threads = [threading.Thread(target=client, args=(i * 3,), daemon=True) for i in range(LOAD_THREADS)]
    for t in threads:
        t.start()
    try:
        time.sleep(fault_at)
        window = fault(t0)
        time.sleep(max(min_seconds, window[1] + tail_s) - (time.perf_counter() - t0))
    finally:
        stack.stop_load.set()
        for t in threads:
            t.join(timeout=REQUEST_TIMEOUT + 2)
    return sorted(hits, key=lambda h: h.start), window


def report_load(
    outcomes: list[Outcome], name: str, hits: list[Hit], window: tuple[float, float], fault_words: str
) -> None:
    fault_start, fault_end = window
    before = [h for h in hits if h.start < fault_start]
    during = [h for h in hits if fault_start <= h.start < fault_end]
    after = [h for h in hits if h.start >= fault_end]

    def bad(group):
        return [h for h in group if h.status != 200]

    say(f"   {fault_words}: {fault_start:.1f} s -> {fault_end:.1f} s after the load began")
    last_end = max((h.end for h in hits), default=fault_end)
    spans = {"before": fault_start, "during": fault_end - fault_start, "after": last_end - fault_end}
    say(f"   {'':<8}{'requests':>9}{'non-200':>9}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}  statuses")
    for label, group in (("before", before), ("during", during), ("after", after)):
        statuses = Counter(str(h.status) for h in group)
        latencies = sorted(h.end - h.start for h in group)
        p50 = statistics.median(latencies) if latencies else None
        p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else None
        rate = len(group) / spans[label] if spans[label] > 0 else 0.0
        say(
            f"   {label:<8}{len(group):>9}{len(bad(group)):>9}{rate:>8.0f}{ms(p50):>9}{ms(p95):>9}"
            f"  {dict(sorted(statuses.items()))}"
        )
    failing_pages = Counter(h.path for h in bad(during + after))
    if failing_pages:
        say("   pages that failed: " + ", ".join(f"{p} x{n}" for p, n in failing_pages.most_common()))
    seconds = int(max((h.end for h in hits), default=0)) + 1
    timeline = []
    for second in range(seconds):
        in_second = [h for h in hits if second <= h.end < second + 1]
        timeline.append(f"{len(in_second) - len(bad(in_second))}/{len(bad(in_second))}")
    say("   per second (200s/errors): " + " ".join(timeline))

    errors_since = [h for h in hits if h.status != 200 and h.end >= fault_start]
    first_ok_again = None
    if errors_since:
        first_error = errors_since[0].end
        oks = [h.end for h in hits if h.status == 200 and h.start >= first_error]
        first_ok_again = min(oks) - fault_start if oks else None
    last_error_end = max((h.end for h in errors_since), default=None)
    recovery = 0.0 if last_error_end is None else max(0.0, last_error_end - fault_end)
    say(
        f"   errors: {len(bad(before))} before, {len(bad(during))} during, {len(bad(after))} after; "
        f"last error {recovery:.2f} s after the service was back"
    )
    note = f"{len(hits)} GETs, {len(bad(before))} errors before the fault"
    if errors_since:
        back = "never" if first_ok_again is None else f"{first_ok_again:.2f} s"
        say(f"   first 200 after the first error: {back} after the fault began")
        note += f"; first 200 again {back} after the fault began"
    outcomes.append(Outcome(name, len(hits), len(bad(during)), len(bad(after)), recovery, note))


def redis_stop_start(stack: Stack, outcomes: list[Outcome]) -> None:
    say(f"\n== c. Redis stopped under load ({LOAD_THREADS} threads of GETs through nginx, {len(PAGES)} pages) ==")

    def fault(t0):
        start = time.perf_counter() - t0
        stack.stop_redis()
        time.sleep(max(0.0, 6.0 - (time.perf_counter() - t0)))
        stack.start_redis()
        return start, time.perf_counter() - t0

    hits, window = load_with_fault(stack, fault)
    report_load(outcomes, "c. Redis stop/start under load", hits, window, "Redis down (shutdown nosave, then started)")


def postgres_restart(stack: Stack, outcomes: list[Outcome]) -> None:
    version, cluster = stack.pg_cluster
    say(f"\n== d. PostgreSQL {version}/{cluster} restarted under load ({LOAD_THREADS} threads through nginx) ==")
    others = stack.psql(
        "SELECT string_agg(DISTINCT datname, ', ') FROM pg_stat_activity "
        f"WHERE datname IS NOT NULL AND datname NOT IN ('{DB_NAME}', 'postgres') AND pid <> pg_backend_pid()"
    )
    if others:
        say(f"   note: other databases have sessions that the restart will cut too: {others}")

    def fault(t0):
        start = time.perf_counter() - t0
        result = subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", version, cluster, "restart"],
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        if result.returncode != 0:
            raise DrillError(f"pg_ctlcluster restart failed: {result.stderr.strip()}")
        if not wait_until(stack.pg_ready, 60):
            raise DrillError("PostgreSQL did not come back within 60 s of the restart")
        return start, time.perf_counter() - t0

    hits, window = load_with_fault(stack, fault)
    report_load(outcomes, "d. PostgreSQL restart under load", hits, window, "PostgreSQL restart (pg_ctlcluster)")
