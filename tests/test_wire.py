"""Pages on the wire: compressed once, revalidated with 304s, cacheable briefly, private for staff,
and one snapshot rebuild per revision however many requests miss at once."""

import gzip
import threading

import brotli
import pytest
from django.contrib.auth.models import User
from django.db import connection

from frameworks.catalog import queries
from frameworks.models import Framework

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/compare/django-vs-fastapi-vs-flask-vs-litestar/",
    "/wizard/results/?use_cases=rest-api",
    "/api/v1/export/catalog.json",
]


@pytest.mark.parametrize("url", PAGES)
def test_gzip_and_brotli_bodies_decompress_to_the_plain_page(client, url):
    plain = client.get(url)
    assert "Content-Encoding" not in plain and "Accept-Encoding" in plain["Vary"]
    zipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert zipped["Content-Encoding"] == "gzip" and gzip.decompress(zipped.content) == plain.content
    assert len(zipped.content) < len(plain.content) / 3
    squeezed = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert squeezed["Content-Encoding"] == "br" and brotli.decompress(squeezed.content) == plain.content


def test_a_refused_encoding_is_not_used(client):
    assert client.get("/", HTTP_ACCEPT_ENCODING="br;q=0, gzip")["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in client.get("/", HTTP_ACCEPT_ENCODING="br;q=0, gzip;q=0")


@pytest.mark.parametrize("url", PAGES)
def test_a_repeat_visit_with_the_etag_gets_304_without_rendering(client, url, django_assert_max_num_queries):
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"].startswith('"') and first["Last-Modified"]
    assert first["Cache-Control"].startswith("public, max-age=")
    with django_assert_max_num_queries(1):  # the revision, nothing else: no cache read, no template
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304


def test_an_edit_changes_the_etag_at_once(client):
    before = client.get("/frameworks/flask/")["ETag"]
    flask = Framework.objects.get(slug="flask")
    flask.tagline = "A changed tagline"
    flask.save()
    response = client.get("/frameworks/flask/", HTTP_IF_NONE_MATCH=before)
    assert response.status_code == 200 and response["ETag"] != before
    assert "A changed tagline" in response.content.decode()


def test_staff_and_admin_responses_are_never_publicly_cacheable(client):
    staff = User.objects.create_user("edna", password="pw", is_staff=True)
    client.force_login(staff)
    for url in ("/", "/frameworks/django/", "/admin/"):
        response = client.get(url)
        assert response["Cache-Control"] == "private, no-store", url
        assert "ETag" not in response


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_misses_after_an_edit_rebuild_the_snapshot_once(monkeypatch):
    queries._in_process = None
    builds = []
    original = queries.build_snapshot
    started = threading.Barrier(2)

    def counting_build(number):
        builds.append(number)
        return original(number)

    monkeypatch.setattr(queries, "build_snapshot", counting_build)
    results = []

    def reader():
        started.wait()
        try:
            results.append(queries.snapshot().revision)
        finally:
            connection.close()

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 2 and len(set(results)) == 1
    assert len(builds) == 1
