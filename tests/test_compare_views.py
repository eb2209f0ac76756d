"""Comparison pages and the comparison API, on frameworks each test builds with the factories
(`own_catalog` empties the seed's frameworks first)."""

import json
import re

import pytest

from frameworks.catalog import benchmarks
from frameworks.models import CodingTask, Feature, Support

from .factories import make_framework, make_sample

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(own_catalog):
    """Alpha, Bravo and Charlie: differing on the ORM and the admin, alike on everything else."""
    return [
        make_framework(slug="alpha", name="Alpha", levels={"orm": "yes", "admin": "yes", "async": "partial"}),
        make_framework(slug="bravo", name="Bravo", levels={"orm": "no", "admin": "plugin", "async": "partial"}),
        make_framework(slug="charlie", name="Charlie", levels={"orm": "third-party", "async": "partial"}),
    ]


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("/compare/bravo-vs-alpha/", "/compare/alpha-vs-bravo/"),
        ("/compare/Alpha-vs-Bravo/", "/compare/alpha-vs-bravo/"),
        ("/compare/alpha-vs-bravo-vs-alpha/", "/compare/alpha-vs-bravo/"),
        ("/compare/bravo-vs-charlie-vs-alpha/?diff=1", "/compare/alpha-vs-bravo-vs-charlie/?diff=1"),
    ],
)
def test_non_canonical_comparison_urls_redirect_permanently(client, three, path, target):
    response = client.get(path)
    assert response.status_code == 301
    assert response["Location"] == target


@pytest.mark.parametrize(
    "path",
    ["/compare/alpha/", "/compare/alpha-vs-alpha/", "/compare/alpha-vs-bravo-vs-charlie-vs-delta-vs-echo/"],
)
def test_one_or_more_than_four_frameworks_get_400_with_the_picker(client, three, path):
    for slug in ("delta", "echo"):
        make_framework(slug=slug)
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 400
    assert "cannot be shown" in html and 'name="frameworks"' in html


def test_unknown_slug_gets_404_with_suggested_comparison(client, three):
    response = client.get("/compare/alpha-vs-bravoo/")
    assert response.status_code == 404
    assert 'href="/compare/alpha-vs-bravo/"' in response.content.decode()


