"""Catalog pages, on catalogs each test builds with the factories (`own_catalog` empties the seed's
frameworks first), so an editor's change to the seed cannot move them. tests/test_seed_catalog.py
checks the real seed on purpose."""

import datetime
import json

import pytest
import time_machine

from frameworks.models import Feature, FeatureCategory, Support, UseCase

from .factories import make_framework, make_sample

pytestmark = pytest.mark.django_db


def slugs(frameworks):
    return [f.slug for f in frameworks]


def test_home_shows_catalog_at_a_glance_and_popular_comparisons(client, own_catalog):
    make_framework(slug="django", name="Django")
    make_framework(slug="flask", name="Flask")
    make_framework(slug="quokka", name="Quokka")
    make_framework(slug="fastapi", name="FastAPI", status="draft")  # a popular pair, but not published
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Django" in html and "Flask" in html and "Quokka" in html
    assert "FastAPI" not in html
    assert 'href="/compare/django-vs-flask/"' in html
    assert "/compare/django-vs-fastapi/" not in html and "/compare/fastapi-vs-flask/" not in html


def test_framework_list_shows_every_published_framework_and_hides_drafts(client, own_catalog):
    make_framework(slug="shown-one", name="Shown One")
    make_framework(slug="shown-two", name="Shown Two")
    make_framework(slug="secret-draft", status="draft", name="Secret Draft")
    response = client.get("/frameworks/")
    html = response.content.decode()
    assert slugs(response.context["frameworks"]) == ["shown-one", "shown-two"]
    assert "Shown One" in html and "Shown Two" in html
    assert "Secret Draft" not in html


def test_filter_by_feature_keeps_only_frameworks_with_it_built_in(client, own_catalog):
    make_framework(slug="built-in", levels={"admin": "yes"})
    make_framework(slug="official-plugin", levels={"admin": "plugin"})
    make_framework(slug="partial-only", levels={"admin": "partial"})
    make_framework(slug="third-party-only", levels={"admin": "third-party"})
    make_framework(slug="without", levels={"admin": "no"})
    make_framework(slug="draft-with-it", levels={"admin": "yes"}, status="draft")
    response = client.get("/frameworks/", {"feature": "admin"})
    assert slugs(response.context["frameworks"]) == ["built-in", "official-plugin"]


def test_filters_combine_and_narrow(client, own_catalog):
    make_framework(slug="asgi-ws", interface="asgi", levels={"websockets": "yes"})
    make_framework(slug="both-ws-plugin", interface="both", levels={"websockets": "plugin"})
    make_framework(slug="asgi-no-ws", interface="asgi", levels={"websockets": "no"})
    make_framework(slug="wsgi-ws", interface="wsgi", levels={"websockets": "yes"})
    everything = client.get("/frameworks/").context["frameworks"]
    asgi = client.get("/frameworks/", {"interface": "asgi"}).context["frameworks"]
    asgi_with_ws = client.get("/frameworks/", {"interface": "asgi", "feature": "websockets"}).context["frameworks"]
    assert slugs(everything) == ["asgi-no-ws", "asgi-ws", "both-ws-plugin", "wsgi-ws"]
    assert slugs(asgi) == ["asgi-no-ws", "asgi-ws", "both-ws-plugin"]
    assert slugs(asgi_with_ws) == ["asgi-ws", "both-ws-plugin"]


def test_interface_filter_means_can_be_served_that_way(client, own_catalog):
    make_framework(slug="both-ways", interface="both")  # filed as "WSGI and ASGI"
    make_framework(slug="wsgi-only", interface="wsgi")
    make_framework(slug="asgi-only", interface="asgi")
    make_framework(slug="own-server-only", interface="own-server")
    assert slugs(client.get("/frameworks/", {"interface": "wsgi"}).context["frameworks"]) == ["both-ways", "wsgi-only"]
    assert slugs(client.get("/frameworks/", {"interface": "asgi"}).context["frameworks"]) == ["asgi-only", "both-ways"]
    assert slugs(client.get("/frameworks/", {"interface": "both"}).context["frameworks"]) == ["both-ways"]


