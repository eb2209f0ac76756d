"""The wizard's scoring, without HTTP: properties over generated catalogs, and seed scenarios."""

import datetime
from dataclasses import replace

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from frameworks.catalog import queries
from frameworks.domain import decision_record
from frameworks.domain.criteria import BATTERIES
from frameworks.domain.recommend import Answers, columns_for, recommend, rendered_reasons, with_reasons
from frameworks.domain.snapshot import (
    CategoryInfo,
    EcosystemFact,
    FeatureInfo,
    FitFact,
    Snapshot,
    Throughput,
    UseCaseInfo,
)
from frameworks.domain.vocabulary import DATABASES, EXPERIENCE, LEVEL_SLUGS, PRIORITIES, STYLES, slugs
from frameworks.domain.what_if import one_answer_changes, what_would_change

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
    assert all(r.score is None if not answers.answered else 0 <= r.score <= 100 for r in first)


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
    assume(answers.answered)  # with nothing answered nothing is scored, so there is nothing to lower
    assume(feature not in answers.nice and feature not in answers.must)
    with_it = [f for f in snapshot.frameworks if f.level(feature) in ("yes", "plugin")]
    without = [f for f in snapshot.frameworks if f.level(feature) in ("no", "unknown")]
    assume(with_it and without)
    before = {r.framework.slug: r.exact_score for r in recommend(answers=answers, catalog=snapshot, today=TODAY)}
    more = replace(answers, nice=answers.nice | {feature})
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


