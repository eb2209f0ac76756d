"""The wizard: a GET form, and ranked results at a shareable URL."""

from django.shortcuts import render
from django.utils import timezone

from ..catalog import queries
from ..catalog.page_cache import cached_by_revision
from ..domain import compare, listings, recommend
from .forms import WIZARD_PARAMS, WizardForm
from .methods import read_only

TOP_REASONS = 4


@read_only
def wizard(request):
    form = WizardForm(request.GET or None, snapshot=queries.snapshot())
    if form.is_bound:
        form.is_valid()  # show errors on a prefilled form (the "edit answers" link lands here)
    return render(request, "wizard/wizard_form.html", {"form": form})


@read_only
@cached_by_revision(params=dict.fromkeys(WIZARD_PARAMS))
def results(request):
    current = queries.snapshot()
    form = WizardForm(request.GET, snapshot=current)
    if not form.is_valid():
        return render(request, "wizard/wizard_form.html", {"form": form}, status=400)
    answers = form.answers()
    ranked = recommend.recommend(answers=answers, catalog=current, today=timezone.localdate())
    top3 = [r.framework for r in ranked[:3]]
    context = {
        "results": ranked,
        "answers": answers,
        "summary": _summary(answers, current),
        "query": request.GET.urlencode(),
        "compare_top3": compare.canonical_path_part([f.slug for f in top3]),
        "top_reasons": TOP_REASONS,
        "empty": not any(answers.normalised()[k] for k in ("use_cases", "must", "nice")),
        "checked": listings.newest(r.framework.last_checked for r in ranked),
    }
    return render(request, "wizard/wizard_results.html", context)


@read_only
def how_we_rank(request):
    return render(
        request,
        "wizard/how_we_rank.html",
        {"weights": recommend.WEIGHTS, "learning_fit": recommend.LEARNING_FIT, "batteries": recommend.BATTERIES},
    )


def _summary(answers: recommend.Answers, current) -> list[tuple[str, str]]:
    names = {f.slug: f.name for f in current.features} | {u.slug: u.name for u in current.use_cases}
    data = answers.normalised()

    def listed(key):
        return ", ".join(names.get(s, s) for s in data[key]) or "none"

    return [
        ("Building", listed("use_cases")),
        ("Must have", listed("must")),
        ("Nice to have", listed("nice")),
        ("Experience", data["experience"]),
        ("Style", data["style"]),
        ("Database", data["database"]),
        ("Priority", data["priority"]),
    ]
