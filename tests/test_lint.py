"""check_catalog: the seed passes, and each kind of defect in a broken copy is caught and named."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from frameworks.models import Support

from .factories import copy_seed, edit_yaml

TOP_LEVEL_FILES = {"features.yaml", "use_cases.yaml"}


def run_check(*args) -> tuple[bool, str]:
    out = io.StringIO()
    try:
        call_command("check_catalog", *args, stdout=out)
    except CommandError as exc:
        return False, out.getvalue() + str(exc)
    return True, out.getvalue()


def broken(tmp_path, file: str, change) -> str:
    """Break one thing in a copy of the seed and return check_catalog's failing output."""
    catalog = copy_seed(tmp_path)
    edit_yaml(catalog / file if file in TOP_LEVEL_FILES else catalog / "frameworks" / file, change)
    ok, output = run_check(str(catalog))
    assert not ok, "check_catalog passed a broken catalog"
    return output


def test_seed_catalog_is_clean():
    ok, output = run_check()
    assert ok, output
    assert "clean" in output


@pytest.mark.django_db
def test_seed_catalog_in_the_database_is_clean():
    ok, output = run_check("--database")
    assert ok, output


def test_source_that_is_not_https_is_reported(tmp_path):
    output = broken(
        tmp_path, "flask.yaml", lambda d: d["support"]["orm"].update(source="http://flask.palletsprojects.com/")
    )
    assert "flask.yaml: support.orm" in output and "[source-not-https]" in output


def test_missing_source_is_reported(tmp_path):
    output = broken(tmp_path, "flask.yaml", lambda d: d["support"]["orm"].pop("source"))
    assert "flask.yaml: support.orm: has no source URL [source-missing]" in output


def test_missing_checked_on_date_is_reported(tmp_path):
    output = broken(tmp_path, "sanic.yaml", lambda d: d["support"]["auth"].pop("checked_on"))
    assert "sanic.yaml: support.auth" in output and "[checked-on-missing]" in output


def test_missing_required_note_is_reported(tmp_path):
    output = broken(tmp_path, "flask.yaml", lambda d: d["support"]["orm"].update(level="third-party", note=""))
    assert "flask.yaml: support.orm: level 'third-party' needs a note" in output and "[note-missing]" in output


def test_framework_missing_a_feature_row_is_reported(tmp_path):
    output = broken(tmp_path, "bottle.yaml", lambda d: d["support"].pop("websockets"))
    assert "bottle.yaml: no support cell for feature 'websockets' [feature-missing]" in output


def test_duplicated_framework_slug_is_reported(tmp_path):
    output = broken(tmp_path, "quart.yaml", lambda d: d.update(slug="flask"))
    assert "flask.yaml, quart.yaml: framework slug 'flask' is used 2 times [slug-duplicate]" in output


def test_duplicated_feature_slug_is_reported(tmp_path):
    output = broken(tmp_path, "features.yaml", lambda d: d[0]["features"].append(dict(d[0]["features"][0])))
    assert "[slug-duplicate]" in output and "feature slug" in output


@pytest.mark.parametrize("slug", ["Flask", "flask-vs-django", "flask_app", "-flask"])
def test_malformed_slug_is_reported(tmp_path, slug):
    output = broken(tmp_path, "flask.yaml", lambda d: d.update(slug=slug))
    assert f"flask.yaml: framework slug '{slug}'" in output and "[slug-malformed]" in output


def test_source_outside_the_frameworks_allow_list_is_reported(tmp_path):
    blog = "https://realpython.com/flask-by-example/"
    output = broken(tmp_path, "flask.yaml", lambda d: d["support"]["templates"].update(source=blog))
    assert f"flask.yaml: support.templates: source {blog} is not on the framework's allow-list" in output
    assert "[source-not-allowed]" in output


def test_allow_list_prefix_stops_at_a_path_segment(tmp_path):
    lookalike = "https://github.com/pallets/flask-admin/README.md"
    output = broken(tmp_path, "flask.yaml", lambda d: d["support"]["admin"].update(source=lookalike))
    assert "flask.yaml: support.admin" in output and "[source-not-allowed]" in output


def test_unreadable_file_is_reported_not_raised(tmp_path):
    catalog = copy_seed(tmp_path)
    (catalog / "frameworks" / "flask.yaml").write_text("slug: [unclosed\n")
    ok, output = run_check(str(catalog))
    assert not ok and "flask.yaml: cannot be read" in output


@pytest.mark.django_db
def test_database_check_catches_an_editors_off_list_source():
    Support.objects.filter(framework__slug="django", feature__slug="orm").update(
        source_url="https://example.com/django-orm-tips"
    )
    ok, output = run_check("--database")
    assert not ok
    assert "framework django: support.orm: source https://example.com/django-orm-tips" in output
