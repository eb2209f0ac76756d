"""Pages on the wire: compressed once, revalidated with 304s, cacheable briefly, private for staff,
and one snapshot rebuild per revision however many requests miss at once."""

import gzip

import brotli
import pytest
from django.contrib.auth.models import User

from frameworks.catalog import queries

from .factories import at_once, make_framework, make_sample

pytestmark = pytest.mark.django_db

# On the seed's catalog (real page sizes), with four frameworks of our own to compare.
PAGES = [
    "/",
    "/compare/wire-a-vs-wire-b-vs-wire-c-vs-wire-d/",
    "/wizard/results/?use_cases=rest-api",
    "/api/v1/export/catalog.json",
]


@pytest.fixture
def compared(db):
    for name, level in zip("abcd", ("yes", "plugin", "partial", "no"), strict=True):
        make_sample(make_framework(slug=f"wire-{name}", levels={"orm": level}))


@pytest.mark.parametrize("url", PAGES)
def test_gzip_and_brotli_bodies_decompress_to_the_plain_page(client, compared, url):
    plain = client.get(url)
    assert "Content-Encoding" not in plain and "Accept-Encoding" in plain["Vary"]
    zipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert zipped["Content-Encoding"] == "gzip" and gzip.decompress(zipped.content) == plain.content
    assert len(zipped.content) < len(plain.content) / 3
    squeezed = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert squeezed["Content-Encoding"] == "br" and brotli.decompress(squeezed.content) == plain.content


@pytest.mark.parametrize("coding", ["br", "gzip"])
def test_a_page_is_compressed_fast_when_built_and_small_once_asked_again(client, compared, coding):
    url, unpack = (
        "/compare/wire-a-vs-wire-b-vs-wire-c-vs-wire-d/",
        {"br": brotli.decompress, "gzip": gzip.decompress}[coding],
    )
    first = client.get(url, HTTP_ACCEPT_ENCODING=coding)  # built now: compressed fast for this visitor
    again = client.get(url, HTTP_ACCEPT_ENCODING=coding)  # asked again: compressed small, once, and kept
    kept = client.get(url, HTTP_ACCEPT_ENCODING=coding)
    plain = client.get(url).content
    assert unpack(first.content) == unpack(again.content) == plain
    assert len(again.content) < len(first.content) < len(plain) / 3
    assert kept.content == again.content


def test_a_refused_encoding_is_not_used(client):
    assert client.get("/", HTTP_ACCEPT_ENCODING="br;q=0, gzip")["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in client.get("/", HTTP_ACCEPT_ENCODING="br;q=0, gzip;q=0")


@pytest.mark.parametrize("url", PAGES)
def test_a_repeat_visit_with_the_etag_gets_304_without_rendering(client, compared, url, django_assert_max_num_queries):
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"].startswith('"') and first["Last-Modified"]
    assert first["Cache-Control"].startswith("public, max-age=")
    with django_assert_max_num_queries(1):  # the revision, nothing else: no cache read, no template
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304


def test_an_edit_changes_the_etag_at_once(client):
    framework = make_framework(slug="quokka")
    before = client.get("/frameworks/quokka/")["ETag"]
    framework.tagline = "A changed tagline"
    framework.save()
    response = client.get("/frameworks/quokka/", HTTP_IF_NONE_MATCH=before)
    assert response.status_code == 200 and response["ETag"] != before
    assert "A changed tagline" in response.content.decode()


def test_staff_and_admin_responses_are_never_publicly_cacheable(client):
    staff = User.objects.create_user("edna", password="pw", is_staff=True)
    client.force_login(staff)
    make_framework(slug="quokka")
    for url in ("/", "/frameworks/quokka/", "/admin/"):
        response = client.get(url)
        assert response["Cache-Control"] == "private, no-store", url
        assert "ETag" not in response


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_misses_after_an_edit_rebuild_the_snapshot_once(monkeypatch):
    queries._in_process = None
    builds = []
    original = queries.build_snapshot

    def counting_build(number):
        builds.append(number)
        return original(number)

    monkeypatch.setattr(queries, "build_snapshot", counting_build)
    results = at_once(lambda: queries.snapshot().revision)
    assert len(results) == 2 and len(set(results)) == 1
    assert len(builds) == 1
