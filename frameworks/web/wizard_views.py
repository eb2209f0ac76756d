"""The wizard: a GET form, and ranked results at a shareable URL."""

from urllib.parse import urlencode

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from ..catalog import queries
from ..catalog.page_cache import cached_by_revision
from ..domain import compare, criteria, decision_record, listings, ranking_page, recommend, what_if
from .forms import WIZARD_PARAMS, WizardForm
from .methods import read_only
from .rendering import render_with_body
from .templatetags import absolute

TOP_REASONS = 4


@read_only
def wizard(request):
    form = WizardForm(request.GET or None, snapshot=queries.snapshot())
    if form.is_bound:
        form.is_valid()  # show errors on a prefilled form (the "edit answers" link lands here)
    return render(request, "wizard/wizard_form.html", {"form": form})


@read_only
@cached_by_revision(params=dict.fromkeys(WIZARD_PARAMS + ("why",)) | {"all": ("1",)}, build_lock=False)
def results(request):
    current = queries.snapshot()
    form = WizardForm(request.GET, snapshot=current)
    if not form.is_valid():
        return render(request, "wizard/wizard_form.html", {"form": form}, status=400)
    answers = form.answers()
    today = timezone.localdate()
    ranked = recommend.recommend(answers=answers, catalog=current, today=today, explain=False)
    asked = form.cleaned_data.get("why")
    explain = [r.framework.slug for r in ranked[: ranking_page.TOP_EXPANDED]]
    if asked and asked not in explain:
        explain.append(asked)
    ranked = recommend.with_reasons(ranked, answers=answers, catalog=current, today=today, slugs=explain)
    changes = what_if.what_would_change(
        answers=answers, catalog=current, today=today, ranked=ranked, slugs_to_explain=explain
    )
    everything = request.GET.get("all") == "1"
    listed = ranked if everything else ranked[: ranking_page.LISTED]
    asked_row = [r for r in ranked[len(listed) :] if r.framework.slug == asked]
    rows = ranking_page.rows(listed + asked_row, answers, current)
    context = {
        "results": ranked,
        "answered": answers.answered,
        "groups": ranking_page.tier_groups(rows[: len(listed)]),
        "listed": len(listed),
        "query_without_all": _query_without(request, "all"),
        "summary": decision_record.describe_answers(answers, current),
        "what_if": [c for c in changes if c.framework != asked],
        "why": next((row for row in rows if row.result.framework.slug == asked), None),
        "why_change": next((c for c in changes if c.framework == asked), None),
        "query": _query_without(request, "why"),
        "compare_top3": compare.canonical_path_part([r.framework.slug for r in ranked[:3]]),
        "top_reasons": TOP_REASONS,
        "checked": listings.newest(r.framework.last_checked for r in ranked),
        "today": today,
    }
    return render_with_body(request, "wizard/wizard_results.html", "wizard/results_body.html", context)


@read_only
@cached_by_revision(params=dict.fromkeys(WIZARD_PARAMS + ("format",)), build_lock=False)
def decision_record_download(request):
    """The results as a decision record for the team: Markdown (MADR 4.0) or ?format=json."""
    current = queries.snapshot()
    form = WizardForm(request.GET, snapshot=current)
    wanted = request.GET.get("format", "md")
    if not form.is_valid() or wanted not in ("md", "json"):
        errors = {field: list(messages) for field, messages in form.errors.items()}
        if wanted not in ("md", "json"):
            errors["format"] = ["Use format=md (Markdown, the default) or format=json."]
        return JsonResponse({"errors": errors}, status=400)
    answers = form.answers()
    today = timezone.localdate()
    ranked = recommend.recommend(answers=answers, catalog=current, today=today)
    query = _query_without(request, "format")
    results_url = absolute(reverse("frameworks:wizard_results")) + (f"?{query}" if query else "")
    record = decision_record.build(
        answers=answers, ranked=ranked, catalog=current, today=today, results_url=results_url
    )
    if wanted == "json":
        return JsonResponse(record.as_dict(), json_dumps_params={"ensure_ascii": False, "indent": 1})
    response = HttpResponse(record.as_markdown(), content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="decision-record-{today.isoformat()}.md"'
    return response


def _query_without(request, name: str) -> str:
    # As QueryDict.urlencode() writes it, without its deep copy (twice per results page).
    return urlencode([(key, value) for key, values in request.GET.lists() if key != name for value in values])


@read_only
def how_we_rank(request):
    return render(
        request,
        "wizard/how_we_rank.html",
        {
            "weights": criteria.WEIGHTS,
            "importance": criteria.IMPORTANCE,
            "batteries": criteria.BATTERIES,
            "maintenance_weight": criteria.MAINTENANCE_WEIGHT,
            "ecosystem_weight": criteria.ECOSYSTEM_WEIGHT,
        },
    )
