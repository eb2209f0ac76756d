"""JSON API: the same modules as the HTML views, JSON out. Shapes live in serializers.py (design.md)."""

import re

from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone

from ..catalog import queries
from ..catalog.page_cache import cached_by_revision
from ..domain import compare, recommend, search, what_if
from ..domain import decision_record as decision_records
from ..web.forms import WIZARD_PARAMS, WizardForm
from ..web.methods import read_only
from ..web.templatetags import absolute
from . import open_data, serializers
from .fast_json import JSONResponse, encoded_once
from .openapi import spec


def _not_found(message: str, slug: str, candidates: dict[str, str]) -> JSONResponse:
    return JSONResponse({"error": message, "suggestions": search.suggest(slug, candidates)}, status=404)


def _bad_request(errors: dict[str, list[str]]) -> JSONResponse:
    return JSONResponse({"errors": errors}, status=400)


SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# A reason's JSON, encoded once per snapshot and day (the ranking's columns keep it): the recommend
# answer lists every framework's reasons, and writing them was most of its cost at 200 frameworks.
REASON_JSON = encoded_once(serializers.reason)


def _canonical_slug_list(values: list[str]) -> list[str]:
    """`frameworks=flask,django` and `frameworks=django,flask` are one comparison, one cache entry."""
    return [",".join(sorted(s for v in values[:1] for s in v.split(",")))]


def _unknown_framework(slug: str, current) -> JSONResponse:
    return _not_found(f"No framework called '{slug}'.", slug, {f.slug: f.name for f in current.frameworks})


@read_only
@cached_by_revision
def frameworks(request):
    current = queries.snapshot()
    data = [serializers.framework(f, absolute) for f in current.frameworks]
    return JSONResponse({"frameworks": data, "catalog_revision": current.revision})


@read_only
@cached_by_revision
def framework_detail(request, slug):
    current = queries.snapshot()
    framework = current.framework(slug.lower())
    if framework is None:
        return _unknown_framework(slug, current)
    return JSONResponse(serializers.framework(framework, absolute) | {"catalog_revision": current.revision})


@read_only
@cached_by_revision(params={"frameworks": _canonical_slug_list, "diff": None})
def compare_frameworks(request):
    current = queries.snapshot()
    raw = request.GET.get("frameworks", "")
    if len(raw) > 400:
        return _bad_request({"frameworks": ["Too long: name two to four framework slugs."]})
    # Exactly as the OpenAPI description says: 2-4 distinct lowercase slugs, comma-separated.
    slugs = raw.split(",")
    malformed = [s for s in slugs if not SLUG.fullmatch(s)]
    if malformed:
        return _bad_request(
            {"frameworks": [f"'{malformed[0]}' is not a framework slug (lowercase, e.g. django-ninja)."]}
        )
    if len(set(slugs)) != len(slugs):
        return _bad_request({"frameworks": ["Name each framework once."]})
    problem = compare.count_problem(slugs)
    if problem:
        return _bad_request({"frameworks": [problem]})
    for slug in slugs:
        if current.framework(slug) is None:
            return _unknown_framework(slug, current)
    diff = request.GET.get("diff", "0")
    if diff not in ("0", "1"):
        return _bad_request({"diff": ["Use diff=1 for only the differing rows, or leave it out."]})
    chosen = queries.frameworks_by_slugs(compare.canonical_slugs(slugs), current=current)
    comparison = compare.build(current, chosen, only_differences=diff == "1")
    page = reverse("frameworks:compare", kwargs={"path": comparison.path_part})
    data = serializers.comparison(comparison, absolute)
    return JSONResponse(data | {"url": absolute(page), "catalog_revision": current.revision})


@read_only
@cached_by_revision(params=dict.fromkeys(WIZARD_PARAMS), build_lock=False)
def recommend_frameworks(request):
    current = queries.snapshot()
    form = WizardForm(request.GET, snapshot=current)
    if not form.is_valid():
        return _bad_request({field: list(messages) for field, messages in form.errors.items()})
    answers = form.answers()
    today = timezone.localdate()
    ranked = recommend.recommend(answers=answers, catalog=current, today=today, explain=False)
    reasons = recommend.rendered_reasons(answers=answers, catalog=current, today=today, render=REASON_JSON)
    changes = what_if.what_would_change(
        answers=answers,
        catalog=current,
        today=today,
        ranked=ranked,
        slugs_to_explain=[r.framework.slug for r in ranked[:3]],
    )
    return JSONResponse(
        {
            "answers": answers.normalised(),
            "results": serializers.recommendations(ranked, absolute, reasons),
            "what_if": [serializers.what_if(c) for c in changes],
            "catalog_revision": current.revision,
        }
    )


@read_only
@cached_by_revision(params=dict.fromkeys(WIZARD_PARAMS), build_lock=False)
def decision_record(request):
    """The wizard's results as a decision record (MADR 4.0 fields) in JSON."""
    current = queries.snapshot()
    form = WizardForm(request.GET, snapshot=current)
    if not form.is_valid():
        return _bad_request({field: list(messages) for field, messages in form.errors.items()})
    answers = form.answers()
    today = timezone.localdate()
    ranked = recommend.recommend(answers=answers, catalog=current, today=today)
    query = request.GET.urlencode()
    url = absolute(reverse("frameworks:wizard_results")) + (f"?{query}" if query else "")
    record = decision_records.build(answers=answers, ranked=ranked, catalog=current, today=today, results_url=url)
    return JSONResponse(record.as_dict() | {"catalog_revision": current.revision})


@read_only
@cached_by_revision
def openapi(request):
    return JSONResponse(spec(queries.snapshot()))


def _license_link() -> str:
    return f'<{open_data.LICENSE["url"]}>; rel="license"'


@read_only
@cached_by_revision
def export_catalog(request):
    current = queries.snapshot()
    document = open_data.catalog_document(
        current.document, revision=current.revision, methodology_url=absolute(reverse("frameworks:methodology"))
    )
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Link"] = _license_link()
    return response


@read_only
@cached_by_revision
def export_support(request):
    response = HttpResponse(open_data.support_csv(queries.snapshot().document), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="pickwise-support.csv"'
    response["Link"] = _license_link()
    return response
