"""Editors' workflow in the admin: roles, publishing, history and revert, spreadsheet import,
freshness, version proposals, concurrent edits, drafts preview, and edits showing at once.

Each test builds the frameworks it edits with the factories, so an editor's change to the seed
cannot move it."""

import csv
import datetime
import io
import json
import re

import openpyxl
import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from frameworks.catalog import revision
from frameworks.editorial.resources import FrameworkResource
from frameworks.models import Framework, ReleaseProposal, Support

from .factories import make_framework, make_staff

pytestmark = pytest.mark.django_db

SUPPORT_ADMIN = "/admin/frameworks/support/"
STALE_ADMIN = "/admin/frameworks/stalesupport/"
CSV_HEADER = "framework,feature,level,note,since_version,source_url,checked_on,confidence\n"
CONFIRM_FIELDS = (
    r'name="(import_file_name|original_file_name|format|resource|previewed_at|rows_digest)"[^>]*value="([^"]*)"'
)


def cell(framework="quokka", feature="orm") -> Support:
    return Support.objects.select_related("framework", "feature").get(framework__slug=framework, feature__slug=feature)


def support_form(support: Support, **changes) -> dict:
    data = {
        "framework": support.framework_id,
        "feature": support.feature_id,
        "level": support.level,
        "note": support.note,
        "since_version": support.since_version,
        "source_url": support.source_url,
        "checked_on": support.checked_on.isoformat(),
        "confidence": support.confidence,
        "seen_updated_at": support.updated_at.isoformat(),
    }
    return data | changes


@pytest.fixture
def quokka():
    """The framework most tests here edit; its ORM cell is third-party, with a note."""
    return make_framework(slug="quokka", name="Quokka", levels={"orm": "third-party", "auth": "plugin"})


# Roles ---------------------------------------------------------------------------------------


def test_editor_can_change_catalog_rows_but_not_manage_users(editor, quokka):
    assert editor.get(f"{SUPPORT_ADMIN}{cell().pk}/change/").status_code == 200
    assert editor.get("/admin/auth/user/").status_code == 403
    assert editor.get("/admin/auth/group/").status_code == 403