def test_comparison_page_shows_every_cell_with_source_and_canonical_link(client, settings, three):
    settings.SITE_URL = "https://pickwise.example"
    response = client.get("/compare/alpha-vs-bravo/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<link rel="canonical" href="https://pickwise.example/compare/alpha-vs-bravo/">' in html
    cells = Support.objects.filter(framework__slug__in=["alpha", "bravo"])
    assert cells.count() == 2 * Feature.objects.count()
    for support in cells:
        assert support.source_url in html
    assert "https://charlie.example.org/" not in html


def test_comparison_page_shows_code_samples_highlighted_on_the_server(client, three):
    alpha, bravo, _ = three
    make_sample(alpha, gives="Alpha validates the JSON body for free.")
    make_sample(bravo)
    html = client.get("/compare/alpha-vs-bravo-vs-charlie/").content.decode()
    title = CodingTask.objects.get(slug="create-user").title
    assert f"The same task: {title.lower()}" in html
    assert 'class="highlight"' in html and "<span" in html and "Alpha answers the task" in html
    assert "Given for free" in html and "Alpha validates the JSON body for free." in html


def test_only_differences_switch_hides_identical_rows(client, three):
    full = client.get("/compare/alpha-vs-bravo/").context["comparison"]
    diff = client.get("/compare/alpha-vs-bravo/", {"diff": "1"}).context["comparison"]
    all_rows = [row for section in full.sections for row in section.rows]
    shown = [row.feature.slug for section in diff.sections for row in section.rows]
    assert sorted(shown) == ["admin", "orm"]  # async is partial in both: alike, so hidden
    assert shown == [row.feature.slug for row in all_rows if row.differs]
    assert diff.hidden_rows == len(all_rows) - len(shown) == Feature.objects.count() - 2


def test_picker_redirects_to_canonical_url(client, three):
    response = client.get("/compare/", {"frameworks": ["bravo", "alpha"]})
    assert response.status_code == 302
    assert response["Location"] == "/compare/alpha-vs-bravo/"


def test_picker_with_one_choice_explains_with_400(client, three):
    response = client.get("/compare/", {"frameworks": ["bravo"]})
    assert response.status_code == 400
    assert "at least two" in response.content.decode()


def test_api_matches_the_page(client, three):
    page = client.get("/compare/alpha-vs-bravo-vs-charlie/").context["comparison"]
    data = client.get("/api/v1/compare/", {"frameworks": "charlie,alpha,bravo"}).json()
    assert [f["slug"] for f in data["frameworks"]] == ["alpha", "bravo", "charlie"]
    page_levels = [[c.level for c in row.cells] for s in page.sections for row in s.rows]
    api_levels = [[c["level"] for c in row["cells"]] for s in data["sections"] for row in s["rows"]]
    assert api_levels == page_levels
    orm = next(row for s in data["sections"] for row in s["rows"] if row["feature"] == "orm")
    assert [c["level"] for c in orm["cells"]] == ["yes", "no", "third-party"]
    assert data["url"] == "/compare/alpha-vs-bravo-vs-charlie/"  # relative: no SITE_URL is configured in tests


@pytest.mark.parametrize(
    ("query", "status", "key"),
    [
        ("bravo", 400, "errors"),
        ("a,b,c,d,e", 400, "errors"),
        ("bravo,alphaa", 404, "suggestions"),
        ("", 400, "errors"),
        ("alpha,alpha", 400, "errors"),  # as the OpenAPI description says: distinct slugs
        ("Alpha,bravo", 400, "errors"),  # lowercase slugs only
        ("alpha, bravo", 400, "errors"),
    ],
)
def test_api_rejects_bad_requests_clearly(client, three, query, status, key):
    response = client.get("/api/v1/compare/", {"frameworks": query})
    assert response.status_code == status
    assert key in response.json()


def test_comparison_queries_do_not_grow_with_features_or_frameworks(client, django_assert_max_num_queries):
    # On the seed's catalog, whatever its size, comparing three frameworks of our own with samples.
    for slug in ("qa", "qb", "qc"):
        make_sample(make_framework(slug=slug, fits={"cms": "good"}))
    url = "/compare/qa-vs-qb-vs-qc/"
    with django_assert_max_num_queries(10):
        client.get(url)
    for n in range(4):
        make_framework(slug=f"more-{n}")
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(1):  # whole page cached by revision
        client.get(url)


def test_edit_shows_on_cached_comparison_at_once(client, three):
    client.get("/compare/alpha-vs-bravo/")
    support = Support.objects.get(framework__slug="bravo", feature__slug="orm")
    support.note = "Edited note visible immediately"
    support.save()
    assert "Edited note visible immediately" in client.get("/compare/alpha-vs-bravo/").content.decode()


def test_fragments_kept_per_snapshot_show_an_edit_on_the_next_request_of_any_comparison(client, three):
    # A framework's summary cells and code samples are kept per snapshot object ({% kept %}); an edit
    # builds a new snapshot, so every comparison holding the framework shows it at once.
    sample = make_sample(three[1], gives="Bravo gives routing for free.")
    assert "Bravo gives routing for free." in client.get("/compare/alpha-vs-bravo/").content.decode()
    sample.gives = "Bravo now also gives validation."
    sample.save()
    three[1].latest_version = "9.9"
    three[1].save()
    for path in ("/compare/alpha-vs-bravo/", "/compare/bravo-vs-charlie/"):
        html = client.get(path).content.decode()
        assert "Bravo now also gives validation." in html
        assert "Bravo gives routing for free." not in html
        assert "9.9, <time" in html  # the "Latest release" cell


def test_a_frameworks_summary_cells_are_rendered_once_for_every_comparison_it_is_in(client, three, monkeypatch):
    # Uncached comparisons are nearly always new sets of frameworks: each framework's cells are
    # rendered once and joined into rows, which must still line up under their columns.
    from frameworks.web import comparison_tags

    rendered, real = [], comparison_tags.render_to_string

    def counted(name, context=None):
        rendered.append((name, context["f"].slug if "f" in (context or {}) else None))
        return real(name, context)

    monkeypatch.setattr(comparison_tags, "render_to_string", counted)
    client.get("/compare/alpha-vs-bravo/")
    html = client.get("/compare/alpha-vs-charlie/").content.decode()
    assert sorted(slug for name, slug in rendered if name == "compare/_summary_cells.html") == [
        "alpha", "bravo", "charlie",
    ]  # fmt: skip
    for fact in ("What it is", "License", "Latest release", "Time to productivity"):
        row = re.search(rf'<tr><th scope="row">{fact}</th>(.*?)</tr>', html).group(1)
        assert re.findall(r'<span class="cell-framework">(\w+)</span>', row) == ["Alpha", "Charlie"], fact


def test_comparison_shows_each_frameworks_measured_throughput_from_the_benchmark(client, three, tmp_path, monkeypatch):
    results = tmp_path / "bench-results.json"
    results.write_text(
        json.dumps(
            {
                "date": "2026-12-01T10:00:00+00:00",
                "results": [
                    {"framework": "alpha", "timed": True, "ratio_median": 0.42, "baseline": "asgi"},
                    {"framework": "bravo", "timed": True, "ratio_median": 0.8, "baseline": "wsgi"},
                    {"framework": "charlie", "timed": False, "reason": "failed its check: got 500"},
                    {"framework": "baseline-asgi", "timed": True, "ratio_median": 1.0, "baseline": "asgi"},
                ],
            }
        )
    )
    monkeypatch.setattr(benchmarks.load, "__defaults__", (results,))
    html = client.get("/compare/alpha-vs-bravo-vs-charlie/").content.decode()
    assert "Measured throughput" in html
    assert "0.42× a bare ASGI app (hello-json, 2026-12-01)" in html
    assert "0.80× a bare WSGI app (hello-json, 2026-12-01)" in html
    assert "Not measured yet" in html  # Charlie's run failed its check: no ratio
