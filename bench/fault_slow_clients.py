"""Scenario a of the fault drill: slow clients, idle sockets holding half a request header, and the
latency of normal GETs through nginx and straight at one app server meanwhile."""

import socket
import statistics
import time

from fault_common import APP_PORTS, NGINX_PORT, Outcome, get, ms, say, wait_until
from fault_stack import Stack

SLOW_CLIENT_TIMEOUT = 2.0  # seconds, for each timed GET
HALF_A_HEADER = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: half-a-header\r\n"


def open_idle(stack: Stack, port: int, count: int) -> list[socket.socket]:
    socks = []
    for _ in range(count):
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(HALF_A_HEADER)
        socks.append(s)
    stack.idle.extend(socks)  # cleanup closes them if the scenario does not
    time.sleep(0.5)  # let the server take them in before the timed GETs
    return socks


def still_open(socks: list[socket.socket]) -> int:
    """How many of these sockets the server has not closed yet."""
    open_count = 0
    for s in socks:
        s.setblocking(False)
        try:
            data = s.recv(4096)
            if data and not data.startswith(b"HTTP/"):
                open_count += 1
        except BlockingIOError:
            open_count += 1
        except OSError:
            pass
        finally:
            s.setblocking(True)
    return open_count


def timed_gets(port: int, count: int = 50) -> tuple[list[float], int, int, bool]:
    """`count` GETs alternating / and /healthz: latencies of the 200s, errors, timeouts, stalled."""
    latencies, errors, timeouts = [], 0, 0
    for i in range(count):
        path = "/" if i % 2 == 0 else "/healthz"
        start = time.perf_counter()
        status = get(port, path, timeout=SLOW_CLIENT_TIMEOUT)
        elapsed = time.perf_counter() - start
        if status == 200:
            latencies.append(elapsed)
        elif status == "timeout":
            timeouts += 1
        else:
            errors += 1
        if timeouts >= 3:  # the server is not answering; waiting out the rest shows nothing new
            return latencies, errors, timeouts, True
    return latencies, errors, timeouts, False


def slow_clients(stack: Stack, outcomes: list[Outcome]) -> None:
    say("\n== a. slow clients: idle sockets that sent half a request header ==")
    say(f"   50 GETs alternating / and /healthz, one connection each, {SLOW_CLIENT_TIMEOUT:.0f} s timeout")
    say(f"   {'target':<26}{'idle':>5}{'200s':>6}{'errors':>8}{'timeouts':>10}{'p50 ms':>9}{'max ms':>9}")
    for label, port in (("nginx :8080", NGINX_PORT), ("app server :8001 direct", APP_PORTS[0])):
        total = errors_during = 0
        worst_note = ""
        for idle_count in (0, 2, 20):
            socks = open_idle(stack, port, idle_count)
            latencies, errors, timeouts, stalled = timed_gets(port)
            attempted = len(latencies) + errors + timeouts
            total += attempted
            if idle_count:
                errors_during += errors + timeouts
            p50 = statistics.median(latencies) if latencies else None
            worst = max(latencies) if latencies else None
            flag = f"  stalled after {attempted} GETs" if stalled else ""
            say(
                f"   {label:<26}{idle_count:>5}{len(latencies):>6}{errors:>8}{timeouts:>10}"
                f"{ms(p50):>9}{ms(worst):>9}{flag}"
            )
            if idle_count == 20:
                # Does the server drop the half-sent requests by itself? nginx: client_header_timeout.
                waited = time.monotonic()
                wait_until(lambda s=socks: still_open(s) == 0, timeout=8)
                left = still_open(socks)
                seconds = time.monotonic() - waited
                if left:
                    worst_note = f"{left}/20 idle sockets still held after {seconds:.0f} s more"
                else:
                    worst_note = f"server dropped all 20 idle sockets within {seconds:.1f} s more"
                say(f"   {'':<26}{'':>5}  ({worst_note})")
            closed_at = time.perf_counter()
            stack.close_idle(socks)
            if idle_count == 20:
                recovered = wait_until(lambda p=port: get(p, "/healthz", timeout=2) == 200, timeout=30, interval=0.05)
                recovery = time.perf_counter() - closed_at if recovered else None
                check = [get(port, path, timeout=5) for path in ("/", "/healthz") * 5]
                errors_after = sum(status != 200 for status in check)
                total += len(check)
                outcomes.append(
                    Outcome(f"a. slow clients via {label}", total, errors_during, errors_after, recovery, worst_note)
                )
