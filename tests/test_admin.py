import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.test import Client

from frameworks.catalog.revision import CATALOG_MODELS
from frameworks.models import Feature, Framework, Support

from .factories import make_framework, make_sample

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", CATALOG_MODELS, ids=lambda m: m.__name__)
def test_every_catalog_model_is_registered_with_list_display_filter_and_search(model):
    model_admin = admin.site._registry[model]
    assert model_admin.list_display and model_admin.list_filter and model_admin.search_fields


@pytest.fixture
def editor_client(client):
    user = User.objects.create_user("edna", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


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
        "fits-TOTAL_FORMS": "0", "fits-INITIAL_FORMS": "0",
        "code_samples-TOTAL_FORMS": "0", "code_samples-INITIAL_FORMS": "0",
    }  # fmt: skip
    return data | support_rows(Feature.objects.order_by("slug")) | overrides


def support_rows(features) -> dict:
    """Inline Support rows for `features`: async is partial with a note, the rest "no"."""
    data = {"supports-TOTAL_FORMS": str(len(features)), "supports-INITIAL_FORMS": "0"}
    for i, feature in enumerate(features):
        partial = feature.slug == "async"
        data |= {
            f"supports-{i}-feature": str(feature.pk),
            f"supports-{i}-level": "partial" if partial else "no",
            f"supports-{i}-note": "Async views run in a thread." if partial else "",
            f"supports-{i}-source_url": f"https://tiny.example.org/docs/{feature.slug}/",
            f"supports-{i}-checked_on": "2026-11-01",
            f"supports-{i}-confidence": "high",
        }
    return data


def test_editor_adds_a_draft_that_appears_on_the_site_once_a_reviewer_publishes_it(editor_client, admin_client):
    client = Client()  # an anonymous reader (the `client` fixture is the editor's)
    response = editor_client.post("/admin/frameworks/framework/add/", _framework_post())
    assert response.status_code == 302, response.context["adminform"].errors if response.context else ""
    tiny = Framework.objects.get(slug="tiny")
    assert tiny.status == "draft"  # an Editor's "published" is ignored: status is read-only for them
    assert Support.objects.get(framework=tiny, feature__slug="async").level == "partial"
    assert client.get("/frameworks/tiny/").status_code == 404
    admin_client.post("/admin/frameworks/framework/", {"action": "publish_selected", "_selected_action": [tiny.pk]})
    html = client.get("/frameworks/tiny/").content.decode()
    assert "Async views run in a thread." in html and "https://tiny.example.org/docs/async/" in html


def test_editor_is_told_next_to_the_field_when_partial_has_no_note(editor_client):
    row = list(Feature.objects.order_by("slug").values_list("slug", flat=True)).index("async")
    response = editor_client.post("/admin/frameworks/framework/add/", _framework_post(**{f"supports-{row}-note": ""}))
    assert response.status_code == 200
    assert "needs a note" in response.content.decode()
    assert not Framework.objects.filter(slug="tiny").exists()


def test_editor_is_told_when_slug_contains_vs(editor_client):
    response = editor_client.post("/admin/frameworks/framework/add/", _framework_post(slug="tiny-vs-big"))
    assert response.status_code == 200
    assert "-vs-" in response.content.decode()


# Finish: branding, strict CSP, malformed input ----------------------------------------------------


def test_the_admin_says_pickwise_editors(admin_client, client):
    assert "Pickwise editors" in admin_client.get("/admin/").content.decode()
    login = client.get("/admin/login/").content.decode()
    assert "Pickwise editors" in login and "Django administration" not in login


@pytest.mark.parametrize(
    "url",
    [
        "/admin/autocomplete/?term=%00&app_label=frameworks&model_name=support&field_name=feature",
        "/admin/autocomplete/?term=fl%00ask&app_label=frameworks&model_name=support&field_name=framework",
        "/admin/frameworks/support/?q=%00",
        "/admin/frameworks/framework/?q=a%00b",
        "/admin/frameworks/stalesupport/?q=%00",
    ],
)
def test_a_nul_byte_in_a_search_is_not_a_server_error(admin_client, url):
    assert admin_client.get(url).status_code == 200


@pytest.mark.parametrize(
    "url", ["/admin/frameworks/support/?level__exact=%00", "/admin/frameworks/framework/?status=a%00"]
)
def test_a_nul_byte_in_a_list_filter_is_a_bad_request(admin_client, url):
    assert admin_client.get(url).status_code == 400


def _pages(admin_client):
    # A framework with every kind of row its change page shows inline: support cells, a fit, a sample.
    framework = make_framework(slug="quokka", levels={"orm": "third-party"}, fits={"cms": "good"})
    make_sample(framework)
    support = framework.supports.get(feature__slug="orm")
    return [
        "/admin/",
        "/admin/frameworks/framework/",
        f"/admin/frameworks/framework/{framework.pk}/change/",
        f"/admin/frameworks/framework/{framework.pk}/history/",
        f"/admin/frameworks/framework/{framework.pk}/history/{framework.history.first().history_id}/",
        "/admin/frameworks/support/import/",
        "/admin/frameworks/support/export/",
        "/admin/frameworks/framework/import/",
        "/admin/frameworks/framework/export/",
        f"/admin/frameworks/support/{support.pk}/history/",
        f"/admin/frameworks/support/{support.pk}/history/{support.history.first().history_id}/",
    ]


def test_editor_pages_need_no_inline_style_or_script(admin_client):
    """The strict CSP blocks style attributes, inline scripts and on… handlers: none may be needed."""
    for url in _pages(admin_client):
        html = admin_client.get(url).content.decode()
        assert not re.search(r"<[^>]+\sstyle=", html), url
        assert not re.search(r"<[^>]+\son[a-z]+=", html), url
        assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", html), url
