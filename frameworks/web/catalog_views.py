"""Catalog pages: home, the filterable list, one framework, one feature, one use case."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from ..api import open_data
from ..catalog import benchmarks, queries
from ..catalog.page_cache import cached_by_revision
from ..domain import listings, search
from ..domain.vocabulary import LEVELS, SORTS
from .errors import not_found
from .forms import CATALOG_FILTER_PARAMS, CatalogFilterForm
from .methods import read_only


@read_only
@cached_by_revision
def home(request):
    current = queries.snapshot()
    return render(
        request,
        "frameworks/home.html",
        {
            "frameworks": current.frameworks,
            "categories": current.categories,
            "use_cases": current.use_cases,
            "popular": listings.popular_comparisons(current),
            "feature_count": len(current.features),
            "checked": listings.newest(f.last_checked for f in current.frameworks),
        },
    )


@read_only
@cached_by_revision(params=dict.fromkeys(CATALOG_FILTER_PARAMS), uncached=("q",))
def framework_list(request):
    current = queries.snapshot()
    form = CatalogFilterForm(request.GET or None, snapshot=current)
    frameworks, status = list(current.frameworks), 200
    if form.is_bound:
        if form.is_valid():
            criteria = search.CatalogFilter(
                q=form.cleaned_data["q"],
                features=tuple(form.cleaned_data["feature"]),
                use_cases=tuple(form.cleaned_data["use_case"]),
                interface=form.cleaned_data["interface"],
                license=form.cleaned_data["license"],
            )
            frameworks = search.filter_frameworks(current.frameworks, criteria)
            sort = form.cleaned_data["sort"] or "name"
            frameworks = search.sort_frameworks(frameworks, sort, today=timezone.localdate())
        else:
            status = 400
    context = {
        "form": form,
        "frameworks": frameworks,
        "sort": form.cleaned_data.get("sort") or "name" if form.is_bound and form.is_valid() else "name",
        "sort_links": _sort_links(request),
        "total": len(current.frameworks),
        "features": current.features,
        "filtered": form.is_bound,
        "checked": listings.newest(f.last_checked for f in frameworks),
    }
    return render(request, "frameworks/framework_list.html", context, status=status)


@read_only
@cached_by_revision
def framework_detail(request, slug):
    current = queries.snapshot()
    framework = current.framework(slug)
    preview = False
    if framework is None and request.user.is_staff:
        # Staff see a draft as it will look once published (never cached: the cache skips signed-in users).
        framework = queries.draft_facts(slug)
        preview = framework is not None
    if framework is None:
        return not_found(
            request, "framework", slug, {f.slug: f.name for f in current.frameworks}, "frameworks:framework_detail"
        )
    context = {
        "framework": framework,
        "preview": preview,
        "sections": listings.support_sections(current, framework),
        "fits": listings.fits_for(current, framework),
        "related": [] if preview else listings.related_comparisons(current, framework),
    }
    return render(request, "frameworks/framework_detail.html", context)


@read_only
@cached_by_revision
def feature_detail(request, slug):
    current = queries.snapshot()
    feature = current.feature(slug)
    if feature is None:
        return not_found(
            request, "feature", slug, {f.slug: f.name for f in current.features}, "frameworks:feature_detail"
        )
    rows = listings.feature_rows(current, feature)
    checked = listings.newest(row.fact.checked_on for row in rows if row.fact)
    context = {"feature": feature, "rows": rows, "legend": LEVELS, "checked": checked}
    return render(request, "frameworks/feature_detail.html", context)


@read_only
@cached_by_revision
def use_case_detail(request, slug):
    current = queries.snapshot()
    use_case = current.use_case(slug)
    if use_case is None:
        return not_found(
            request, "use case", slug, {u.slug: u.name for u in current.use_cases}, "frameworks:use_case_detail"
        )
    groups = listings.use_case_groups(current, use_case)
    checked = listings.newest(f.fits[use_case.slug].checked_on for f in current.frameworks if use_case.slug in f.fits)
    context = {"use_case": use_case, "groups": groups, "checked": checked}
    return render(request, "frameworks/use_case_detail.html", context)


@read_only
@cached_by_revision
def feature_list(request):
    current = queries.snapshot()
    context = {"categories": listings.feature_index(current), "total": len(current.frameworks)}
    return render(request, "frameworks/feature_list.html", context)


@read_only
@cached_by_revision
def use_case_list(request):
    current = queries.snapshot()
    context = {"use_cases": listings.use_case_index(current), "total": len(current.frameworks)}
    return render(request, "frameworks/use_case_list.html", context)


@read_only
@cached_by_revision
def task_samples(request, task):
    current = queries.snapshot()
    rows = listings.task_samples(current, task)
    if rows is None:
        titles = {s.task: s.task_title for f in current.frameworks for s in f.samples}
        return not_found(request, "code task", task, titles, "frameworks:samples")
    title, samples, missing = rows
    context = {"task": task, "title": title, "samples": samples, "missing": missing}
    return render(request, "frameworks/samples_detail.html", context)


def _sort_links(request) -> list[tuple[str, str, str]]:
    """(key, label, query string) for each sort order, keeping the current filters: plain links, no JavaScript."""
    links = []
    for term in SORTS:
        query = request.GET.copy()
        query["sort"] = term.slug
        links.append((term.slug, term.label, query.urlencode()))
    return links


@read_only
def site_search(request):
    """The header's search box: works without JavaScript, never cached (free text)."""
    current = queries.snapshot()
    query = request.GET.get("q", "")[:100]
    hits = search.site_search(current, query)
    links = {
        "framework": "frameworks:framework_detail",
        "feature": "frameworks:feature_detail",
        "use case": "frameworks:use_case_detail",
        "comparison": "frameworks:compare",
    }
    results = [(hit, reverse(links[hit.kind], args=[hit.slug])) for hit in hits]
    return render(request, "frameworks/search.html", {"query": query, "results": results})


@read_only
def benchmarks_page(request):
    return render(request, "frameworks/benchmarks.html", {"bench": benchmarks.load()})


@read_only
def benchmarks_data(request, fmt):
    """The raw figures of the last run, under the open-data licence."""
    path = benchmarks.RESULTS.with_suffix(f".{fmt}")
    if not path.exists():
        raise Http404("No benchmark run has been recorded.")
    kind = "application/json" if fmt == "json" else "text/csv; charset=utf-8"
    response = HttpResponse(path.read_bytes(), content_type=kind)
    response["Link"] = f'<{open_data.LICENSE["url"]}>; rel="license"'
    return response
