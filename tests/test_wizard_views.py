import re

import pytest

pytestmark = pytest.mark.django_db

API_FIRST = {"use_cases": ["rest-api"], "must": ["openapi", "validation"], "priority": "performance"}


def test_wizard_form_lists_catalog_choices_with_labels(client):
    html = client.get("/wizard/").content.decode()
    assert "<fieldset" in html and "REST / JSON API" in html and "Must have, built in" in html
    assert 'for="id_must_0"' in html


def test_results_rank_every_framework_with_reasons_and_sources(client):
    response = client.get("/wizard/results/", API_FIRST)
    results = response.context["results"]
    html = response.content.decode()
    assert response.status_code == 200
    assert results[0].score >= results[-1].score
    assert len(results) == len(client.get("/api/v1/frameworks/").json()["frameworks"])
    assert "Why it fits" in html
    assert ">Source</a>" not in html  # every source link names its site instead
    top = results[0]
    assert any(r.source for r in top.reasons)
    site = next(r.source for r in top.reasons if r.source).split("/")[2].removeprefix("www.")
    assert f">{site}</a>" in html
    assert '<meter class="score-meter"' in html and "/ 100" in html  # bar plus number, not colour alone


def test_results_link_to_top3_comparison_and_back_to_editable_answers(client):
    response = client.get("/wizard/results/", API_FIRST)
    html = response.content.decode()
    top3 = sorted(r.framework.slug for r in response.context["results"][:3])
    assert f'href="/compare/{"-vs-".join(top3)}/"' in html
    assert "/wizard/?use_cases=rest-api&amp;must=openapi&amp;must=validation" in html
    edit = client.get("/wizard/", API_FIRST).content.decode()
    must_inputs = {
        re.search(r'value="([^"]+)"', tag).group(1): "checked" in tag
        for tag in re.findall(r'<input[^>]*name="must"[^>]*>', edit)
    }
    assert must_inputs["openapi"] and must_inputs["validation"]
    assert not must_inputs["orm"]  # only what was answered is ticked


def test_no_answers_lists_the_catalog_without_scores_and_says_what_to_answer(client):
    response = client.get("/wizard/results/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "nothing is scored" in html and "/ 100" not in html
    results = response.context["results"]
    assert all(r.score is None for r in results)
    statuses = [r.maintenance for r in results]
    assert statuses == sorted(statuses, key=lambda status: status == "inactive")  # maintained first
    data = client.get("/api/v1/recommend/").json()
    assert all(r["score"] is None for r in data["results"])


@pytest.mark.parametrize(
    "query",
    [
        {"must": "telepathy"},
        {"experience": "guru"},
        {"use_cases": "rest-api", "style": "baroque"},
        {"database": ["relational", "x" * 5000]},
        {"must": ["orm"] * 200},
    ],
)
def test_malformed_answers_rerender_the_form_with_the_error_and_400(client, query):
    response = client.get("/wizard/results/", query)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Some answers could not be used" in html and "<form" in html


def test_must_and_nice_naming_the_same_feature_is_fine(client):
    response = client.get("/wizard/results/", {"must": "orm", "nice": "orm"})
    assert response.status_code == 200


def test_api_gives_the_same_ranking_as_the_page(client):
    page = [r.framework.slug for r in client.get("/wizard/results/", API_FIRST).context["results"]]
    data = client.get("/api/v1/recommend/", API_FIRST).json()
    assert [r["framework"] for r in data["results"]] == page
    assert data["answers"]["must"] == ["openapi", "validation"]
    first = data["results"][0]
    assert set(first) == {
        "rank", "framework", "name", "score", "tier", "maintenance", "url", "reasons", "unmet_must", "gap_must",
    }  # fmt: skip
    assert {r["kind"] for r in first["reasons"]} <= {"match", "gap", "info"}
    assert isinstance(data["catalog_revision"], int)


def test_api_urls_follow_site_url_whenever_it_changes(client, settings):
    # The site's root is read once and kept, so a changed setting must still show on the next answer.
    settings.SITE_URL = "https://pickwise.example/"
    first = client.get("/api/v1/recommend/", API_FIRST).json()["results"][0]
    assert first["url"] == f"https://pickwise.example/frameworks/{first['framework']}/"
    settings.SITE_URL = ""
    again = client.get("/api/v1/recommend/", API_FIRST | {"priority": "long-term"}).json()["results"][0]
    assert again["url"] == f"/frameworks/{again['framework']}/"


def test_api_400_names_the_field(client):
    response = client.get("/api/v1/recommend/", {"priority": "vibes"})
    assert response.status_code == 400
    assert "priority" in response.json()["errors"]


def test_results_read_catalog_in_few_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):  # cold: the revision + 9 snapshot reads, one per table
        client.get("/wizard/results/", API_FIRST)
    with django_assert_max_num_queries(1):  # another URL: its own page key, but the snapshot is held
        client.get("/api/v1/recommend/", API_FIRST)
    with django_assert_max_num_queries(1):
        client.get("/api/v1/recommend/", API_FIRST)


def test_a_long_ranking_lists_the_first_rows_and_the_rest_on_request(client, own_catalog, monkeypatch):
    # The page costs the same at any catalog size: the first LISTED frameworks, then a link to all.
    from frameworks.domain import ranking_page

    from .factories import make_framework

    monkeypatch.setattr(ranking_page, "LISTED", 4)
    for n, level in enumerate(["yes", "yes", "plugin", "partial", "no", "no"]):
        make_framework(slug=f"fw-{n}", name=f"Fw {n}", levels={"orm": level})
    html = client.get("/wizard/results/", {"must": "orm", "why": "fw-5"}).content.decode()
    assert html.count('<tr id="result-') + html.count('<li class="result card') == 4
    assert "Showing the first 4 of 6 frameworks" in html
    assert "Why not Fw 5?" in html  # asked about, though not listed
    assert 'href="?must=orm&amp;why=fw-5&amp;all=1"' in html
    everything = client.get("/wizard/results/", {"must": "orm", "all": "1"}).content.decode()
    assert everything.count('<tr id="result-') + everything.count('<li class="result card') == 6
    assert "Showing the first" not in everything
