"""Comparison pages: the picker and /compare/<a>-vs-<b>[...]/ with canonical redirects."""

from django.shortcuts import redirect, render
from django.urls import reverse

from ..catalog import queries
from ..catalog.page_cache import cached_by_revision
from ..domain import compare, listings, search
from .forms import CompareForm
from .methods import read_only


@read_only
def compare_picker(request):
    current = queries.snapshot()
    form = CompareForm(request.GET or None, snapshot=current)
    if form.is_bound and form.is_valid():
        return redirect("frameworks:compare", path=compare.canonical_path_part(form.cleaned_data["frameworks"]))
    status = 400 if form.is_bound else 200
    return render(request, "compare/picker.html", {"form": form}, status=status)


@read_only
@cached_by_revision(params={"diff": ("1",)})
def compare_page(request, path):
    current = queries.snapshot()
    slugs = compare.split_path(path)
    problem = compare.count_problem(slugs)
    if problem:
        form = CompareForm(initial={"frameworks": slugs}, snapshot=current)
        return render(request, "compare/picker.html", {"form": form, "problem": problem}, status=400)
    unknown = [slug for slug in dict.fromkeys(slugs) if current.framework(slug) is None]
    if unknown:
        candidates = {f.slug: f.name for f in current.frameworks}
        alternatives = [
            (slug, [(candidates[s], compare.replace_slug(slugs, slug, s)) for s in search.suggest(slug, candidates)])
            for slug in unknown
        ]
        return render(request, "compare/not_found.html", {"alternatives": alternatives}, status=404)
    canonical = compare.canonical_path_part(slugs)
    if path != canonical:
        target = reverse("frameworks:compare", kwargs={"path": canonical})
        query = request.GET.urlencode()
        return redirect(f"{target}?{query}" if query else target, permanent=True)
    only_differences = request.GET.get("diff") == "1"
    frameworks = queries.frameworks_by_slugs(compare.canonical_slugs(slugs), current=current)
    comparison = compare.build(current, frameworks, only_differences=only_differences)
    context = {
        "comparison": comparison,
        "checked": listings.newest(f.last_checked for f in frameworks),
        "addable": [f for f in current.frameworks if f.slug not in comparison.slugs],
        "removals": compare.removals(comparison),
    }
    return render(request, "compare/compare_detail.html", context)
