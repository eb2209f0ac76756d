"""The comparison builder and URL rules, without HTTP."""

from frameworks.domain import compare
from frameworks.domain.snapshot import CategoryInfo, FeatureInfo, Snapshot, UseCaseInfo

from .factories import facts

CATEGORIES = (
    CategoryInfo("architecture", "Architecture", (FeatureInfo("async", "Async", "", "architecture"),)),
    CategoryInfo("data", "Data", (FeatureInfo("orm", "ORM", "", "data"), FeatureInfo("admin", "Admin", "", "data"))),
)
ALPHA = facts("alpha", levels={"async": "yes", "orm": "yes", "admin": "no"})
BETA = facts("beta", levels={"async": "yes", "orm": "no", "admin": "no"})
SNAPSHOT = Snapshot(1, (ALPHA, BETA), CATEGORIES, (UseCaseInfo("cms", "CMS", ""),))


def test_canonical_path_sorts_lowercases_and_drops_repeats():
    assert compare.canonical_path_part(compare.split_path("Flask-vs-django-vs-FLASK")) == "django-vs-flask"


def test_count_problem_for_one_and_for_five_frameworks():
    assert "at least two" in compare.count_problem(["django", "django"])
    assert "at most 4" in compare.count_problem(["a", "b", "c", "d", "e"])
    assert compare.count_problem(["a", "b", "c", "d"]) is None


def test_rows_follow_categories_and_mark_differences():
    comparison = compare.build(SNAPSHOT, [ALPHA, BETA])
    rows = {row.feature.slug: row for section in comparison.sections for row in section.rows}
    assert [s.category.slug for s in comparison.sections] == ["architecture", "data"]
    assert rows["orm"].differs and not rows["async"].differs and not rows["admin"].differs
    assert comparison.difference_count == 1


def test_only_differences_hides_exactly_the_identical_rows():
    comparison = compare.build(SNAPSHOT, [ALPHA, BETA], only_differences=True)
    shown = [row.feature.slug for section in comparison.sections for row in section.rows]
    assert shown == ["orm"]
    assert comparison.hidden_rows == 2
    assert [s.category.slug for s in comparison.sections] == ["data"]  # empty categories vanish


def test_missing_support_row_counts_as_unknown_not_as_equal():
    gamma = facts("gamma", levels={"async": "yes", "orm": "yes"})  # no admin row at all
    comparison = compare.build(SNAPSHOT, [ALPHA, gamma], only_differences=True)
    shown = [row.feature.slug for section in comparison.sections for row in section.rows]
    assert shown == ["admin"]


def test_replace_slug_keeps_canonical_order():
    assert compare.replace_slug(["flaskk", "django"], "flaskk", "flask") == "django-vs-flask"
