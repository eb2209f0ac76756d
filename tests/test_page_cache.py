"""Stored pages answered before the rest of the middleware, and the process's page memory bounded by bytes."""

import datetime
import time

import pytest
from django.test import Client

from frameworks.api import open_data
from frameworks.catalog import page_cache, wire
from frameworks.web import catalog_views

from .factories import at_once, make_framework

pytestmark = pytest.mark.django_db


def test_a_stored_page_is_answered_without_running_the_view(client, monkeypatch, django_assert_max_num_queries):
    make_framework(slug="stored-once", name="Stored Once")
    first = client.get("/frameworks/")
    assert first.status_code == 200 and "Stored Once" in first.content.decode()

    def no_render(*args, **kwargs):
        raise AssertionError("a stored page must not be rendered again")

    monkeypatch.setattr(catalog_views, "render", no_render)
    with django_assert_max_num_queries(1):  # the revision, nothing else: no session, user or snapshot read
        again = client.get("/frameworks/")
    assert again.status_code == 200
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert again["X-Frame-Options"] == "DENY"  # the hit still carries the site's security headers
    assert "Content-Security-Policy" in again


def test_a_hostile_host_gets_400_even_for_a_stored_page(client):
    assert client.get("/frameworks/").status_code == 200
    hostile = Client(HTTP_HOST="evil.example.com")
    assert hostile.get("/frameworks/").status_code == 400


def test_a_visitor_with_a_session_goes_past_the_stored_page_and_staff_get_a_private_one(client, admin_client):
    public = client.get("/frameworks/")
    assert public["Cache-Control"].startswith("public")
    staff = admin_client.get("/frameworks/")
    assert staff.status_code == 200
    assert staff["Cache-Control"] == "private, no-store"
    assert "ETag" not in staff


def _page(size: int) -> wire.StoredPage:
    return wire.StoredPage(b"x" * size, {}, '"e"', datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC), None, None)


def test_process_page_memory_is_bounded_by_bytes_and_keeps_the_recently_read():
    pages = page_cache.StoredPages(max_bytes=1000)
    pages._keep("a", _page(400))
    pages._keep("b", _page(400))
    assert pages.get("a") is not None  # read: now the most recently used
    pages._keep("c", _page(400))
    assert pages.bytes <= 1000
    assert pages.get("b") is None  # the least recently used went first
    assert pages.get("a") is not None and pages.get("c") is not None
    pages._keep("huge", _page(5000))  # larger than the whole budget: served, never kept
    assert pages.get("huge") is None and pages.bytes == 800


def test_the_middleware_alone_answers_a_stored_page_and_passes_on_a_session(client, rf, settings):
    assert client.get("/frameworks/").status_code == 200  # stored by the view's decorator

    def rest_of_the_stack(request):
        return "passed on"

    serve = page_cache.ServeCachedPages(rest_of_the_stack)
    hit = serve(rf.get("/frameworks/"))
    assert hit.status_code == 200 and b"<h1" in hit.content
    with_session = rf.get("/frameworks/")
    with_session.COOKIES[settings.SESSION_COOKIE_NAME] = "abc"
    assert serve(with_session) == "passed on"  # maybe staff: sessions, auth and the view decide
    assert serve(rf.get("/frameworks/", {"interface": "wsgi"})) == "passed on"  # not stored yet
    assert serve(rf.get("/no-such-page/")) == "passed on"


def test_a_page_is_compressed_fast_once_then_small_once_per_encoding_never_per_request(client, monkeypatch):
    calls = []
    real_gzip, real_br = wire.gzip.compress, wire.brotli.compress
    monkeypatch.setattr(
        wire.gzip, "compress", lambda data, **kw: calls.append(("gzip", kw["compresslevel"])) or real_gzip(data, **kw)
    )
    monkeypatch.setattr(
        wire.brotli, "compress", lambda data, **kw: calls.append(("br", kw["quality"])) or real_br(data, **kw)
    )
    for _ in range(3):
        assert client.get("/frameworks/", HTTP_ACCEPT_ENCODING="br, gzip")["Content-Encoding"] == "br"
    # The miss compressed fast for its visitor; the first hit compressed it small; later hits reused that.
    assert calls == [("br", wire.FAST_BROTLI_QUALITY), ("br", wire.BROTLI_QUALITY)]
    for _ in range(3):
        gzipped = client.get("/frameworks/", HTTP_ACCEPT_ENCODING="gzip")
        assert gzipped["Content-Encoding"] == "gzip"
    assert calls[2:] == [("gzip", wire.GZIP_LEVEL)]  # the first gzip visitor added it, small, once
    plain = client.get("/frameworks/")
    assert "Content-Encoding" not in plain
    assert wire.gzip.decompress(gzipped.content) == plain.content


