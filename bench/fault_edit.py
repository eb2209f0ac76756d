"""Scenario b of the fault drill: an edit made through one process shows at once on both app servers
(and through nginx), because saving it bumps the catalog revision that keys every cached page."""

import json
import secrets
import time

from fault_common import APP_PORTS, NGINX_PORT, DrillError, Outcome, get, get_body, say
from fault_stack import Stack


def edit_on_both_servers(stack: Stack, outcomes: list[Outcome]) -> None:
    say("\n== b. an edit through one process is visible on both app servers at once ==")
    path = "/frameworks/flask/"
    for port in APP_PORTS:
        get(port, path, timeout=10)  # both servers hold a cached copy of the old page
    new = f"Fault drill tagline {secrets.token_hex(4)} for a small WSGI microframework"
    code = (
        "import json\n"
        "from frameworks.models import CatalogRevision, Framework\n"
        "before = CatalogRevision.objects.get(pk=1).number\n"
        "f = Framework.objects.get(slug='flask')\n"
        "old = f.tagline\n"
        f"f.tagline = {new!r}\n"
        "f.save()\n"
        "print(json.dumps({'before': before, 'after': CatalogRevision.objects.get(pk=1).number, 'old': old}))\n"
    )
    say("   manage.py shell -c: Framework(flask).tagline = ... ; save()  (signals bump the revision)")
    output = stack.manage("shell", "-c", code, log_name="edit.log").strip().splitlines()
    committed = time.perf_counter()
    try:
        edit = json.loads(output[-1])
    except (IndexError, json.JSONDecodeError) as exc:
        raise DrillError(f"the edit printed no result: {output}") from exc
    say(f"   old tagline: {edit['old']!r}")
    say(f"   new tagline: {new!r}")
    say(f"   catalog revision {edit['before']} -> {edit['after']}")
    missing = 0
    seen = {}
    for port in (*APP_PORTS, NGINX_PORT):
        status, body = get_body(port, path)
        seen[port] = (status, new in body, time.perf_counter() - committed)
        missing += not (status == 200 and new in body)
    for port, (status, shown, after) in seen.items():
        say(
            f"   GET :{port}{path} -> {status}, new text {'shown' if shown else 'MISSING'} ({after * 1000:.0f} ms after commit)"
        )
    again = sum(
        not (status == 200 and new in body)
        for status, body in (get_body(port, path) for port in (*APP_PORTS, NGINX_PORT))
    )
    slowest = max(after for _, _, after in seen.values())
    outcomes.append(
        Outcome(
            "b. edit on both app servers",
            2 + 2 * len(seen),
            missing,
            again,
            slowest if not missing else None,
            f"revision {edit['before']}->{edit['after']}; " + ("both show it" if not missing else "stale page served"),
        )
    )
