"""Sources must lie inside the framework's allow-list wherever editors type them, as the lint requires.

The framework and its allow-list are made with the factories (the `quokka` fixture), not read from the seed."""

import json

import pytest

from frameworks.editorial import sources
from frameworks.models import Feature, Framework, Support

from .factories import make_framework, page_text

pytestmark = pytest.mark.django_db

OFF_LIST = "https://someones-blog.example/quokka-and-sqlalchemy"


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
def quokka() -> Framework:
    """A framework whose sources must lie on its site, its GitHub repository or its PyPI page."""
    return make_framework(
        slug="quokka",
        name="Quokka",
        levels={"orm": "third-party"},
        source_domains=["quokka.example.org", "github.com/example/quokka", "pypi.org/project/quokka"],
    )


@pytest.fixture
def quokka_orm(quokka) -> Support:
    return quokka.supports.get(feature__slug="orm")


def test_a_source_off_the_allow_list_is_refused_in_the_cell_form_naming_the_allowed_hosts(editor, quokka_orm):
    response = save_cell(editor, quokka_orm, source_url=OFF_LIST)
    assert response.status_code == 200
    page = page_text(response)
    assert "not on Quokka's list of allowed sources (quokka.example.org, github.com/example/quokka" in page
    assert Support.objects.get(pk=quokka_orm.pk).source_url != OFF_LIST


def test_a_source_on_the_allow_list_is_accepted(editor, quokka_orm):
    source = "https://github.com/example/quokka/blob/main/docs/patterns/sqlalchemy.rst"
    assert save_cell(editor, quokka_orm, source_url=source).status_code == 302
    assert Support.objects.get(pk=quokka_orm.pk).source_url == source


def test_a_path_prefix_ends_at_a_segment(editor, quokka_orm):
    response = save_cell(editor, quokka_orm, source_url="https://github.com/example/quokka-admin/issues/1")
    assert response.status_code == 200 and "not on Quokka's list of allowed sources" in page_text(response)


def test_a_source_off_the_allow_list_is_refused_in_a_framework_page_inline_row(editor, quokka):
    page = editor.get(f"/admin/frameworks/framework/{quokka.pk}/change/")
    data = rendered(page)
    row = next(
        k
        for k, v in data.items()
        if k.startswith("supports-") and k.endswith("-feature") and v == Feature.objects.get(slug="orm").pk
    )
    data[row.replace("-feature", "-source_url")] = OFF_LIST
    response = editor.post(f"/admin/frameworks/framework/{quokka.pk}/change/", data)
    assert response.status_code == 200 and "not on Quokka's list of allowed sources" in page_text(response)


def test_a_framework_fact_source_off_its_allow_list_is_refused(editor, quokka):
    response = save_framework(editor, quokka, facts_source=OFF_LIST)
    assert response.status_code == 200 and "not on Quokka's list of allowed sources" in page_text(response)


def test_a_reviewer_extends_the_allow_list_and_the_source_is_accepted(reviewer, quokka_orm):
    quokka = quokka_orm.framework
    domains = [*quokka.source_domains, "someones-blog.example"]
    assert save_framework(reviewer, quokka, source_domains=json.dumps(domains)).status_code == 302
    assert save_cell(reviewer, quokka_orm, source_url=OFF_LIST).status_code == 302


def test_an_editor_cannot_extend_the_allow_list_of_an_existing_framework(editor, quokka):
    page = editor.get(f"/admin/frameworks/framework/{quokka.pk}/change/")
    assert 'name="source_domains"' not in page.content.decode()
    save_framework(editor, quokka, source_domains=json.dumps([*quokka.source_domains, "someones-blog.example"]))
    assert Framework.objects.get(pk=quokka.pk).source_domains == quokka.source_domains


def test_the_allow_list_must_be_a_list_of_hosts(reviewer, quokka):
    response = save_framework(reviewer, quokka, source_domains='"quokka.example.org"')
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