def test_ties_with_equal_evidence_fall_back_to_name_so_the_order_is_stable():
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
        (  # full-stack, server-rendered, batteries included, relational database
            Answers(
                use_cases=frozenset({"full-stack"}),
                must=frozenset({"templates", "orm", "migrations"}),
                database="relational",
                style="batteries",
            ),
            {"django"},
            "Ecosystem",
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


# The honest must-have contract, maintenance, evidence, importance, what-ifs ---------------------

RECENT = datetime.date(2026, 9, 1)  # active on TODAY
LONG_AGO = datetime.date(2020, 1, 1)  # inactive on TODAY


def _catalog(*frameworks):
    return Snapshot(1, tuple(frameworks), CATEGORIES, USE_CASE_INFO)


@given(catalog_strategy, answers_strategy)
def test_tiers_come_in_order_and_a_partial_must_have_never_meets(snapshot, answers):
    results = recommend(answers=answers, catalog=snapshot, today=TODAY)
    tiers = [r.tier for r in results]
    assert tiers == sorted(tiers, key=("meets", "gaps", "misses").index)
    for result in results:
        levels = {result.framework.level(slug) for slug in answers.must}
        if result.tier == "meets":
            assert levels <= {"yes", "plugin"}
        if "partial" in levels:
            assert result.tier != "meets" and "partial" not in {result.framework.level(s) for s in result.unmet_must}


@given(catalog_strategy, answers_strategy)
def test_inside_a_tier_score_order_holds_apart_from_inactive_frameworks_going_last(snapshot, answers):
    results = recommend(answers=answers, catalog=snapshot, today=TODAY)
    for tier in ("meets", "gaps", "misses"):
        mine = [r for r in results if r.tier == tier]
        active = [r for r in mine if r.maintenance != "inactive"]
        assert mine == active + [r for r in mine if r.maintenance == "inactive"]
        scores = [round(r.exact_score, 9) for r in active]
        assert scores == sorted(scores, reverse=True)


def test_an_inactive_framework_never_ranks_above_an_active_one_of_its_tier():
    dead = facts("dead", levels={"orm": "yes", "admin": "yes"}, latest_release_date=LONG_AGO, learning_curve="easy")
    alive = facts("alive", levels={"orm": "yes"}, latest_release_date=RECENT, learning_curve="steep")
    results = recommend(
        answers=Answers(must=frozenset({"orm"}), nice=frozenset({"admin"})), catalog=_catalog(dead, alive), today=TODAY
    )
    assert [r.framework.slug for r in results] == ["alive", "dead"]
    assert results[1].exact_score > results[0].exact_score  # it would have won on points
    assert any("Falls short on maintenance" in r.text for r in results[1].gaps)


def test_ties_are_broken_by_ecosystem_then_release_date_never_by_name_while_evidence_differs():
    small = facts("aaa", ecosystem=EcosystemFact(10, "m", "https://pypi.org/simple/"), latest_release_date=RECENT)
    large = facts("zzz", ecosystem=EcosystemFact(5000, "m", "https://pypi.org/simple/"), latest_release_date=RECENT)
    newer = facts("mmm", ecosystem=EcosystemFact(10, "m", "https://pypi.org/simple/"), latest_release_date=TODAY)
    order = [r.framework.slug for r in recommend(answers=Answers(), catalog=_catalog(small, large, newer), today=TODAY)]
    assert order == ["zzz", "mmm", "aaa"]


def test_nothing_answered_means_nothing_scored():
    results = recommend(answers=Answers(), catalog=_catalog(facts("a"), facts("b")), today=TODAY)
    assert all(r.score is None for r in results) and not Answers().answered


def test_marking_a_question_high_moves_the_frameworks_that_serve_it_up():
    batteries = facts(
        "batteries", levels={b: "yes" for b in BATTERIES}, learning_curve="steep", latest_release_date=RECENT
    )
    light = facts("light", levels={}, learning_curve="easy", latest_release_date=RECENT)
    catalog = _catalog(batteries, light)
    answers = Answers(style="batteries", experience="beginner")
    learning_first = replace(answers, importance=(("experience", "high"),))
    assert recommend(answers=learning_first, catalog=catalog, today=TODAY)[0].framework.slug == "light"
    style_first = replace(answers, importance=(("style", "high"), ("experience", "low")))
    assert recommend(answers=style_first, catalog=catalog, today=TODAY)[0].framework.slug == "batteries"


@settings(max_examples=60, deadline=None)
@given(catalog_strategy, answers_strategy)
def test_a_what_if_really_changes_the_order_it_claims(snapshot, answers):
    ranked = recommend(answers=answers, catalog=snapshot, today=TODAY)
    top = [r.framework.slug for r in ranked[:3]]
    names = {f.slug: f.name for f in snapshot.features} | {u.slug: u.name for u in snapshot.use_cases}
    changes = {c.text: c.answers for c in one_answer_changes(answers, names)}
    for claim in what_would_change(answers=answers, catalog=snapshot, today=TODAY, ranked=ranked, slugs_to_explain=top):
        after = [r.framework.slug for r in recommend(answers=changes[claim.change], catalog=snapshot, today=TODAY)]
        assert after.index(claim.framework) + 1 == claim.new_rank
        if claim.rank == 1:
            assert after[0] != claim.framework
        else:
            assert claim.new_rank < claim.rank


@settings(max_examples=60, deadline=None)
@given(catalog_strategy, answers_strategy, st.sampled_from(("must", "use_cases", "nice", "experience", "priority")))
def test_ranking_from_kept_columns_equals_scoring_criterion_by_criterion(snapshot, answers, importance):
    # The fast order (points kept per answer item, columns.py) must rank, score and explain every
    # answer set of a what-if search exactly as the criteria do one by one; a wrong shortcut shows here.
    answers = replace(answers, importance=((importance, "high"),))
    names = {f.slug: f.name for f in snapshot.features} | {u.slug: u.name for u in snapshot.use_cases}
    for asked in [answers] + [c.answers for c in one_answer_changes(answers, names)]:
        full = recommend(answers=asked, catalog=snapshot, today=TODAY)
        quick = recommend(answers=asked, catalog=snapshot, today=TODAY, explain=False)
        assert [(r.framework.slug, r.tier, r.unmet_must, r.gap_must) for r in quick] == [
            (r.framework.slug, r.tier, r.unmet_must, r.gap_must) for r in full
        ]
        # Scores and weights within float rounding: rounding both to 6 places flips at a boundary
        # (31.7578125 becomes 31.757812 or 31.757813 one ulp apart).
        assert [r.exact_score for r in quick] == pytest.approx([r.exact_score for r in full], abs=1e-9)
        every = [r.framework.slug for r in quick]
        explained = with_reasons(quick, answers=asked, catalog=snapshot, today=TODAY, slugs=every)
        assert _reasons(explained) == _reasons(full)
        assert _weights(explained) == pytest.approx(_weights(full), abs=1e-9)
        # The API's reasons, rendered once per column and kept: the same reasons in the same order.
        rendered = rendered_reasons(answers=asked, catalog=snapshot, today=TODAY, render=_as_said)
        assert [list(rendered[r.framework.slug]) for r in full] == _reasons(full)


def _as_said(reason):
    return (reason.kind, reason.text, reason.source)


def _reasons(results):
    return [[_as_said(x) for x in r.reasons] for r in results]


def _weights(results):
    return [x.weight for r in results for x in r.reasons]


@settings(max_examples=60, deadline=None)
@given(catalog_strategy, answers_strategy)
def test_standings_of_many_answer_sets_count_the_ranks_one_sort_each_gives(snapshot, answers):
    # what_if counts ranks for ~20 answer sets at once; each must be where order() puts it.
    names = {f.slug: f.name for f in snapshot.features} | {u.slug: u.name for u in snapshot.use_cases}
    asked = [answers] + [c.answers for c in one_answer_changes(answers, names)]
    columns = columns_for(snapshot, TODAY)
    everyone = list(range(len(snapshot.frameworks)))
    ranks, firsts = columns.standings(asked, everyone)
    for k, one in enumerate(asked):
        order = columns.order(one)
        assert ranks[k].tolist() == [order.index(i) + 1 for i in everyone]
        assert firsts[k] == order[0]


def test_points_kept_across_requests_never_mix_answers_importance_or_days():
    # Single-choice criteria are kept per snapshot across requests; the same snapshot asked with
    # another importance, another value or on another day must score as if asked fresh.
    catalog = _catalog(
        facts("easy", learning_curve="easy", first_release=2024, latest_release_date=RECENT),
        facts("steep", learning_curve="steep", first_release=2008, latest_release_date=datetime.date(2025, 6, 1)),
    )
    asked = [
        (Answers(experience="beginner"), TODAY),
        (Answers(experience="beginner", importance=(("experience", "high"),)), TODAY),
        (Answers(experience="expert", importance=(("experience", "low"),)), TODAY),
        (Answers(priority="long-term"), TODAY),
        (Answers(priority="long-term"), datetime.date(2027, 9, 1)),  # a year on: "steep" is no longer active
    ]
    for answers, day in asked * 2:
        quick = recommend(answers=answers, catalog=catalog, today=day, explain=False)
        fresh = recommend(answers=answers, catalog=catalog, today=day)
        assert [(r.framework.slug, r.exact_score) for r in quick] == [
            (r.framework.slug, r.exact_score) for r in fresh
        ], answers


def test_decision_record_holds_every_answer_option_and_source():
    catalog = _catalog(
        facts("alpha", levels={"orm": "yes", "admin": "partial"}, latest_release_date=RECENT),
        facts("beta", levels={"orm": "no"}, latest_release_date=RECENT),
    )
    answers = Answers(
        use_cases=frozenset({"cms"}),
        must=frozenset({"orm", "admin"}),
        priority="long-term",
        importance=(("must", "high"),),
    )
    ranked = recommend(answers=answers, catalog=catalog, today=TODAY)
    record = decision_record.build(
        answers=answers, ranked=ranked, catalog=catalog, today=TODAY, results_url="/wizard/results/?x"
    )
    markdown = record.as_markdown()
    for heading in (
        "## Context and Problem Statement",
        "## Decision Drivers",
        "## Considered Options",
        "## Decision Outcome",
        "## Pros and Cons of the Options",
    ):
        assert heading in markdown
    for label, value in decision_record.describe_answers(answers, catalog):
        assert f"* {label}: {value}" in markdown
    assert "Must have: Admin, Orm (matters most)" in markdown
    for result in ranked:
        assert f"### {result.framework.name}" in markdown
        for reason in result.reasons:
            if reason.source and reason.kind in ("match", "gap"):
                assert reason.source in markdown
    data = record.as_dict()
    assert data["decision_outcome"] is None and len(data["considered_options"]) == 2


def test_performance_reads_the_measured_figures_not_the_async_stand_in():
    slow_async = facts(
        "slowasync", levels={"async": "yes"}, throughput=Throughput(0.2, "asgi", "hello-json", "2026-12-01")
    )
    fast_sync = facts(
        "fastsync", levels={"async": "no"}, throughput=Throughput(1.3, "wsgi", "hello-json", "2026-12-01")
    )
    results = recommend(answers=Answers(priority="performance"), catalog=_catalog(slow_async, fast_sync), today=TODAY)
    assert [r.framework.slug for r in results] == ["fastsync", "slowasync"]
    assert any(
        "Measured throughput: 1.30× a bare WSGI app" in r.text and r.source == "/benchmarks/"
        for r in results[0].reasons
    )