def test_a_miss_looks_the_page_up_once_and_only_shared_pages_take_the_build_lock(client, monkeypatch):
    # Each lookup and each lock is a round trip to Redis in production: a miss pays for one lookup,
    # and a wizard answer (almost always new) takes no lock, while the catalog page still does.
    make_framework(slug="looked-up-once")
    lookups, locks = [], []
    real_get, real_add = page_cache.stored_pages.get, page_cache.cache.add
    monkeypatch.setattr(page_cache.stored_pages, "get", lambda key: lookups.append(key) or real_get(key))
    monkeypatch.setattr(page_cache.cache, "add", lambda key, *a, **kw: locks.append(key) or real_add(key, *a, **kw))
    for path in ("/wizard/results/?priority=long-term", "/api/v1/recommend/?priority=long-term", "/frameworks/"):
        lookups.clear()
        assert client.get(path).status_code == 200
        assert len(lookups) == 1, path
    page_locks = [key for key in locks if key.startswith("page:") and key.endswith(":building")]
    assert len(page_locks) == 1  # the catalog page's, not the answers' (the snapshot's own lock aside)
    assert client.get("/frameworks/").status_code == 200 and len(lookups) == 2  # a hit: found, not built


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_misses_of_the_export_build_it_once(monkeypatch):
    make_framework(slug="exported-once")  # a transactional test starts from an emptied database
    builds = []
    original = open_data.catalog_document

    def slow_build(*args, **kwargs):
        builds.append(1)
        time.sleep(0.3)  # long enough for the second request to find the first one building
        return original(*args, **kwargs)

    monkeypatch.setattr(open_data, "catalog_document", slow_build)

    def fetch():
        response = Client().get("/api/v1/export/catalog.json")
        return response.status_code, response.content

    bodies = at_once(fetch)
    assert [status for status, _ in bodies] == [200, 200]
    assert bodies[0][1] == bodies[1][1] and b"exported-once" in bodies[0][1]
    assert len(builds) == 1


def test_the_revision_read_as_sql_matches_the_model_and_moves_with_an_edit():
    from frameworks.catalog import revision
    from frameworks.models import CatalogRevision

    before = revision._read()
    assert before == CatalogRevision.objects.filter(pk=1).values_list("number", "changed_at").first()
    assert before[1].tzinfo is not None  # aware on SQLite (text) as on PostgreSQL
    make_framework(slug="bumps-the-revision")
    assert revision._read()[0] > before[0]


def test_while_the_database_is_unreachable_pages_are_served_for_the_last_revision_read(client, monkeypatch):
    from django.db import OperationalError

    from frameworks.catalog import revision

    make_framework(slug="stays-up", name="Stays Up")
    make_framework(slug="never-asked", name="Never Asked")
    stored = client.get("/frameworks/stays-up/")
    assert stored.status_code == 200

    def unreachable():
        raise OperationalError("connection refused")

    monkeypatch.setattr(revision, "_select", unreachable)
    again = client.get("/frameworks/stays-up/")
    assert again.status_code == 200 and again.content == stored.content  # the stored page
    fresh = client.get("/frameworks/never-asked/")  # rendered from the snapshot this process holds
    assert fresh.status_code == 200 and "Never Asked" in fresh.content.decode()
    monkeypatch.setattr(revision, "_last_read", None)  # a process that never read one cannot guess
    with pytest.raises(OperationalError):
        revision.current()