def test_every_list_sorts_by_name_case_insensitively(client, own_catalog):
    # A case-sensitive sort would put "aardvark" after "Zebu".
    for name in ("Zebu", "aardvark", "Mongoose"):
        make_framework(slug=name.lower(), name=name)
    for url in ("/", "/frameworks/", "/compare/"):
        html = client.get(url).content.decode()
        assert html.index(">aardvark<") < html.index(">Mongoose<") < html.index(">Zebu<"), url


def test_catalog_sorts_by_ecosystem_and_release_with_links_that_keep_the_filters(client, own_catalog):
    make_framework(slug="small-eco", interface="wsgi", ecosystem=500, latest_release_date=datetime.date(2026, 3, 1))
    make_framework(slug="large-eco", interface="wsgi", ecosystem=2000, latest_release_date=datetime.date(2025, 6, 1))
    make_framework(slug="no-count", interface="wsgi", latest_release_date=datetime.date(2026, 9, 1))
    make_framework(slug="both-eco", interface="both", ecosystem=1000, latest_release_date=datetime.date(2024, 1, 1))
    make_framework(slug="asgi-huge", interface="asgi", ecosystem=9000, latest_release_date=datetime.date(2026, 10, 1))
    response = client.get("/frameworks/", {"sort": "ecosystem", "interface": "wsgi"})
    assert slugs(response.context["frameworks"]) == ["large-eco", "both-eco", "small-eco", "no-count"]
    assert 'href="?sort=release&amp;interface=wsgi"' in response.content.decode()  # the filter is kept
    newest_first = client.get("/frameworks/", {"sort": "release"}).context["frameworks"]
    assert slugs(newest_first) == ["asgi-huge", "no-count", "small-eco", "large-eco", "both-eco"]


def test_related_comparisons_put_frameworks_built_on_it_first_then_shared_fits_by_ecosystem(client, own_catalog):
    fits = {"rest-api": "ideal", "cms": "good"}
    make_framework(slug="hub", name="Hub", fits=fits, ecosystem=1000)
    make_framework(slug="builder", name="Builder", built_on="Hub, Pydantic")  # built on Hub, no shared fit
    make_framework(slug="big", name="Big", fits=fits, ecosystem=1000)
    make_framework(slug="small", name="Small", fits={"rest-api": "good", "cms": "ideal"}, ecosystem=10)
    make_framework(slug="no-count", name="No Count", fits=fits)  # shares the fits, no ecosystem on record
    make_framework(slug="misfit", name="Misfit", fits={"rest-api": "poor", "cms": "poor"}, ecosystem=1000)
    related = [c.title for c in client.get("/frameworks/hub/").context["related"]]
    assert related == ["Builder vs Hub", "Big vs Hub", "Hub vs Small"]


def test_search_finds_frameworks_features_and_comparisons_without_javascript(client, own_catalog):
    make_framework(slug="quokka", name="Quokka")
    make_framework(slug="wombat", name="Wombat")
    make_framework(slug="wombat-ninja", name="Wombat Ninja")
    ninja = client.get("/search/", {"q": "ninja"}).content.decode()
    assert 'href="/frameworks/wombat-ninja/"' in ninja and 'href="/frameworks/quokka/"' not in ninja
    websockets = client.get("/search/", {"q": "websockets"}).content.decode()
    assert 'href="/features/websockets/"' in websockets
    versus = client.get("/search/", {"q": "Wombat vs Quokka"}).content.decode()
    assert 'href="/compare/quokka-vs-wombat/"' in versus
    assert 'href="/frameworks/quokka/"' in client.get("/search/", {"q": "qoukka"}).content.decode()
    assert 'action="/search/"' in client.get("/").content.decode()  # the box is in every page's header


def test_filter_by_text_and_license_and_use_case(client, own_catalog):
    make_framework(slug="alpha", license="Apache-2.0", fits={"cms": "ideal"})
    make_framework(slug="bravo-ninja", license="MIT", fits={"cms": "good"})
    make_framework(slug="charlie", license="Apache-2.0", fits={"cms": "poor"}, built_on="Werkzeug")
    make_framework(slug="delta", license="BSD-3-Clause")
    assert slugs(client.get("/frameworks/", {"q": "ninja"}).context["frameworks"]) == ["bravo-ninja"]
    assert slugs(client.get("/frameworks/", {"q": "werkzeug"}).context["frameworks"]) == ["charlie"]
    licensed = client.get("/frameworks/", {"license": "Apache-2.0"}).context["frameworks"]
    assert slugs(licensed) == ["alpha", "charlie"]
    cms = client.get("/frameworks/", {"use_case": "cms"}).context["frameworks"]
    assert slugs(cms) == ["alpha", "bravo-ninja"]


