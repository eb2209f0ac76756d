"""Spreadsheets: exports safe to open, lossless round trips, bounded imports that say what they do.

The rows exported and imported are those of frameworks each test makes with the factories (most
use the `quokka` fixture), so an editor's change to the seed cannot move them."""

import csv
import datetime
import html
import io
import os
import re
import time

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from frameworks.catalog import revision
from frameworks.editorial import imports, uploads
from frameworks.editorial.resources import FRAMEWORK_COLUMNS
from frameworks.editorial.spreadsheet import neutralise, restore
from frameworks.models import Support

from .factories import make_framework, make_staff

pytestmark = pytest.mark.django_db

SUPPORT_ADMIN = "/admin/frameworks/support/"
COLUMNS = ["framework", "feature", "level", "note", "since_version", "source_url", "checked_on", "confidence"]
CONFIRM_FIELDS = (
    r'name="(import_file_name|original_file_name|format|resource|previewed_at|rows_digest)"[^>]*value="([^"]*)"'
)
FORMULAS = ['=HYPERLINK("https://evil.example")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def cell(framework="quokka", feature="orm") -> Support:
    return Support.objects.get(framework__slug=framework, feature__slug=feature)


def text(response) -> str:
    """The page as a reader sees it: tags removed (inline ones leave no space), whitespace collapsed."""
    page = re.sub(r"</?(strong|em|code|span|a)\b[^>]*>", "", response.content.decode())
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def csv_file(rows, columns=COLUMNS) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue().encode()


def row_of(support: Support, **changes) -> list:
    values = {
        "framework": support.framework.slug,
        "feature": support.feature.slug,
        "level": support.level,
        "note": support.note,
        "since_version": support.since_version,
        "source_url": support.source_url,
        "checked_on": support.checked_on.isoformat(),
        "confidence": support.confidence,
    } | changes
    return [values[c] for c in COLUMNS]


def preview(client, body: bytes, name="support.csv"):
    fmt = "1" if name.endswith(".xlsx") else "0"
    upload = SimpleUploadedFile(name, body)
    return client.post(f"{SUPPORT_ADMIN}import/", {"format": fmt, "resource": "0", "import_file": upload})


def confirm(client, preview_response):
    fields = dict(re.findall(CONFIRM_FIELDS, preview_response.content.decode()))
    assert "import_file_name" in fields, text(preview_response)[-1500:]
    return client.post(f"{SUPPORT_ADMIN}process_import/", {k: html.unescape(v) for k, v in fields.items()})


def export(client, fmt: str, framework: str | None = None) -> bytes:
    """The admin's Support export (`framework`: only that framework's rows, as the list filter gives)."""
    data = {"format": fmt, "resource": "0"} | {f"supportresource_{c}": "on" for c in COLUMNS}
    query = "" if framework is None else f"?framework__id__exact={cell(framework).framework_id}"
    response = client.post(f"{SUPPORT_ADMIN}export/{query}", data)
    assert response.status_code == 200
    return response.content


def set_note(support: Support, note: str) -> None:
    Support.objects.filter(pk=support.pk).update(note=note)


@pytest.fixture
def quokka():
    """The framework whose cells these tests export and import, with an allow-list for its sources."""
    return make_framework(
        slug="quokka",
        name="Quokka",
        levels={"orm": "third-party", "admin": "partial", "auth": "plugin"},
        source_domains=["quokka.example.org", "github.com/example/quokka", "pypi.org/project/quokka"],
    )


# Neutralising formula cells ----------------------------------------------------------------


@pytest.mark.parametrize("value", [*FORMULAS, "'=already quoted", "''=twice", "'plain", "plain", "", "a=b"])
def test_neutralise_then_restore_gives_back_the_text(value):
    assert restore(neutralise(value)) == value


@pytest.mark.parametrize("value", FORMULAS)
def test_neutralised_cells_start_with_a_quote(value):
    assert neutralise(value) == "'" + value


def test_plain_text_and_numbers_are_left_alone():
    assert neutralise("Flask-Admin, community") == "Flask-Admin, community"
    assert neutralise(3) == 3 and neutralise(None) is None


@pytest.mark.parametrize("formula", FORMULAS)
def test_public_support_csv_neutralises_formula_cells(client, quokka, formula):
    set_note(cell("quokka", "admin"), formula)
    rows = list(csv.DictReader(io.StringIO(client.get("/api/v1/export/support.csv").content.decode(), newline="")))
    written = next(r for r in rows if r["framework"] == "quokka" and r["feature"] == "admin")
    assert written["note"] == "'" + formula


@pytest.mark.parametrize("formula", FORMULAS)
def test_admin_csv_export_neutralises_formula_cells(editor, quokka, formula):
    set_note(cell(), formula)
    rows = list(csv.DictReader(io.StringIO(export(editor, "0").decode(), newline="")))
    written = next(r for r in rows if r["framework"] == "quokka" and r["feature"] == "orm")
    assert written["note"] == "'" + formula


def test_admin_xlsx_export_writes_no_formula(editor, quokka):
    for support, formula in zip(Support.objects.filter(framework=quokka)[: len(FORMULAS)], FORMULAS, strict=True):
        set_note(support, formula)
    sheet = openpyxl.load_workbook(io.BytesIO(export(editor, "1"))).active
    cells = [c for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    notes = {c.value for c in cells if isinstance(c.value, str)}
    # XLSX is XML, and XML reads a carriage return as a line feed; the cell is quoted all the same.
    assert {"'" + f.replace("\r", "\n") for f in FORMULAS} <= notes


# Round trips ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt, name", [("0", "support.csv"), ("1", "support.xlsx")])
def test_export_then_import_changes_nothing(editor, quokka, fmt, name):
    set_note(cell("quokka", "orm"), "=not a formula, a note")
    set_note(cell("quokka", "dependency-injection"), "")  # empty notes must stay empty, not become NULL
    exported = export(editor, fmt, framework="quokka")

    response = preview(editor, exported, name)

    assert response.status_code == 200
    page = text(response)
    assert "0 new, 0 changed" in page, page[-2000:]
    assert confirm(editor, response).status_code == 302
    assert cell("quokka", "orm").note == "=not a formula, a note"
    assert cell("quokka", "dependency-injection").note == ""


@pytest.mark.parametrize("fmt, name", [("0", "support.csv"), ("1", "support.xlsx")])
def test_a_neutralised_cell_imports_back_to_the_original_text(editor, quokka, fmt, name):
    set_note(cell(), "@mention and =sign")
    exported = export(editor, fmt, framework="quokka")
    set_note(cell(), "Something else meanwhile.")

    response = preview(editor, exported, name)
    assert "1 changed" in text(response)
    confirm(editor, response)

    assert cell().note == "@mention and =sign"


# What an import says and does ----------------------------------------------------------------


def test_preview_lists_only_rows_that_change_with_counts_on_top(editor, quokka):
    changed, unchanged = cell("quokka", "orm"), cell("quokka", "admin")
    body = csv_file([row_of(changed, note="SQLAlchemy, edited."), row_of(unchanged)])

    page = text(preview(editor, body))

    assert "2 rows read: 0 new, 1 changed, 1 unchanged" in page
    assert "SQLAlchemy, edited." in page and str(changed) in page
    assert str(unchanged) not in page


def test_confirmed_import_records_the_editor_and_the_file_and_shows_at_once(editor, quokka):
    support = cell()
    before = revision.current().number
    confirm(editor, preview(editor, csv_file([row_of(support, note="SQLAlchemy, from a file.")]), "mine.csv"))
    support.refresh_from_db()
    latest = support.history.first()
    assert support.note == "SQLAlchemy, from a file."
    assert latest.history_user.username == "edna" and latest.history_change_reason == "Imported from mine.csv"
    assert revision.current().number > before
    assert support.updated_at == latest.updated_at  # the edit guard sees the import as a new version


def test_an_import_adds_a_missing_cell(editor):
    framework = make_framework(slug="gappy", status="draft")
    gap = framework.supports.get(feature__slug="orm")
    values = row_of(gap, level="third-party", note="Peewee or SQLAlchemy.")
    gap.delete()

    response = preview(editor, csv_file([values]))
    assert "1 new" in text(response)
    confirm(editor, response)

    added = Support.objects.get(framework=framework, feature__slug="orm")
    assert added.note == "Peewee or SQLAlchemy." and added.history.first().history_user.username == "edna"


def test_duplicate_rows_are_refused_naming_both(editor, quokka):
    support = cell()
    body = csv_file([row_of(support, note="First."), row_of(cell("quokka", "admin")), row_of(support, note="Second.")])

    response = preview(editor, body)

    page = text(response)
    assert "Some rows failed to validate" in page
    assert "Rows 1 and 3 both give quokka × orm" in page
    assert 'name="import_file_name"' not in response.content.decode()


def test_a_file_over_the_row_limit_is_refused_with_the_limit(editor, quokka, monkeypatch):
    monkeypatch.setattr(imports, "MAX_ROWS", 2)
    rows = [row_of(s) for s in Support.objects.filter(framework=quokka)[:3]]

    response = preview(editor, csv_file(rows))

    page = text(response)
    assert "This file has 3 rows; one import takes at most 2" in page
    assert 'name="import_file_name"' not in response.content.decode()


def test_a_source_off_the_allow_list_is_refused_in_an_import(editor, quokka):
    response = preview(editor, csv_file([row_of(cell(), source_url="https://someones-blog.example/quokka-orm")]))
    page = text(response)
    assert "Some rows failed to validate" in page and "not on Quokka's list of allowed sources" in page


def test_confirming_after_someone_changed_a_row_imports_nothing_and_names_them(editor, client, quokka):
    support, other = cell("quokka", "orm"), cell("quokka", "admin")
    body = csv_file([row_of(support, note="From the file."), row_of(other, note="Also from the file.")])
    response = preview(editor, body)

    ann = client.__class__()
    ann.force_login(make_staff("ann"))
    data = {f: getattr(support, f) for f in ("level", "note", "since_version", "source_url", "confidence")}
    data |= {"note": "Ann's fix.", "checked_on": support.checked_on.isoformat()}
    data["seen_updated_at"] = support.updated_at.isoformat()
    assert ann.post(f"{SUPPORT_ADMIN}{support.pk}/change/", data).status_code == 302

    refused = confirm(editor, response)

    page = text(refused)
    assert refused.status_code == 200 and "Nothing was imported" in page and "was changed by ann" in page
    assert cell("quokka", "orm").note == "Ann's fix." and cell("quokka", "admin").note == other.note


def test_a_confirmation_after_the_upload_expired_says_so(editor, settings, quokka):
    settings.IMPORT_EXPORT_TMP_STORAGE_CLASS = "frameworks.editorial.uploads.ExpiringTempFolderStorage"
    response = preview(editor, csv_file([row_of(cell(), note="Late.")]))
    name = dict(re.findall(CONFIRM_FIELDS, response.content.decode()))["import_file_name"]
    path = uploads.ExpiringTempFolderStorage(name=name).get_full_path()
    two_hours_ago = time.time() - 2 * 60 * 60
    os.utime(path, (two_hours_ago, two_hours_ago))

    late = confirm(editor, response)

    assert late.status_code == 302
    assert "no longer kept" in text(editor.get(late["Location"]))
    assert cell().note != "Late." and not os.path.exists(path)


def test_uploads_are_kept_at_most_an_hour():
    assert uploads.UPLOAD_LIFETIME <= 60 * 60
    assert uploads.ExpiringCacheStorage.CACHE_LIFETIME <= 60 * 60


def test_a_confirmation_cannot_read_other_temporary_files(editor, quokka, tmp_path):
    fields = dict(re.findall(CONFIRM_FIELDS, preview(editor, csv_file([row_of(cell())])).content.decode()))
    stranger = tmp_path.parent / "not-an-upload.csv"
    stranger.write_text(",".join(COLUMNS) + "\n")
    fields["import_file_name"] = stranger.name
    response = editor.post(f"{SUPPORT_ADMIN}process_import/", fields)
    assert response.status_code == 302 and "no longer kept" in text(editor.get(response["Location"]))


@pytest.mark.parametrize("fmt, name", [("0", "frameworks.csv"), ("1", "frameworks.xlsx")])
def test_framework_export_then_import_changes_nothing(client, own_catalog, fmt, name):
    client.force_login(make_staff("rita", "Reviewers"))
    make_framework(slug="quokka", tagline="-the dash is text", learning_note="@ a note")
    make_framework(slug="wombat", status="draft", source_domains=["wombat.example.org"])
    data = {"format": fmt, "resource": "0"} | {f"frameworkresource_{c}": "on" for c in (*FRAMEWORK_COLUMNS, "status")}
    exported = client.post("/admin/frameworks/framework/export/", data).content

    upload = SimpleUploadedFile(name, exported)
    response = client.post(
        "/admin/frameworks/framework/import/", {"format": fmt, "resource": "0", "import_file": upload}
    )

    assert "2 rows read: 0 new, 0 changed, 2 unchanged" in text(response), text(response)[-1500:]


def test_a_change_after_the_preview_is_caught_even_from_a_server_whose_clock_lags(editor, quokka):
    support = cell()
    response = preview(editor, csv_file([row_of(support, note="From the file.")]))
    lagging = support.updated_at - datetime.timedelta(minutes=5)
    Support.objects.filter(pk=support.pk).update(note="Saved elsewhere.", updated_at=lagging)

    refused = confirm(editor, response)

    assert refused.status_code == 200 and "changed or deleted after your preview" in text(refused)
    assert cell().note == "Saved elsewhere."


def test_a_row_deleted_after_the_preview_is_not_brought_back(editor, quokka):
    support = cell()
    response = preview(editor, csv_file([row_of(support, note="From the file.")]))
    support.delete()

    refused = confirm(editor, response)

    assert refused.status_code == 200 and "Nothing was imported" in text(refused)
    assert not Support.objects.filter(framework=quokka, feature__slug="orm").exists()
