"""Fault drill for the production layout: nginx -> two gunicorn app servers -> PostgreSQL + Redis.

Prints figures; asserts nothing. Usage: .venv/bin/python bench/faults.py [--only a,b,c,d] [--keep-logs]

Everything runs on loopback and is started here: a fresh PostgreSQL database `pickwise_faults` on
the machine's cluster (127.0.0.1:5432, role postgres), a private Redis on port 6390, two app
servers through scripts/serve on 8001 and 8002, and nginx on 8080 with deploy/nginx.conf. Then:

  a. slow clients: idle sockets holding half a request header, and the latency of normal GETs
     through nginx and straight at one app server;
  b. an edit made through one process shows at once on both app servers;
  c. Redis stopped and started again under load;
  d. PostgreSQL restarted under load (pg_ctlcluster; every database on the cluster sees it).

Everything it started is stopped at the end, on Ctrl-C or on an error too, and the database is
dropped. The machine's own Redis (6379) is never touched, and PostgreSQL is left running.

fault_stack.py starts and stops the layout; fault_slow_clients.py (a), fault_edit.py (b) and
fault_under_load.py (c, d) hold the scenarios; fault_common.py the ports, pages and GETs they share.
"""

import argparse
import signal
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from fault_common import APP_PORTS, REDIS_PORT, DrillError, Outcome, say  # noqa: E402
from fault_edit import edit_on_both_servers  # noqa: E402
from fault_slow_clients import slow_clients  # noqa: E402
from fault_stack import Stack  # noqa: E402
from fault_under_load import postgres_restart, redis_stop_start  # noqa: E402


def summary(outcomes: list[Outcome]) -> None:
    if not outcomes:
        return
    say("\n== summary ==")
    say(f"{'scenario':<44}{'requests':>9}{'err during':>11}{'err after':>10}{'recover s':>10}  note")
    for o in outcomes:
        recovery = "-" if o.recovery_s is None else f"{o.recovery_s:.2f}"
        say(f"{o.scenario:<44}{o.requests:>9}{o.errors_during:>11}{o.errors_after:>10}{recovery:>10}  {o.note}")
    say(
        "a: errors = failed or timed-out GETs while idle sockets were open / in 10 GETs after closing them; "
        "recover = closing them to the first 200."
    )
    say("b: errors = GETs not showing the edit, right after the commit / on a second look; recover = slowest of them.")
    say(
        "c, d: errors = non-200 answers to requests begun during / after the fault; recover = last error after the service was back."
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="abcd", help="scenarios to run, e.g. --only a,c (default: all)")
    parser.add_argument("--keep-logs", action="store_true", help="keep the temporary folder with every log")
    args = parser.parse_args()
    scenarios = {c for c in args.only.lower() if c in "abcd"}

    def terminate(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, terminate)
    stack = Stack(keep_logs=args.keep_logs)
    outcomes: list[Outcome] = []
    say(f"Pickwise fault drill (logs in {stack.tmp})")
    try:
        stack.preflight("".join(sorted(scenarios)))
        stack.create_database()
        say(f"- private Redis on 127.0.0.1:{REDIS_PORT} (maxmemory 256mb, allkeys-lru, no persistence)")
        stack.start_redis()
        for port in APP_PORTS:
            stack.start_app(port)
        stack.start_nginx()
        stack.warm_up()
        for letter, run in (
            ("a", slow_clients),
            ("b", edit_on_both_servers),
            ("c", redis_stop_start),
            ("d", postgres_restart),
        ):
            if letter in scenarios:
                run(stack, outcomes)
        summary(outcomes)
        return 0
    except DrillError as exc:
        stack.failed = True
        say(f"\nDRILL STOPPED: {exc}")
        summary(outcomes)
        return 1
    except KeyboardInterrupt:
        stack.failed = True
        say("\ninterrupted")
        return 130
    except BaseException:
        stack.failed = True
        raise
    finally:
        stack.cleanup()


if __name__ == "__main__":
    sys.exit(main())
