"""Pages about the catalog itself: how facts are judged, and a way to report a wrong one."""

from django.shortcuts import redirect, render

from ..api import open_data
from ..catalog.page_cache import cached_by_revision
from ..domain import maintenance
from ..domain.vocabulary import LEVELS
from ..editorial.freshness import STALE_AFTER_DAYS
from .forms import FactReportForm


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


def report_fact(request):
    if request.method == "POST":
        form = FactReportForm(request.POST)
        if form.is_valid():
            form.save()
            return redirect("frameworks:report_thanks")
        return render(request, "about/report_form.html", {"form": form}, status=400)
    # Links from framework and feature pages prefill what the report is about.
    initial = {key: request.GET[key] for key in ("framework", "feature") if key in request.GET}
    return render(request, "about/report_form.html", {"form": FactReportForm(initial=initial)})


def report_thanks(request):
    return render(request, "about/report_thanks.html")