def test_editor_cannot_publish_a_framework(editor):
    draft = make_framework(slug="editor-draft", status="draft")
    html = editor.get(f"/admin/frameworks/framework/{draft.pk}/change/").content.decode()
    assert 'name="status"' not in html  # shown read-only
    listing = editor.get("/admin/frameworks/framework/").content.decode()
    assert "publish_selected" not in listing
    editor.post("/admin/frameworks/framework/", {"action": "publish_selected", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_reviewer_publishes_complete_drafts_and_is_told_why_not_for_incomplete(reviewer):
    complete = make_framework(slug="complete-draft", status="draft")
    incomplete = make_framework(slug="incomplete-draft", status="draft")
    incomplete.supports.filter(feature__slug__in=["orm", "admin"]).delete()
    response = reviewer.post(
        "/admin/frameworks/framework/",
        {"action": "publish_selected", "_selected_action": [complete.pk, incomplete.pk]},
        follow=True,
    )
    html = response.content.decode()
    assert Framework.objects.get(pk=complete.pk).status == "published"
    assert Framework.objects.get(pk=incomplete.pk).status == "draft"
    assert "cannot be published without a Support cell for every feature" in html
    assert "Admin" in html and "ORM" in html


def test_publishing_from_the_form_needs_a_cell_for_every_feature(reviewer):
    framework = make_framework(slug="nearly", status="draft")
    framework.supports.filter(feature__slug="websockets").delete()
    page = reviewer.get(f"/admin/frameworks/framework/{framework.pk}/change/")
    data = _change_form_data(page)
    data["status"] = "published"
    response = reviewer.post(f"/admin/frameworks/framework/{framework.pk}/change/", data)
    assert response.status_code == 200
    assert "missing: WebSockets" in response.content.decode()
    framework.refresh_from_db()
    assert framework.status == "draft"


def test_staff_preview_a_draft_that_the_public_cannot_see(client, editor):
    make_framework(slug="secret-draft", status="draft", name="Secret Draft")
    html = editor.get("/frameworks/secret-draft/").content.decode()
    assert "Preview of a draft" in html and "Secret Draft" in html and 'content="noindex"' in html
    client.logout()
    assert client.get("/frameworks/secret-draft/").status_code == 404


# History and revert --------------------------------------------------------------------------


def test_history_records_who_changed_a_cell_and_revert_restores_it(editor, client, quokka):
    support = cell()
    old_note = support.note
    response = editor.post(f"{SUPPORT_ADMIN}{support.pk}/change/", support_form(support, note="A wrong note."))
    assert response.status_code == 302
    latest = support.history.first()
    assert latest.note == "A wrong note." and latest.history_user.username == "edna"

    history_page = editor.get(f"{SUPPORT_ADMIN}{support.pk}/history/").content.decode()
    assert "edna" in history_page
    before = support.history.filter(note=old_note).first()
    revert_url = f"{SUPPORT_ADMIN}{support.pk}/history/{before.history_id}/"
    revert_form = editor.get(revert_url)
    assert revert_form.status_code == 200
    response = editor.post(revert_url, support_form(cell(), note=old_note, revert_reason="Undo a mistake."))
    assert response.status_code == 302
    assert cell().note == old_note
    assert support.history.count() >= 3  # load, the mistake, the revert


def test_revert_shows_at_once_on_a_cached_page(editor, client):
    make_framework(slug="quokka", levels={"admin": "partial"})  # the only cell with a note on the page
    make_framework(slug="wombat", levels={"admin": "yes"})
    support = cell("quokka", "admin")
    editor.post(f"{SUPPORT_ADMIN}{support.pk}/change/", support_form(support, note="Temporarily wrong."))
    client.logout()
    assert "Temporarily wrong." in client.get("/compare/quokka-vs-wombat/").content.decode()  # now cached
    editor.force_login(User.objects.get(username="edna"))
    original = support.history.order_by("history_date").first()
    response = editor.post(
        f"{SUPPORT_ADMIN}{support.pk}/history/{original.history_id}/",
        support_form(cell("quokka", "admin"), note=original.note, revert_reason="Undo."),
    )
    assert response.status_code == 302
    client.logout()
    html = client.get("/compare/quokka-vs-wombat/").content.decode()
    assert "Temporarily wrong." not in html and original.note in html


# Spreadsheet import ----------------------------------------------------------------------------


def _upload(client, text: str, name="support.csv"):
    file = SimpleUploadedFile(name, text.encode(), content_type="text/csv")
    return client.post(f"{SUPPORT_ADMIN}import/", {"format": "0", "resource": "0", "import_file": file})


def test_import_previews_changes_before_applying_them(editor, quokka):
    source = "https://quokka.example.org/docs/patterns/sqlalchemy/"
    row = f"quokka,orm,third-party,SQLAlchemy and Alembic (edited),,{source},2026-11-20,high\n"
    response = _upload(editor, CSV_HEADER + row)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Below is a preview" in html and "Changed" in html and "(edited)" in html  # a diff of the cell
    assert 'name="import_file_name"' in html
    assert cell().note != "SQLAlchemy and Alembic (edited)"  # preview only

    confirm = dict(re.findall(CONFIRM_FIELDS, html))
    revision_before = revision.current().number
    response = editor.post(f"{SUPPORT_ADMIN}process_import/", confirm)
    assert response.status_code == 302
    assert cell().note == "SQLAlchemy and Alembic (edited)"
    assert cell().history.first().history_user.username == "edna"
    assert revision.current().number > revision_before


def test_a_bad_import_applies_nothing_and_names_the_row_and_field(editor, quokka):
    good = "quokka,orm,third-party,Changed by a file that also has a bad row,,https://quokka.example.org/,2026-11-20,high\n"
    bad = "quokka,admin,third-party,,,https://quokka.example.org/,2026-11-20,high\n"  # note missing
    response = _upload(editor, CSV_HEADER + good + bad)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))
    assert "Some rows failed to validate" in text
    assert re.search(r"\b2\b .*note .*needs a note", text)
    assert 'name="import_file_name"' not in response.content.decode()  # no way to confirm
    assert cell().note != "Changed by a file that also has a bad row"


