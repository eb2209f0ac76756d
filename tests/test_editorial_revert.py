"""Revert from the history page: an edit like any other (same checks, fresh edit guard, recorded).

The rows reverted belong to frameworks each test makes with the factories, not to the seed."""

import re

import pytest

from frameworks.catalog import revision
from frameworks.models import Support

from .factories import make_framework, make_staff, page_text

pytestmark = pytest.mark.django_db


def as_user(client, user):
    client.force_login(user)
    return client


def form_data(response) -> dict:
    """What a browser posts back from a rendered admin form (main form only, as rendered)."""
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = value.isoformat() if hasattr(value, "isoformat") else value
    return data


def change(client, obj, **changes):
    """Save `obj` through its admin change page, as an editor would."""
    url = f"/admin/frameworks/{obj._meta.model_name}/{obj.pk}/change/"
    page = client.get(url)
    data = form_data(page)
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        data |= {management.add_prefix(n): management[n].value() for n in management.fields}
        for inline in formset.formset.forms:
            for name in inline.fields:
                value = inline[name].value()
                if value is not None and value is not False:
                    data[inline.add_prefix(name)] = value.isoformat() if hasattr(value, "isoformat") else value
    response = client.post(url, data | changes)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    return response


def revert_url(obj, version) -> str:
    return f"/admin/frameworks/{obj._meta.model_name}/{obj.pk}/history/{version.history_id}/"


def revert(client, obj, version, reason="The new text was wrong.", **changes):
    """Open the revert page for `version` and press Revert, as a browser would."""
    page = client.get(revert_url(obj, version))
    assert page.status_code == 200
    return client.post(revert_url(obj, version), form_data(page) | {"revert_reason": reason} | changes)


@pytest.fixture
def quokka_orm() -> Support:
    """A third-party ORM cell, with a note, of a framework whose sources must lie on quokka.example.org."""
    quokka = make_framework(
        slug="quokka",
        name="Quokka",
        levels={"orm": "third-party"},
        source_domains=["quokka.example.org", "github.com/example/quokka", "pypi.org/project/quokka"],
    )
    return quokka.supports.get(feature__slug="orm")


@pytest.mark.parametrize("group", [None, "Editors"], ids=["superuser", "editor"])
def test_revert_restores_an_old_support_note(client, quokka_orm, group):
    user = make_staff("edna", group)
    as_user(client, user)
    original = quokka_orm.note
    change(client, quokka_orm, note="A wrong note.")
    wrong_revision = revision.current().number
    before = quokka_orm.history.filter(note=original).earliest("history_date")

    response = revert(client, quokka_orm, before)

    assert response.status_code == 302
    quokka_orm.refresh_from_db()
    assert quokka_orm.note == original
    latest = quokka_orm.history.first()
    assert latest.history_user == user and latest.history_change_reason.endswith("The new text was wrong.")
    assert revision.current().number > wrong_revision


@pytest.mark.parametrize("group", [None, "Editors"], ids=["superuser", "editor"])
def test_revert_restores_an_old_framework_note(client, group):
    as_user(client, make_staff("edna", group))
    framework = make_framework(slug="quokka", learning_note="Two weeks to be productive.")
    change(client, framework, learning_note="Rewritten by mistake.")
    before = framework.history.filter(learning_note="Two weeks to be productive.").earliest("history_date")

    response = revert(client, framework, before)

    assert response.status_code == 302, page_text(response)[-1500:]
    framework.refresh_from_db()
    assert framework.learning_note == "Two weeks to be productive."


def test_a_revert_is_refused_when_the_row_changed_after_the_revert_page_opened(client, quokka_orm):
    as_user(client, make_staff("edna", "Editors"))
    change(client, quokka_orm, note="Second version.")
    first = quokka_orm.history.earliest("history_date")
    page = client.get(revert_url(quokka_orm, first))
    other = as_user(client.__class__(), make_staff("ann", "Editors"))
    change(other, quokka_orm, note="Ann's version.")

    response = client.post(revert_url(quokka_orm, first), form_data(page) | {"revert_reason": "Undo."})

    assert response.status_code == 200 and "was changed by ann" in page_text(response)
    quokka_orm.refresh_from_db()
    assert quokka_orm.note == "Ann's version."


def test_an_editor_reverting_a_published_version_gets_the_content_but_not_the_status(client):
    reviewer = as_user(client.__class__(), make_staff("rita", "Reviewers"))
    framework = make_framework(slug="once-public", status="published", tagline="The published tagline")
    change(reviewer, framework, status="draft", tagline="A draft tagline")
    published = framework.history.filter(status="published").earliest("history_date")
    as_user(client, make_staff("edna", "Editors"))

    page = client.get(revert_url(framework, published))
    assert 'name="status"' not in page.content.decode()
    assert "Stays as it is now" in page_text(page)  # the status row of the differences table
    response = revert(client, framework, published, status="published")

    assert response.status_code == 302
    framework.refresh_from_db()
    assert framework.tagline == "The published tagline" and framework.status == "draft"


