import pytest
from django.contrib import admin

from frameworks.models import Feature, Framework, Support

pytestmark = pytest.mark.django_db


def test_every_catalog_model_is_registered_with_list_display_filter_and_search():
    for model in (Framework, Feature, Support):
        model_admin = admin.site._registry[model]
        assert model_admin.list_display and model_admin.list_filter and model_admin.search_fields


@pytest.mark.parametrize(
    "url", ["/admin/frameworks/framework/", "/admin/frameworks/support/", "/admin/frameworks/framework/add/"]
)
def test_admin_pages_load(admin_client, url):
    assert admin_client.get(url).status_code == 200


def _framework_post(**overrides):
    data = {
        "name": "Tiny", "slug": "tiny", "status": "published", "tagline": "A tiny test framework",
        "summary": "Made by an editor in a test.", "website": "https://tiny.example.org/",
        "repository": "https://github.com/example/tiny", "docs_url": "https://tiny.example.org/docs/",
        "pypi_name": "tiny", "license": "MIT", "first_release": "2024", "latest_version": "1.0",
        "latest_release_date": "2026-01-02", "release_source": "https://pypi.org/project/tiny/1.0/",
        "interface": "asgi", "built_on": "stdlib", "facts_source": "https://github.com/example/tiny",
        "checked_on": "2026-11-01", "source_domains": "[]", "learning_curve": "easy",
        "productivity_min_weeks": "1", "productivity_max_weeks": "2", "learning_note": "Editor estimate.",
        "learning_source": "https://tiny.example.org/docs/tutorial/",
        "supports-TOTAL_FORMS": "1", "supports-INITIAL_FORMS": "0",
        "supports-0-feature": str(Feature.objects.get(slug="async").pk), "supports-0-level": "partial",
        "supports-0-note": "Async views run in a thread.", "supports-0-source_url": "https://tiny.example.org/docs/async/",
        "supports-0-checked_on": "2026-11-01", "supports-0-confidence": "high",
        "fits-TOTAL_FORMS": "0", "fits-INITIAL_FORMS": "0",
        "code_samples-TOTAL_FORMS": "0", "code_samples-INITIAL_FORMS": "0",
    }  # fmt: skip
    return data | overrides


def test_editor_adds_a_framework_with_a_support_cell_and_it_appears_on_the_site(admin_client, client):
    response = admin_client.post("/admin/frameworks/framework/add/", _framework_post())
    assert response.status_code == 302, response.context["adminform"].errors if response.context else ""
    assert Support.objects.get(framework__slug="tiny", feature__slug="async").level == "partial"
    html = client.get("/frameworks/tiny/").content.decode()
    assert "Async views run in a thread." in html and "https://tiny.example.org/docs/async/" in html


def test_editor_is_told_next_to_the_field_when_partial_has_no_note(admin_client):
    response = admin_client.post("/admin/frameworks/framework/add/", _framework_post(**{"supports-0-note": ""}))
    assert response.status_code == 200
    assert "needs a note" in response.content.decode()
    assert not Framework.objects.filter(slug="tiny").exists()


def test_editor_is_told_when_slug_contains_vs(admin_client):
    response = admin_client.post("/admin/frameworks/framework/add/", _framework_post(slug="tiny-vs-big"))
    assert response.status_code == 200
    assert "-vs-" in response.content.decode()
