"""Pages about the catalog itself: how facts are judged, and a way to report a wrong one."""

from django.conf import settings
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from ..api import open_data
from ..catalog.page_cache import cached_by_revision
from ..domain import maintenance
from ..domain.vocabulary import LEVELS
from ..editorial.freshness import STALE_AFTER_DAYS
from . import rate_limit
from .forms import FactReportForm
from .methods import read_only


@read_only
@cached_by_revision
def methodology(request):
    context = {
        "legend": LEVELS,
        "active_days": maintenance.ACTIVE_DAYS,
        "slowing_days": maintenance.SLOWING_DAYS,
        "stale_days": STALE_AFTER_DAYS,
        "license": open_data.LICENSE,
    }
    return render(request, "about/methodology.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def report_fact(request):
    if request.method == "POST":
        form = FactReportForm(request.POST)
        if not form.is_valid():
            return render(request, "about/report_form.html", {"form": form}, status=400)
        if not rate_limit.allow(request, scope="report", limit=settings.REPORTS_PER_HOUR):
            form.add_error(
                None,
                f"You have sent {settings.REPORTS_PER_HOUR} reports in the last hour, the most we accept from one "
                "address. Nothing was saved: please keep your text and send it again later.",
            )
            return render(request, "about/report_form.html", {"form": form}, status=429)
        form.save()
        return redirect("frameworks:report_thanks")
    # Links from framework and feature pages prefill what the report is about.
    initial = {key: request.GET[key] for key in ("framework", "feature") if key in request.GET}
    return render(request, "about/report_form.html", {"form": FactReportForm(initial=initial)})


@read_only
def report_thanks(request):
    return render(request, "about/report_thanks.html")


@read_only
def api_docs(request):
    """The JSON API explained for people; the machine-readable description is linked from it."""
    return render(request, "about/api.html", {"license": open_data.LICENSE})
