"""Open data: the published catalog as JSON and CSV, with sources, dates and a license."""

import csv
import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from frameworks.editorial import loader
from frameworks.models import CodingTask, Feature, FeatureCategory, Framework, Support, UseCase

from .factories import empty_catalog, make_framework, make_sample

pytestmark = pytest.mark.django_db

JSON_URL = "/api/v1/export/catalog.json"
CSV_URL = "/api/v1/export/support.csv"


def test_catalog_json_holds_every_published_framework_with_sources_and_dates(client, own_catalog):
    make_framework(slug="quokka", levels={"orm": "plugin"})
    make_framework(slug="wombat")
    make_framework(slug="hidden-draft", status="draft")
    orm = Support.objects.get(framework__slug="quokka", feature__slug="orm")
    orm.checked_on = datetime.date(2026, 5, 17)
    orm.save()
    response = client.get(JSON_URL)
    data = response.json()
    assert response.status_code == 200
    assert data["license"]["name"] == "CC BY 4.0" and data["license"]["url"].startswith("https://creativecommons.org/")
    assert data["license"]["methodology"].endswith("/about/methodology/")
    assert 'rel="license"' in response["Link"]
    assert [f["slug"] for f in data["frameworks"]] == ["quokka", "wombat"]
    quokka = data["frameworks"][0]
    assert quokka["support"]["orm"]["level"] == "plugin"
    assert quokka["support"]["orm"]["source"] == "https://quokka.example.org/docs/orm/"
    assert quokka["support"]["orm"]["checked_on"] == "2026-05-17"
    assert {f["slug"] for c in data["categories"] for f in c["features"]} == set(
        Feature.objects.values_list("slug", flat=True)
    )


def test_support_csv_has_one_sourced_row_per_published_framework_and_feature(client, own_catalog):
    make_framework(slug="quokka", levels={"admin": "third-party"})
    make_framework(slug="wombat", levels={"admin": "yes"})
    make_framework(slug="hidden-draft", status="draft")
    response = client.get(CSV_URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'rel="license"' in response["Link"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 2 * Feature.objects.count()
    assert {r["framework"] for r in rows} == {"quokka", "wombat"}
    admin = {r["framework"]: r for r in rows if r["feature"] == "admin"}
    assert (admin["quokka"]["level"], admin["wombat"]["level"]) == ("third-party", "yes")
    assert admin["quokka"]["source"] == "https://quokka.example.org/docs/admin/"
    assert admin["quokka"]["checked_on"] == "2026-11-01"
    assert all(r["source"].startswith("https://") and r["checked_on"] for r in rows)


def test_export_reflects_an_edit_at_once(client):
    make_framework(slug="quokka")
    client.get(CSV_URL)  # warm the cache
    Support.objects.get(framework__slug="quokka", feature__slug="auth").delete()
    rows = list(csv.DictReader(io.StringIO(client.get(CSV_URL).content.decode())))
    assert not any(r["framework"] == "quokka" and r["feature"] == "auth" for r in rows)
    assert any(r["framework"] == "quokka" and r["feature"] == "orm" for r in rows)


def test_export_takes_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        client.get(JSON_URL)
    make_framework(slug="one-more")
    make_framework(slug="and-another")
    with django_assert_max_num_queries(10):
        client.get(JSON_URL)


def test_catalog_json_loads_back_into_an_empty_catalog_without_loss(client, own_catalog, tmp_path):
    # Every kind of fact a framework can carry: levels with since-versions, fits, an ecosystem count,
    # a code sample; the seed's own round trip is test_loader's.
    quokka = make_framework(
        slug="quokka", levels={"orm": "plugin", "async": "yes"}, since={"async": "2.0"}, fits={"cms": "ideal"}
    )
    make_framework(slug="wombat", levels={"admin": "partial"}, fits={"cms": "poor"}, ecosystem=120)
    make_sample(quokka)
    exported = client.get(JSON_URL).content
    path = tmp_path / "catalog.json"
    path.write_bytes(exported)
    empty_catalog()
    Feature.objects.all().delete()
    FeatureCategory.objects.all().delete()
    UseCase.objects.all().delete()
    CodingTask.objects.all().delete()

    call_command("load_catalog", str(path))

    again = json.loads(client.get(JSON_URL).content)
    before = json.loads(exported)
    for key in ("categories", "use_cases", "tasks", "frameworks"):
        assert again[key] == before[key], key


def test_a_broken_export_file_applies_nothing_and_names_the_record(client, tmp_path):
    data = client.get(JSON_URL).json()
    data["frameworks"][1]["support"]["orm"]["checked_on"] = "last spring"
    data["frameworks"][0]["tagline"] = "Changed by the broken file"
    path = tmp_path / "catalog.json"
    path.write_text(json.dumps(data))
    with pytest.raises(CommandError, match=r"catalog.json: frameworks\[1\]: support.orm: field 'checked_on'"):
        call_command("load_catalog", str(path))
    assert not Framework.objects.filter(tagline="Changed by the broken file").exists()


def test_a_file_that_is_not_an_export_is_refused(tmp_path):
    path = tmp_path / "catalog.json"
    path.write_text('{"hello": "world"}')
    with pytest.raises(loader.CatalogError, match="expected the catalog export"):
        loader.load_document(path)


def test_the_exports_come_from_the_snapshot_and_agree_with_the_database(client, django_assert_max_num_queries):
    from frameworks.catalog import page_cache, queries, records

    make_framework(slug="quokka", levels={"orm": "partial"}, status="published")
    make_framework(slug="hidden-draft", status="draft")
    assert queries.snapshot().document == records.document(published_only=True)
    page_cache.stored_pages.clear()  # the pages are gone; the snapshot this process holds is not
    with django_assert_max_num_queries(1):  # the revision: the export reads no catalog rows on a miss
        exported = client.get(JSON_URL).json()
    with django_assert_max_num_queries(1):
        rows = list(csv.DictReader(io.StringIO(client.get(CSV_URL).content.decode())))
    slugs = [f["slug"] for f in exported["frameworks"]]
    assert "quokka" in slugs and "hidden-draft" not in slugs
    assert {"framework": "quokka", "feature": "orm", "level": "partial"}.items() <= next(
        r for r in rows if r["framework"] == "quokka" and r["feature"] == "orm"
    ).items()