def test_unknown_filter_value_shows_the_form_error_with_400(client):
    response = client.get("/frameworks/", {"feature": "telepathy"})
    assert response.status_code == 400
    assert "telepathy is not one of the available choices" in response.content.decode()


def test_framework_page_links_every_fact_to_its_source_and_date(client, own_catalog):
    levels = {"async": "yes", "orm": "plugin", "admin": "partial", "websockets": "third-party", "graphql": "unknown"}
    framework = make_framework(slug="quokka", levels=levels)
    supports = list(Support.objects.filter(framework=framework).select_related("feature"))
    for day, support in enumerate(supports):  # a date of its own for every cell
        support.checked_on = datetime.date(2026, 1, 1) + datetime.timedelta(days=day)
        support.save()
    html = client.get("/frameworks/quokka/").content.decode()
    assert {s.level for s in supports} == {"yes", "plugin", "partial", "third-party", "no", "unknown"}
    for support in supports:
        assert support.source_url in html
        assert support.checked_on.strftime("%Y-%m-%d") in html
        # each cell's level is shown as its word, in the cell's own class, not by colour alone
        assert f'class="level level-{support.level}"' in html
        assert support.get_level_display() in html


def test_framework_page_groups_support_by_category_and_shows_fits(client, own_catalog):
    make_framework(slug="quokka", fits={"full-stack": "ideal", "ml-serving": "poor"})
    html = client.get("/frameworks/quokka/").content.decode()
    for category in FeatureCategory.objects.all():
        assert category.name in html, category.slug
    full_stack = UseCase.objects.get(slug="full-stack").name
    assert f'href="/use-cases/full-stack/">{full_stack}</a>: <span class="fit fit-ideal">' in html
    assert 'href="/use-cases/ml-serving/"' in html and 'class="fit fit-poor"' in html
    assert 'href="/use-cases/cms/"' not in html  # no fit on record, nothing shown


def test_feature_page_lists_every_framework_with_level_as_icon_and_word(client, own_catalog):
    make_framework(slug="alpha", levels={"admin": "no"})
    make_framework(slug="zulu", levels={"admin": "yes"})
    make_framework(slug="mike", levels={"admin": "partial"})
    make_framework(slug="bravo", levels={"admin": "yes"})
    response = client.get("/features/admin/")
    html = response.content.decode()
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [(r.framework.slug, r.fact.level) for r in rows] == [
        ("bravo", "yes"),
        ("zulu", "yes"),
        ("mike", "partial"),
        ("alpha", "no"),
    ]  # strongest first, then by name
    assert 'class="level level-yes"' in html and "Built in" in html


def test_use_case_page_groups_frameworks_by_fit(client, own_catalog):
    make_framework(slug="ideal-one", fits={"rest-api": "ideal"})
    make_framework(slug="good-one", fits={"rest-api": "good"})
    make_framework(slug="poor-one", fits={"rest-api": "poor"})
    make_framework(slug="unrated", fits={"cms": "ideal"})
    response = client.get("/use-cases/rest-api/")
    groups = [(g.fit, [framework.slug for framework, _ in g.rows]) for g in response.context["groups"]]
    assert groups == [("ideal", ["ideal-one"]), ("good", ["good-one"]), ("poor", ["poor-one"])]


@pytest.mark.parametrize(
    ("path", "suggested"),
    [("/frameworks/quokkaa/", "quokka"), ("/features/websocket/", "websockets"), ("/use-cases/rest/", "rest-api")],
)
def test_unknown_slug_gets_404_with_closest_suggestions(client, own_catalog, path, suggested):
    make_framework(slug="quokka", name="Quokka")
    response = client.get(path)
    assert response.status_code == 404
    assert f"<code>{suggested}</code>" in response.content.decode()


