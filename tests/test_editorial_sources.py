"""Sources must lie inside the framework's allow-list wherever editors type them, as the lint requires."""

import json

import pytest

from frameworks.editorial import sources
from frameworks.models import Feature, Framework, Support

from .factories import make_framework, page_text

pytestmark = pytest.mark.django_db

OFF_LIST = "https://someones-blog.example/flask-and-sqlalchemy"


def rendered(response) -> dict:
    """What the browser posts back from a rendered change page, inline rows included."""
    data = {}
    forms = [response.context["adminform"].form]
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        data |= {management.add_prefix(n): management[n].value() for n in management.fields}
        forms += formset.formset.forms
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is not None and value is not False:
                data[form.add_prefix(name)] = value.isoformat() if hasattr(value, "isoformat") else value
    return data


def save_cell(client, support: Support, **changes):
    url = f"/admin/frameworks/support/{support.pk}/change/"
    return client.post(url, rendered(client.get(url)) | changes)


def save_framework(client, framework: Framework, **changes):
    url = f"/admin/frameworks/framework/{framework.pk}/change/"
    return client.post(url, rendered(client.get(url)) | changes)


@pytest.fixture
def flask_orm() -> Support:
    return Support.objects.get(framework__slug="flask", feature__slug="orm")


def test_a_source_off_the_allow_list_is_refused_in_the_cell_form_naming_the_allowed_hosts(editor, flask_orm):
    response = save_cell(editor, flask_orm, source_url=OFF_LIST)
    assert response.status_code == 200
    page = page_text(response)
    assert "not on Flask's list of allowed sources (flask.palletsprojects.com, github.com/pallets/flask" in page
    assert Support.objects.get(pk=flask_orm.pk).source_url != OFF_LIST


def test_a_source_on_the_allow_list_is_accepted(editor, flask_orm):
    source = "https://github.com/pallets/flask/blob/main/docs/patterns/sqlalchemy.rst"
    assert save_cell(editor, flask_orm, source_url=source).status_code == 302
    assert Support.objects.get(pk=flask_orm.pk).source_url == source


def test_a_path_prefix_ends_at_a_segment(editor, flask_orm):
    response = save_cell(editor, flask_orm, source_url="https://github.com/pallets/flask-admin/issues/1")
    assert response.status_code == 200 and "not on Flask's list of allowed sources" in page_text(response)


def test_a_source_off_the_allow_list_is_refused_in_a_framework_page_inline_row(editor):
    flask = Framework.objects.get(slug="flask")
    page = editor.get(f"/admin/frameworks/framework/{flask.pk}/change/")
    data = rendered(page)
    row = next(
        k
        for k, v in data.items()
        if k.startswith("supports-") and k.endswith("-feature") and v == Feature.objects.get(slug="orm").pk
    )
    data[row.replace("-feature", "-source_url")] = OFF_LIST
    response = editor.post(f"/admin/frameworks/framework/{flask.pk}/change/", data)
    assert response.status_code == 200 and "not on Flask's list of allowed sources" in page_text(response)


def test_a_framework_fact_source_off_its_allow_list_is_refused(editor):
    flask = Framework.objects.get(slug="flask")
    response = save_framework(editor, flask, facts_source=OFF_LIST)
    assert response.status_code == 200 and "not on Flask's list of allowed sources" in page_text(response)


def test_a_reviewer_extends_the_allow_list_and_the_source_is_accepted(reviewer, flask_orm):
    flask = flask_orm.framework
    domains = [*flask.source_domains, "someones-blog.example"]
    assert save_framework(reviewer, flask, source_domains=json.dumps(domains)).status_code == 302
    assert save_cell(reviewer, flask_orm, source_url=OFF_LIST).status_code == 302


def test_an_editor_cannot_extend_the_allow_list_of_an_existing_framework(editor, flask_orm):
    flask = flask_orm.framework
    page = editor.get(f"/admin/frameworks/framework/{flask.pk}/change/")
    assert 'name="source_domains"' not in page.content.decode()
    save_framework(editor, flask, source_domains=json.dumps([*flask.source_domains, "someones-blog.example"]))
    assert Framework.objects.get(pk=flask.pk).source_domains == flask.source_domains


def test_the_allow_list_must_be_a_list_of_hosts(reviewer):
    flask = Framework.objects.get(slug="flask")
    response = save_framework(reviewer, flask, source_domains='"flask.palletsprojects.com"')
    assert response.status_code == 200 and "Give a list of hosts" in page_text(response)


def test_a_framework_without_an_allow_list_accepts_any_https_source(editor):
    framework = make_framework(slug="unlisted", status="draft")  # factories set no source_domains
    cell = framework.supports.get(feature__slug="orm")
    assert save_cell(editor, cell, source_url=OFF_LIST).status_code == 302


def test_the_rule_is_the_lints():
    allowed = ["flask.palletsprojects.com", "github.com/pallets/flask"]
    ok = sources.refusal("https://github.com/pallets/flask/issues", framework_name="Flask", source_domains=allowed)
    off = sources.refusal("https://github.com/pallets/flask-admin", framework_name="Flask", source_domains=allowed)
    assert ok == "" and "github.com/pallets/flask" in off
