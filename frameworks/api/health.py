"""/healthz for load balancers: each part (database, cache) answers, or 503 says which does not."""

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from ..web.methods import read_only


@read_only
@never_cache
def healthz(request):
    """Liveness for load balancers: the database and the cache each answer, or 503 says which not."""
    report = {"status": "ok", "database": "ok", "cache": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any failure means the part is down
        report["database"] = "down"
    try:
        cache.set("healthz", "ok", 5)
        if cache.get("healthz") != "ok":
            report["cache"] = "down"
    except Exception:  # noqa: BLE001
        report["cache"] = "down"
    if "down" in report.values():
        report["status"] = "down"
    return JsonResponse(report, status=200 if report["status"] == "ok" else 503)
