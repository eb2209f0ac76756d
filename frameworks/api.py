"""JSON API: the same modules as the HTML views, JSON out. Shapes are public contracts (design.md)."""

from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone

from . import catalog, compare, open_data, recommend, revision
from .caching import cached_by_revision
from .forms import WizardForm
from .openapi import SPEC
from .snapshot import FrameworkFacts


def _not_found(message: str, slug: str, candidates: dict[str, str]) -> JsonResponse:
    return JsonResponse({"error": message, "suggestions": catalog.suggest(slug, candidates)}, status=404)


def _bad_request(errors: dict[str, list[str]]) -> JsonResponse:
    return JsonResponse({"errors": errors}, status=400)


def framework_json(framework: FrameworkFacts, request) -> dict:
    return {
        "slug": framework.slug,
        "name": framework.name,
        "tagline": framework.tagline,
        "website": framework.website,
        "repository": framework.repository,
        "license": framework.license,
        "first_release": framework.first_release,
        "latest_version": framework.latest_version,
        "latest_release_date": framework.latest_release_date.isoformat() if framework.latest_release_date else None,
        "interface": framework.interface,
        "learning_curve": framework.learning_curve,
        "productivity_weeks": list(framework.productivity_weeks),
        "support": [{"feature": slug} | compare.support_json(fact) for slug, fact in framework.support.items()],
        "use_cases": [{"use_case": slug, "fit": fit.fit, "note": fit.note} for slug, fit in framework.fits.items()],
        "url": request.build_absolute_uri(reverse("frameworks:framework_detail", args=[framework.slug])),
    }


@cached_by_revision
def frameworks(request):
    current = catalog.snapshot()
    data = [framework_json(f, request) for f in current.frameworks]
    return JsonResponse({"frameworks": data, "catalog_revision": current.revision})


@cached_by_revision
def framework_detail(request, slug):
    current = catalog.snapshot()
    framework = current.framework(slug.lower())
    if framework is None:
        return _not_found(f"No framework called '{slug}'.", slug, {f.slug: f.name for f in current.frameworks})
    return JsonResponse(framework_json(framework, request) | {"catalog_revision": current.revision})


@cached_by_revision
def compare_frameworks(request):
    current = catalog.snapshot()
    raw = request.GET.get("frameworks", "")
    if len(raw) > 400:
        return _bad_request({"frameworks": ["Too long: name two to four framework slugs."]})
    slugs = [s.strip().lower() for s in raw.split(",") if s.strip()]
    problem = compare.count_problem(slugs)
    if problem:
        return _bad_request({"frameworks": [problem]})
    for slug in slugs:
        if current.framework(slug) is None:
            return _not_found(f"No framework called '{slug}'.", slug, {f.slug: f.name for f in current.frameworks})
    diff = request.GET.get("diff", "0")
    if diff not in ("0", "1"):
        return _bad_request({"diff": ["Use diff=1 for only the differing rows, or leave it out."]})
    chosen = catalog.frameworks_by_slugs(compare.canonical_slugs(slugs), current=current)
    comparison = compare.build(current, chosen, only_differences=diff == "1")

    def url_for(slug):
        return request.build_absolute_uri(reverse("frameworks:framework_detail", args=[slug]))

    path = reverse("frameworks:compare", kwargs={"path": compare.canonical_path_part(slugs)})
    data = compare.as_json(comparison, url_for)
    return JsonResponse(data | {"url": request.build_absolute_uri(path), "catalog_revision": current.revision})


@cached_by_revision
def recommend_frameworks(request):
    current = catalog.snapshot()
    form = WizardForm(request.GET, snapshot=current)
    if not form.is_valid():
        return _bad_request({field: list(messages) for field, messages in form.errors.items()})
    answers = form.answers()
    ranked = recommend.recommend(answers=answers, catalog=current, today=timezone.localdate())
    results = [
        {
            "rank": r.rank,
            "framework": r.framework.slug,
            "name": r.framework.name,
            "score": r.score,
            "url": request.build_absolute_uri(reverse("frameworks:framework_detail", args=[r.framework.slug])),
            "reasons": [{"kind": x.kind, "text": x.text, "source": x.source or None} for x in r.reasons],
            "unmet_must": list(r.unmet_must),
        }
        for r in ranked
    ]
    return JsonResponse({"answers": answers.normalised(), "results": results, "catalog_revision": current.revision})


def openapi(request):
    return JsonResponse(SPEC)


def _license_link() -> str:
    return f'<{open_data.LICENSE["url"]}>; rel="license"'


@cached_by_revision
def export_catalog(request):
    document = open_data.catalog_document(
        revision=revision.current().number,
        methodology_url=request.build_absolute_uri(reverse("frameworks:methodology")),
    )
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Link"] = _license_link()
    return response


@cached_by_revision
def export_support(request):
    response = HttpResponse(open_data.support_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="pickwise-support.csv"'
    response["Link"] = _license_link()
    return response
