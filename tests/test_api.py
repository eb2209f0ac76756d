import pytest

from frameworks.urls import urlpatterns

pytestmark = pytest.mark.django_db


def test_framework_json_has_the_design_shape(client):
    data = client.get("/api/v1/frameworks/django/").json()
    expected = {
        "slug", "name", "tagline", "website", "repository", "license", "first_release", "latest_version",
        "latest_release_date", "interface", "learning_curve", "productivity_weeks", "support", "use_cases", "url",
    }  # fmt: skip
    assert expected <= set(data)
    assert len(data["productivity_weeks"]) == 2
    cell = next(s for s in data["support"] if s["feature"] == "async")
    assert cell["source"].startswith("https://") and cell["checked_on"]
    assert cell.get("since") == "3.1"


def test_unknown_framework_gives_404_json_with_suggestions(client):
    response = client.get("/api/v1/frameworks/fastap/")
    assert response.status_code == 404
    assert response.json()["suggestions"][0] == "fastapi"


def test_catalog_lists_every_published_framework(client):
    data = client.get("/api/v1/frameworks/").json()
    assert len(data["frameworks"]) >= 25
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
