"""Thin HTML views: parse input, call catalog/recommend/compare, render a plain context."""

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse

from . import catalog, pages
from .caching import cached_by_revision
from .forms import CatalogFilterForm
from .snapshot import FITS, LEVEL_LEGEND


@cached_by_revision
def home(request):
    current = catalog.snapshot()
    return render(
        request,
        "frameworks/home.html",
        {
            "frameworks": current.frameworks,
            "categories": current.categories,
            "use_cases": current.use_cases,
            "popular": pages.popular_comparisons(current),
            "feature_count": len(current.features),
            "checked": pages.newest(f.last_checked for f in current.frameworks),
        },
    )


@cached_by_revision
def framework_list(request):
    current = catalog.snapshot()
    form = CatalogFilterForm(request.GET or None, snapshot=current)
    frameworks, status = list(current.frameworks), 200
    if form.is_bound:
        if form.is_valid():
            criteria = catalog.CatalogFilter(
                q=form.cleaned_data["q"],
                features=tuple(form.cleaned_data["feature"]),
                use_cases=tuple(form.cleaned_data["use_case"]),
                interface=form.cleaned_data["interface"],
                license=form.cleaned_data["license"],
            )
            frameworks = catalog.filter_frameworks(current.frameworks, criteria)
        else:
            status = 400
    context = {
        "form": form,
        "frameworks": frameworks,
        "total": len(current.frameworks),
        "features": current.features,
        "filtered": form.is_bound,
        "checked": pages.newest(f.last_checked for f in frameworks),
    }
    return render(request, "frameworks/framework_list.html", context, status=status)


@cached_by_revision
def framework_detail(request, slug):
    current = catalog.snapshot()
    framework = current.framework(slug)
    preview = False
    if framework is None and request.user.is_staff:
        # Staff see a draft as it will look once published (never cached: the cache skips signed-in users).
        framework = catalog.draft_facts(slug)
        preview = framework is not None
    if framework is None:
        return not_found(
            request, "framework", slug, {f.slug: f.name for f in current.frameworks}, "frameworks:framework_detail"
        )
    context = {
        "framework": framework,
        "preview": preview,
        "sections": pages.support_sections(current, framework),
        "fits": pages.fits_for(current, framework),
        "related": [] if preview else pages.related_comparisons(current, framework),
    }
    return render(request, "frameworks/framework_detail.html", context)


@cached_by_revision
def feature_detail(request, slug):
    current = catalog.snapshot()
    feature = current.feature(slug)
    if feature is None:
        return not_found(
            request, "feature", slug, {f.slug: f.name for f in current.features}, "frameworks:feature_detail"
        )
    rows = pages.feature_rows(current, feature)
    checked = pages.newest(row.fact.checked_on for row in rows if row.fact)
    context = {"feature": feature, "rows": rows, "legend": LEVEL_LEGEND, "checked": checked}
    return render(request, "frameworks/feature_detail.html", context)


@cached_by_revision
def use_case_detail(request, slug):
    current = catalog.snapshot()
    use_case = current.use_case(slug)
    if use_case is None:
        return not_found(
            request, "use case", slug, {u.slug: u.name for u in current.use_cases}, "frameworks:use_case_detail"
        )
    groups = pages.use_case_groups(current, use_case)
    checked = pages.newest(f.fits[use_case.slug].checked_on for f in current.frameworks if use_case.slug in f.fits)
    context = {"use_case": use_case, "groups": groups, "fits": FITS, "checked": checked}
    return render(request, "frameworks/use_case_detail.html", context)


def not_found(request, kind: str, slug: str, candidates: dict[str, str], url_name: str):
    """A 404 page that names what was asked for and offers the closest known slugs."""
    suggestions = [(reverse(url_name, args=[s]), candidates[s], s) for s in catalog.suggest(slug, candidates)]
    context = {"kind": kind, "slug": slug, "suggestions": suggestions}
    return render(request, "404.html", context, status=404)


def page_not_found(request, exception):
    return render(request, "404.html", {}, status=404)


def server_error(request):
    return render(request, "500.html", status=500)


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
