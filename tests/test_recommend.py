"""The wizard's scoring, without HTTP: properties over generated catalogs, and seed scenarios."""

import datetime

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from frameworks.catalog import queries
from frameworks.domain.recommend import Answers, recommend
from frameworks.domain.snapshot import CategoryInfo, FeatureInfo, FitFact, Snapshot, UseCaseInfo
from frameworks.domain.vocabulary import DATABASES, EXPERIENCE, LEVEL_SLUGS, PRIORITIES, STYLES, slugs

from .factories import facts

TODAY = datetime.date(2026, 11, 25)
FEATURES = ("async", "orm", "admin", "auth", "templates", "openapi")
USE_CASES = ("rest-api", "cms", "prototype")
CATEGORIES = (CategoryInfo("all", "All", tuple(FeatureInfo(f, f.title(), "", "all") for f in FEATURES)),)
USE_CASE_INFO = tuple(UseCaseInfo(u, u.title(), "") for u in USE_CASES)

framework_strategy = st.builds(
    lambda slug, levels, fits, curve, first: facts(
        slug,
        levels=levels,
        fits={u: FitFact(u, fit, "because", "https://example.org") for u, fit in fits.items()},
        learning_curve=curve,
        first_release=first,
        productivity_weeks=(1, 3),
    ),
    slug=st.text("abcdefghij", min_size=3, max_size=8),
    levels=st.fixed_dictionaries({f: st.sampled_from(LEVEL_SLUGS) for f in FEATURES}),
    fits=st.dictionaries(st.sampled_from(USE_CASES), st.sampled_from(("ideal", "good", "poor"))),
    curve=st.sampled_from(("easy", "moderate", "steep")),
    first=st.integers(2000, 2026),
)
catalog_strategy = st.lists(framework_strategy, min_size=2, max_size=8, unique_by=lambda f: f.slug).map(
    lambda frameworks: Snapshot(1, tuple(frameworks), CATEGORIES, USE_CASE_INFO)
)
answers_strategy = st.builds(
    Answers,
    use_cases=st.frozensets(st.sampled_from(USE_CASES)),
    must=st.frozensets(st.sampled_from(FEATURES), max_size=3),
    nice=st.frozensets(st.sampled_from(FEATURES), max_size=3),
    experience=st.sampled_from(slugs(EXPERIENCE)),
    style=st.sampled_from(slugs(STYLES)),
    database=st.sampled_from(slugs(DATABASES)),
    priority=st.sampled_from(slugs(PRIORITIES)),
)


def _ranking(results):
    return [(r.framework.slug, r.score) for r in results]


@given(catalog_strategy, answers_strategy)
def test_same_answers_give_same_ranking(snapshot, answers):
    first = recommend(answers=answers, catalog=snapshot, today=TODAY)
    again = recommend(answers=answers, catalog=snapshot, today=TODAY)
    assert _ranking(first) == _ranking(again)
    assert all(0 <= r.score <= 100 for r in first)


@given(catalog_strategy, answers_strategy)
def test_ranking_does_not_depend_on_catalog_or_answer_order(snapshot, answers):
    reversed_catalog = Snapshot(1, tuple(reversed(snapshot.frameworks)), CATEGORIES, USE_CASE_INFO)
    shuffled = Answers(
        use_cases=frozenset(sorted(answers.use_cases, reverse=True)),
        must=frozenset(sorted(answers.must, reverse=True)),
        nice=frozenset(sorted(answers.nice, reverse=True)),
        experience=answers.experience,
        style=answers.style,
        database=answers.database,
        priority=answers.priority,
    )
    assert _ranking(recommend(answers=answers, catalog=snapshot, today=TODAY)) == _ranking(
        recommend(answers=shuffled, catalog=reversed_catalog, today=TODAY)
    )


@given(catalog_strategy, answers_strategy)
def test_unmet_must_haves_always_rank_below_frameworks_meeting_them_all(snapshot, answers):
    results = recommend(answers=answers, catalog=snapshot, today=TODAY)
    seen_unmet = False
    for result in results:
        if result.unmet_must:
            seen_unmet = True
        else:
            assert not seen_unmet, "a framework meeting every must-have ranked below one that does not"
        for slug in result.unmet_must:
            assert result.framework.level(slug) in ("third-party", "no", "unknown")


@settings(max_examples=200)
@given(catalog_strategy, answers_strategy, st.sampled_from(FEATURES))
def test_a_supported_nice_to_have_never_lowers_a_framework_against_one_lacking_it(snapshot, answers, feature):
    assume(feature not in answers.nice and feature not in answers.must)
    with_it = [f for f in snapshot.frameworks if f.level(feature) in ("yes", "plugin")]
    without = [f for f in snapshot.frameworks if f.level(feature) in ("no", "unknown")]
    assume(with_it and without)
    before = {r.framework.slug: r.exact_score for r in recommend(answers=answers, catalog=snapshot, today=TODAY)}
    more = Answers(**{**answers.__dict__, "nice": answers.nice | {feature}})
    after = {r.framework.slug: r.exact_score for r in recommend(answers=more, catalog=snapshot, today=TODAY)}
    for a in with_it:
        for b in without:
            if before[a.slug] >= before[b.slug]:
                assert after[a.slug] >= after[b.slug]
            if before[b.slug] > 0:
                assert after[a.slug] / max(after[b.slug], 1e-9) >= before[a.slug] / before[b.slug] - 1e-9


def test_unknown_support_is_said_as_unknown_not_missing():
    snapshot = Snapshot(1, (facts("alpha", levels={"orm": "unknown"}),), CATEGORIES, USE_CASE_INFO)
    (result,) = recommend(answers=Answers(must=frozenset({"orm"})), catalog=snapshot, today=TODAY)
    assert result.unmet_must == ("orm",)
    assert any("unknown" in r.text and r.kind == "gap" for r in result.reasons)


def test_ties_are_broken_by_name():
    snapshot = Snapshot(1, (facts("zeta"), facts("alpha"), facts("mu")), CATEGORIES, USE_CASE_INFO)
    assert [r.framework.slug for r in recommend(answers=Answers(), catalog=snapshot, today=TODAY)] == [
        "alpha",
        "mu",
        "zeta",
    ]


# Scenarios from the seed article's "when to choose" guidance, on the real seed catalog.
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("answers", "expected_top", "reason_fragment"),
    [
        (  # API-first, typed, async project
            Answers(
                use_cases=frozenset({"rest-api", "microservices"}),
                must=frozenset({"validation", "openapi", "async"}),
                priority="performance",
            ),
            {"fastapi", "litestar", "blacksheep", "django-ninja"},
            "OpenAPI",
        ),
        (  # admin-heavy, relational, full-stack
            Answers(
                use_cases=frozenset({"full-stack", "cms"}),
                must=frozenset({"admin", "orm", "auth"}),
                database="relational",
                style="batteries",
            ),
            {"django"},
            "Admin",
        ),
        (  # a first small prototype, beginner team, wants control
            Answers(use_cases=frozenset({"prototype", "learning"}), experience="beginner", style="minimal"),
            {"flask", "bottle", "microdot"},
            "learning curve",
        ),
    ],
)
def test_seed_article_scenarios(answers, expected_top, reason_fragment):
    results = recommend(answers=answers, catalog=queries.snapshot(), today=TODAY)
    assert results[0].framework.slug in expected_top
    assert any(reason_fragment.lower() in r.text.lower() for r in results[0].reasons)
    if "django" in expected_top:
        flask = next(r for r in results if r.framework.slug == "flask")
        assert flask.unmet_must and flask.rank > results[0].rank