def test_draft_framework_page_is_not_public(client):
    make_framework(slug="hidden-one", status="draft")
    assert client.get("/frameworks/hidden-one/").status_code == 404


def test_healthz_reports_database_and_cache(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


# Cold cache: the revision (read once per request) + 9 snapshot reads, one per table (coding tasks
# too: the snapshot carries the open-data document).
COLD_PAGE_QUERIES = 10


@pytest.mark.parametrize("url", ["/frameworks/", "/frameworks/measured/", "/features/orm/", "/use-cases/cms/", "/"])
def test_page_queries_are_few_and_do_not_grow_with_the_catalog(client, django_assert_max_num_queries, url):
    # On the seed's catalog, whatever its size, plus a framework of our own with every kind of fact.
    measured = make_framework(slug="measured", levels={"orm": "yes"}, fits={"cms": "ideal"}, ecosystem=100)
    make_sample(measured)
    with django_assert_max_num_queries(COLD_PAGE_QUERIES):
        client.get(url)
    for n in range(5):
        make_sample(make_framework(slug=f"extra-{n}", levels={"orm": "yes"}, fits={"cms": "good"}))
    with django_assert_max_num_queries(COLD_PAGE_QUERIES):
        response = client.get(url)
    assert response.status_code == 200
    # once cached by revision, a page costs a single query
    with django_assert_max_num_queries(1):
        client.get(url)


def test_edit_is_visible_at_once_despite_cache(client):
    framework = make_framework(slug="quokka")
    assert "Changed tagline for test" not in client.get("/frameworks/quokka/").content.decode()
    framework.tagline = "Changed tagline for test"
    framework.save()
    assert "Changed tagline for test" in client.get("/frameworks/quokka/").content.decode()


def test_feature_index_lists_every_feature_by_category_with_counts(client, own_catalog):
    for level in ("yes", "plugin", "partial", "third-party", "no"):
        make_framework(slug=f"admin-{level}", levels={"admin": level})
    make_framework(slug="admin-draft", levels={"admin": "yes"}, status="draft")
    response = client.get("/features/")
    html = response.content.decode()
    for feature in Feature.objects.select_related("category"):
        assert f'href="/features/{feature.slug}/"' in html and feature.category.name in html
    counts = {row.feature.slug: row for group in response.context["categories"] for row in group.features}
    assert (counts["admin"].built_in, counts["admin"].partial) == (2, 1)  # yes and plugin; partial
    assert (counts["orm"].built_in, counts["orm"].partial) == (0, 0)


def test_use_case_index_lists_every_use_case_with_the_frameworks_that_fit(client, own_catalog):
    make_framework(slug="alpha", fits={"cms": "ideal"})
    make_framework(slug="bravo", fits={"cms": "good", "rest-api": "ideal"})
    make_framework(slug="charlie", fits={"cms": "poor"})
    response = client.get("/use-cases/")
    html = response.content.decode()
    for use_case in UseCase.objects.all():
        assert f'href="/use-cases/{use_case.slug}/"' in html
    rows = {row.use_case.slug: row for row in response.context["use_cases"]}
    assert (slugs(rows["cms"].ideal), slugs(rows["cms"].good)) == (["alpha"], ["bravo"])
    assert (slugs(rows["rest-api"].ideal), slugs(rows["rest-api"].good)) == (["bravo"], [])
    assert 'href="/frameworks/alpha/"' in html and 'href="/frameworks/charlie/"' not in html
    assert 'href="/features/"' in html and 'href="/use-cases/"' in html  # in the navigation


def test_samples_page_shows_every_frameworks_code_version_server_and_run_status(client, own_catalog):
    make_sample(make_framework(slug="zulu", name="Zulu", latest_version="2.0"), server="Gunicorn")
    make_sample(make_framework(slug="alpha", name="Alpha", latest_version="1.4"), run_ok=None)
    make_framework(slug="mike", name="Mike")  # no sample for this task
    response = client.get("/samples/create-user/")
    assert response.status_code == 200
    html = response.content.decode()
    assert [framework.slug for framework, _ in response.context["samples"]] == ["alpha", "zulu"]
    assert slugs(response.context["missing"]) == ["mike"]
    assert 'id="sample-zulu"' in html and 'id="sample-alpha"' in html and 'id="sample-mike"' not in html
    assert "Runs</span> with Zulu 2.0 under Gunicorn" in html
    assert "Not run yet (Alpha 1.4)" in html
    assert 'class="highlight"' in html and "Zulu answers the task" in html
    assert client.get("/samples/telepathy/").status_code == 404


def test_a_failed_run_is_shown_as_failed_with_the_answer_it_got(client, own_catalog):
    sample = make_sample(make_framework(slug="quokka"), task="hello-json")
    assert "Failed its check" not in client.get("/samples/hello-json/").content.decode()
    sample.run_ok = False
    sample.run_detail = "got 500 text/html <h1>Critical error</h1>"
    sample.save()
    html = client.get("/samples/hello-json/").content.decode()
    assert "Failed its check" in html and "got 500 text/html" in html
    assert "<h1>Critical error" not in html  # the answer is shown as text, not as markup


@time_machine.travel(datetime.date(2026, 12, 1))  # the form refuses a checked-on date in the future
def test_feed_lists_a_level_change_made_through_the_admin_with_the_editors_note(admin_client, client, own_catalog):
    make_framework(slug="quokka", name="Quokka", levels={"admin": "third-party"})
    make_framework(slug="wombat", name="Wombat", levels={"admin": "third-party"})
    support = Support.objects.select_related("feature").get(framework__slug="quokka", feature__slug="admin")
    form = {
        "framework": support.framework_id, "feature": support.feature_id, "level": "plugin",
        "note": "Quokka-Admin moved into the Quokka organisation.", "since_version": "",
        "source_url": support.source_url, "checked_on": support.checked_on.isoformat(), "confidence": "high",
        "seen_updated_at": support.updated_at.isoformat(),
    }  # fmt: skip
    assert admin_client.post(f"/admin/frameworks/support/{support.pk}/change/", form).status_code == 302
    change = f"Quokka · {support.feature.name}: Third-party → Official plugin"
    for url in ("/feeds/changes/", "/feeds/frameworks/quokka/"):
        response = client.get(url)
        assert response["Content-Type"].startswith("application/atom+xml")
        body = response.content.decode()
        assert change in body, url
        assert "Quokka-Admin moved into the Quokka organisation." in body
    assert support.feature.name not in client.get("/feeds/frameworks/wombat/").content.decode()
    assert client.get("/feeds/frameworks/telepathy/").status_code == 404
    html = client.get("/frameworks/quokka/").content.decode()
    assert 'rel="alternate" type="application/atom+xml"' in html and "/feeds/frameworks/quokka/" in html


def test_benchmarks_page_shows_ratios_with_spread_method_and_raw_data(client, tmp_path, monkeypatch):
    from frameworks.catalog import benchmarks

    results = tmp_path / "bench-results.json"
    results.write_text(
        json.dumps(
            {
                "date": "2026-12-01T10:00:00+00:00",
                "method": {"load_generator": "wrk", "version": "4.1.0", "connections": 16, "seconds": 5, "rounds": 3},
                "machine": {"cores": 2, "cpu model": "Test CPU", "python": "3.12.1"},
                "results": [
                    {"framework": "alpha", "framework_name": "Alpha", "timed": True, "ratio_median": 0.5, "ratio_min": 0.4,
                     "ratio_max": 0.6, "rps_median": 1000, "server": "Uvicorn", "basis": "ASGI on Uvicorn"},
                    {"framework": "beta", "framework_name": "Beta", "timed": False, "reason": "failed its check: got 500"},
                ],
            }
        )
    )  # fmt: skip
    results.with_suffix(".csv").write_text("framework,ratio_median\nalpha,0.5\n")
    monkeypatch.setattr(benchmarks, "RESULTS", results)
    monkeypatch.setattr(benchmarks.load, "__defaults__", (results,))
    html = client.get("/benchmarks/").content.decode()
    assert '0.50 <span class="small">(0.40–0.60)</span>' in html
    assert "Not timed: failed its check: got 500" in html and "Test CPU" in html and "<svg" in html
    assert client.get("/benchmarks/results.csv").content.decode().startswith("framework,ratio_median")