def test_xlsx_import_is_previewed_too(editor, quokka):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(CSV_HEADER.strip().split(","))
    sheet.append(
        ["quokka", "orm", "third-party", "Edited in a spreadsheet", "", cell().source_url, "2026-11-20", "high"]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    file = SimpleUploadedFile("support.xlsx", buffer.getvalue())
    response = editor.post(f"{SUPPORT_ADMIN}import/", {"format": "1", "resource": "0", "import_file": file})
    html = response.content.decode()
    assert "Below is a preview" in html and "spreadsheet" in html and 'name="import_file_name"' in html


def test_framework_import_creates_a_draft_whatever_the_status_column_says(reviewer, quokka):
    columns = list(FrameworkResource._meta.fields)
    row = {name: getattr(quokka, name) for name in columns} | {"slug": "quokka-copy", "name": "Quokka Copy"}
    row["status"] = "published"
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerow([row[c] for c in columns])
    text = out.getvalue()
    file = SimpleUploadedFile("frameworks.csv", text.encode(), content_type="text/csv")
    response = reviewer.post(
        "/admin/frameworks/framework/import/", {"format": "0", "resource": "0", "import_file": file}
    )
    html = response.content.decode()
    assert "Below is a preview" in html, re.sub(r"<[^>]+>", " ", html)[-2000:]
    confirm = dict(re.findall(CONFIRM_FIELDS, html))
    assert reviewer.post("/admin/frameworks/framework/process_import/", confirm).status_code == 302
    assert Framework.objects.get(slug="quokka-copy").status == "draft"


def test_export_of_support_rows_lists_slugs_not_ids(editor):
    make_framework(slug="quokka", levels={"admin": "yes"})
    response = editor.post(
        f"{SUPPORT_ADMIN}export/",
        {
            "format": "0",
            "resource": "0",
            **{
                f"supportresource_{f}": "on"
                for f in (
                    "framework",
                    "feature",
                    "level",
                    "note",
                    "since_version",
                    "source_url",
                    "checked_on",
                    "confidence",
                )
            },
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.splitlines()[0].startswith("framework,feature,level")
    assert "\nquokka,admin,yes," in body


# Freshness -----------------------------------------------------------------------------------


def _age(support: Support, days: int) -> None:
    Support.objects.filter(pk=support.pk).update(checked_on=timezone.localdate() - datetime.timedelta(days=days))


@time_machine.travel(datetime.date(2026, 12, 1))  # the factories' cells, checked on 2026-11-01, are fresh
def test_stale_facts_list_oldest_first_and_filters_by_framework(editor, own_catalog):
    make_framework(slug="quokka")
    make_framework(slug="wombat")
    _age(cell("quokka", "orm"), 400)
    _age(cell("wombat", "admin"), 700)
    _age(cell("quokka", "auth"), 200)
    _age(cell("wombat", "orm"), 100)  # not stale yet
    html = editor.get(STALE_ADMIN).content.decode()
    assert re.findall(r'field-age">(\d+)<', html) == ["700", "400", "200"]
    filtered = editor.get(STALE_ADMIN, {"framework__id__exact": cell("quokka").framework_id}).content.decode()
    assert re.findall(r'field-age">(\d+)<', filtered) == ["400", "200"]


@time_machine.travel(datetime.date(2026, 12, 1))  # the factories' cells, checked on 2026-11-01, are fresh
def test_mark_checked_today_refreshes_the_date_on_the_public_page(editor, client, own_catalog):
    make_framework(slug="quokka")
    support = cell("quokka", "orm")
    _age(support, 400)
    assert re.findall(r'field-age">(\d+)<', editor.get(STALE_ADMIN).content.decode()) == ["400"]
    editor.post(STALE_ADMIN, {"action": "mark_checked_today", "_selected_action": [support.pk]})
    assert cell("quokka", "orm").checked_on == timezone.localdate()
    assert support.history.first().history_user.username == "edna"
    assert not re.findall(r'field-age">(\d+)<', editor.get(STALE_ADMIN).content.decode())


# Version proposals -----------------------------------------------------------------------------


def _behind_flask(**fields):
    """A framework published on PyPI as Flask (tests/data/pypi/flask.json: 3.1.3 is the latest), one release behind."""
    values = {"latest_version": "3.1.2", "latest_release_date": datetime.date(2025, 8, 19)} | fields
    return make_framework(slug="quokka", name="Quokka", pypi_name="flask", **values)


def test_refresh_versions_proposes_a_newer_release_and_leaves_the_catalog_alone(pypi_server, capsys):
    _behind_flask()
    # tests/data/pypi/Django.json: 6.1.3, uploaded on 2026-11-03, as this one says already.
    make_framework(
        slug="wombat", pypi_name="Django", latest_version="6.1.3", latest_release_date=datetime.date(2026, 11, 3)
    )
    call_command("refresh_versions", "quokka", "wombat", "--index-url", pypi_server)
    proposal = ReleaseProposal.objects.get()
    assert (proposal.framework.slug, proposal.catalog_version, proposal.version) == ("quokka", "3.1.2", "3.1.3")
    assert proposal.release_date == datetime.date(2026, 2, 19)
    assert proposal.source_url == "https://pypi.org/project/Flask/3.1.3/"
    assert Framework.objects.get(slug="quokka").latest_version == "3.1.2"
    out = capsys.readouterr().out
    assert "Proposed: Quokka 3.1.2" in out and "1 proposed" in out and "1 up to date" in out
    call_command("refresh_versions", "quokka", "--index-url", pypi_server)
    assert ReleaseProposal.objects.count() == 1  # not proposed twice


def test_refresh_versions_reports_packages_pypi_does_not_know(pypi_server, capsys):
    make_framework(slug="nowhere", name="Nowhere", pypi_name="not-recorded")
    call_command("refresh_versions", "nowhere", "--index-url", pypi_server)  # no recording: 404
    captured = capsys.readouterr()
    assert "Not checked: Nowhere: not-recorded: not on PyPI" in captured.err and "1 failed" in captured.out


def test_reviewer_applies_a_proposal_and_the_site_shows_it(pypi_server, reviewer, client):
    _behind_flask()
    call_command("refresh_versions", "quokka", "--index-url", pypi_server)
    proposal = ReleaseProposal.objects.get()
    reviewer.post("/admin/frameworks/releaseproposal/", {"action": "apply_selected", "_selected_action": [proposal.pk]})
    proposal.refresh_from_db()
    assert proposal.state == "applied" and proposal.reviewed_by.username == "rita"
    quokka = Framework.objects.get(slug="quokka")
    assert quokka.latest_version == "3.1.3" and quokka.release_source == proposal.source_url
    client.logout()
    assert "3.1.3" in client.get("/frameworks/quokka/").content.decode()


# Concurrent edits ------------------------------------------------------------------------------


def _change_form_data(response) -> dict:
    """The values a browser would post back from an admin change form, as rendered."""
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        data[name] = value.isoformat() if hasattr(value, "isoformat") else value
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for inline_form in formset.formset.forms:
            for name in inline_form.fields:
                value = inline_form[name].value()
                if value is not None and value is not False:
                    data[inline_form.add_prefix(name)] = value.isoformat() if hasattr(value, "isoformat") else value
    if "source_domains" in data:
        data["source_domains"] = json.dumps(form.instance.source_domains)
    return data


def test_second_editor_saving_a_framework_is_told_and_overwrites_nothing(client, django_user_model, quokka):
    framework = quokka
    url = f"/admin/frameworks/framework/{framework.pk}/change/"
    first, second = client, client.__class__()
    first.force_login(make_staff("ann", "Editors"))
    second.force_login(make_staff("bob", "Editors"))
    first_data = _change_form_data(first.get(url))
    second_data = _change_form_data(second.get(url))

    first_data["tagline"] = "Ann's tagline"
    assert first.post(url, first_data).status_code == 302
    second_data["tagline"] = "Bob's tagline"
    response = second.post(url, second_data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "was changed by ann" in html and "Nothing was saved" in html
    assert Framework.objects.get(pk=framework.pk).tagline == "Ann's tagline"


def test_second_editor_saving_a_support_cell_is_told(editor, client, quokka):
    support = cell("quokka", "auth")
    stale_form = support_form(support, note="Second editor's note.")
    assert editor.post(f"{SUPPORT_ADMIN}{support.pk}/change/", support_form(support, note="First.")).status_code == 302
    response = editor.post(f"{SUPPORT_ADMIN}{support.pk}/change/", stale_form)
    assert response.status_code == 200 and "after you opened this page" in response.content.decode()
    assert cell("quokka", "auth").note == "First."


# Public pages ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/frameworks/",
        "/features/orm/",
        "/use-cases/rest-api/",
        "/compare/quokka-vs-wombat/",
        "/wizard/results/?use_cases=rest-api",
    ],
)
def test_public_pages_say_when_their_facts_were_last_checked(client, url):
    make_framework(slug="quokka", levels={"orm": "yes"}, fits={"rest-api": "ideal"})
    make_framework(slug="wombat", levels={"orm": "plugin"}, fits={"rest-api": "good"})
    html = client.get(url).content.decode()
    assert "Facts on this page last checked" in html and '<time datetime="20' in html
