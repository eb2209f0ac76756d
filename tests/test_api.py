import pytest

from frameworks.urls import urlpatterns

from .factories import make_framework

pytestmark = pytest.mark.django_db


def test_framework_json_has_the_design_shape(client, own_catalog):
    make_framework(
        slug="quokka", levels={"async": "yes"}, since={"async": "3.1"}, fits={"rest-api": "ideal"},
        productivity_min_weeks=2, productivity_max_weeks=4,
    )  # fmt: skip
    data = client.get("/api/v1/frameworks/quokka/").json()
    expected = {
        "slug", "name", "tagline", "website", "repository", "license", "first_release", "latest_version",
        "latest_release_date", "interface", "learning_curve", "productivity_weeks", "support", "use_cases", "url",
    }  # fmt: skip
    assert expected <= set(data)
    assert data["productivity_weeks"] == [2, 4]
    cell = next(s for s in data["support"] if s["feature"] == "async")
    assert cell["level"] == "yes" and cell["source"] == "https://quokka.example.org/docs/async/"
    assert cell["checked_on"] == "2026-11-01"
    assert cell.get("since") == "3.1"
    assert "since" not in next(s for s in data["support"] if s["feature"] == "orm")


def test_unknown_framework_gives_404_json_with_suggestions(client, own_catalog):
    make_framework(slug="quokka")
    make_framework(slug="wombat")
    response = client.get("/api/v1/frameworks/qokka/")
    assert response.status_code == 404
    assert response.json()["suggestions"] == ["quokka"]


def test_catalog_lists_every_published_framework(client, own_catalog):
    make_framework(slug="quokka")
    make_framework(slug="wombat")
    make_framework(slug="hidden-draft", status="draft")
    data = client.get("/api/v1/frameworks/").json()
    assert [f["slug"] for f in data["frameworks"]] == ["quokka", "wombat"]
    assert all(f["support"] for f in data["frameworks"])


def test_openapi_describes_every_api_route(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    routes = {
        "/" + str(p.pattern).replace("<str:slug>", "{slug}")
        for p in urlpatterns
        if str(p.pattern).startswith("api/v1/") and "openapi" not in str(p.pattern)
    }
    assert routes == set(spec["paths"])
    params = {p["name"] for p in spec["paths"]["/api/v1/recommend/"]["get"]["parameters"]}
    questions = {"use_cases", "must", "nice", "experience", "style", "database", "priority"}
    assert params == questions | {f"importance_{q}" for q in questions}