def test_an_editor_cannot_publish_an_incomplete_framework_through_a_revert(client):
    """The reported back door: delete a cell (Editors may), then revert to a published version."""
    reviewer = as_user(client.__class__(), make_staff("rita", "Reviewers"))
    framework = make_framework(slug="holey", status="published")
    change(reviewer, framework, status="draft")
    framework.supports.filter(feature__slug="orm").delete()
    published = framework.history.filter(status="published").earliest("history_date")
    as_user(client, make_staff("edna", "Editors"))

    revert(client, framework, published, status="published")

    framework.refresh_from_db()
    assert framework.status == "draft"


def test_a_reviewer_revert_that_would_publish_an_incomplete_framework_is_refused(client):
    reviewer = as_user(client, make_staff("rita", "Reviewers"))
    framework = make_framework(slug="holey", status="published")
    change(reviewer, framework, status="draft")
    framework.supports.filter(feature__slug="orm").delete()
    published = framework.history.filter(status="published").earliest("history_date")

    response = revert(reviewer, framework, published)

    assert response.status_code == 200
    assert "cannot be published without a Support cell for every feature; missing: ORM" in page_text(response)
    framework.refresh_from_db()
    assert framework.status == "draft"


def test_a_reviewer_revert_republishes_a_complete_framework(client):
    reviewer = as_user(client, make_staff("rita", "Reviewers"))
    framework = make_framework(slug="complete", status="published")
    change(reviewer, framework, status="draft")
    published = framework.history.filter(status="published").earliest("history_date")

    assert revert(reviewer, framework, published).status_code == 302
    framework.refresh_from_db()
    assert framework.status == "published"


def test_a_revert_needs_a_reason(client, quokka_orm):
    as_user(client, make_staff("edna", "Editors"))
    change(client, quokka_orm, note="Changed.")
    response = revert(client, quokka_orm, quokka_orm.history.earliest("history_date"), reason="")
    assert response.status_code == 200 and "This field is required" in page_text(response)
    quokka_orm.refresh_from_db()
    assert quokka_orm.note == "Changed."


def test_a_revert_to_a_source_off_the_allow_list_is_refused(client, quokka_orm):
    reviewer = as_user(client, make_staff("rita", "Reviewers"))
    cell = quokka_orm
    Support.objects.filter(pk=cell.pk).update(source_url="https://blog.example.com/quokka-orm")
    cell.refresh_from_db()
    cell.save()  # a version with an off-list source, as if saved before the list existed
    off_list = cell.history.first()
    change(reviewer, cell, source_url="https://quokka.example.org/docs/patterns/sqlalchemy/")

    response = revert(reviewer, cell, off_list)

    assert response.status_code == 200 and "not on Quokka's list of allowed sources" in page_text(response)


def test_the_revert_page_lists_what_would_change(client, quokka_orm):
    as_user(client, make_staff("edna", "Editors"))
    original = quokka_orm.note
    change(client, quokka_orm, note="A wrong note.")
    page = page_text(client.get(revert_url(quokka_orm, quokka_orm.history.earliest("history_date"))))
    assert "What reverting changes" in page and "A wrong note." in page and original in page


def test_history_page_names_people_without_links_and_shows_whole_values(client, quokka_orm):
    as_user(client, make_staff("edna", "Editors", first_name="Edna", last_name="Editor"))
    long_note = "SQLAlchemy " + "and a long explanation of why " * 8 + "the end."
    change(client, quokka_orm, note=long_note)

    response = client.get(f"/admin/frameworks/support/{quokka_orm.pk}/history/")
    page = response.content.decode()

    assert response.status_code == 200
    assert "Edna Editor" in page and "/admin/auth/user/" not in page
    assert ">None<" not in re.sub(r"\s+", "", page)
    assert long_note in page_text(response)  # not cut in the middle of a word
    assert 'style="' not in page and " onclick=" not in page


@pytest.mark.parametrize(
    "url",
    [
        "/admin/frameworks/support/abc/history/",
        "/admin/frameworks/support/{pk}/history/abc/",
        "/admin/frameworks/support/{pk}/history/99999999/",
        "/admin/frameworks/support/99999999/history/1/",
        "/admin/frameworks/framework/abc/history/1/",
    ],
)
def test_malformed_or_unknown_ids_in_history_urls_are_404(admin_client, quokka_orm, url):
    assert admin_client.get(url.format(pk=quokka_orm.pk)).status_code == 404


def test_a_version_of_another_row_is_404(admin_client, quokka_orm):
    other = make_framework(slug="wombat").supports.get(feature__slug="orm").history.first()
    assert admin_client.get(revert_url(quokka_orm, other)).status_code == 404
