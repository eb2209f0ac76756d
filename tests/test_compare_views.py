import pytest

from frameworks.models import Support

from .factories import make_framework

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("/compare/flask-vs-django/", "/compare/django-vs-flask/"),
        ("/compare/Django-vs-Flask/", "/compare/django-vs-flask/"),
        ("/compare/django-vs-flask-vs-django/", "/compare/django-vs-flask/"),
        ("/compare/flask-vs-fastapi-vs-django/?diff=1", "/compare/django-vs-fastapi-vs-flask/?diff=1"),
    ],
)
def test_non_canonical_comparison_urls_redirect_permanently(client, path, target):
    response = client.get(path)
    assert response.status_code == 301
    assert response["Location"] == target


@pytest.mark.parametrize(
    "path",
    ["/compare/django/", "/compare/django-vs-django/", "/compare/aiohttp-vs-bottle-vs-django-vs-falcon-vs-flask/"],
)
def test_one_or_more_than_four_frameworks_get_400_with_the_picker(client, path):
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 400
    assert "cannot be shown" in html and 'name="frameworks"' in html


def test_unknown_slug_gets_404_with_suggested_comparison(client):
    response = client.get("/compare/django-vs-flaskk/")
    assert response.status_code == 404
    assert 'href="/compare/django-vs-flask/"' in response.content.decode()


def test_comparison_page_shows_every_cell_with_source_and_canonical_link(client, settings):
    settings.SITE_URL = "https://pickwise.example"
    response = client.get("/compare/django-vs-flask/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<link rel="canonical" href="https://pickwise.example/compare/django-vs-flask/">' in html
    for support in Support.objects.filter(framework__slug__in=["django", "flask"]):
        assert support.source_url in html


def test_comparison_page_shows_code_samples_highlighted_on_the_server(client):
    html = client.get("/compare/django-vs-fastapi-vs-flask/").content.decode()
    assert "The same task: create a user from json" in html
    assert 'class="highlight"' in html and "<span" in html
    assert "Given for free" in html


def test_only_differences_switch_hides_identical_rows(client):
    full = client.get("/compare/django-vs-flask/").context["comparison"]
    diff = client.get("/compare/django-vs-flask/", {"diff": "1"}).context["comparison"]
    all_rows = [row for section in full.sections for row in section.rows]
    shown = [row.feature.slug for section in diff.sections for row in section.rows]
    assert shown == [row.feature.slug for row in all_rows if row.differs]
    assert diff.hidden_rows == len(all_rows) - len(shown) > 0


def test_picker_redirects_to_canonical_url(client):
    response = client.get("/compare/", {"frameworks": ["flask", "django"]})
    assert response.status_code == 302
    assert response["Location"] == "/compare/django-vs-flask/"


def test_picker_with_one_choice_explains_with_400(client):
    response = client.get("/compare/", {"frameworks": ["flask"]})
    assert response.status_code == 400
    assert "at least two" in response.content.decode()


def test_api_matches_the_page(client):
    page = client.get("/compare/django-vs-flask/").context["comparison"]
    data = client.get("/api/v1/compare/", {"frameworks": "flask,django"}).json()
    assert [f["slug"] for f in data["frameworks"]] == ["django", "flask"]
    page_levels = [[c.level for c in row.cells] for s in page.sections for row in s.rows]
    api_levels = [[c["level"] for c in row["cells"]] for s in data["sections"] for row in s["rows"]]
    assert api_levels == page_levels
    assert data["url"] == "/compare/django-vs-flask/"  # relative: no SITE_URL is configured in tests


@pytest.mark.parametrize(
    ("query", "status", "key"),
    [
        ("flask", 400, "errors"),
        ("a,b,c,d,e", 400, "errors"),
        ("flask,djangoo", 404, "suggestions"),
        ("", 400, "errors"),
        ("django,django", 400, "errors"),  # as the OpenAPI description says: distinct slugs
        ("Django,flask", 400, "errors"),  # lowercase slugs only
        ("django, flask", 400, "errors"),
    ],
)
def test_api_rejects_bad_requests_clearly(client, query, status, key):
    response = client.get("/api/v1/compare/", {"frameworks": query})
    assert response.status_code == status
    assert key in response.json()


def test_comparison_queries_do_not_grow_with_features_or_frameworks(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        client.get("/compare/django-vs-fastapi-vs-flask/")
    for n in range(4):
        make_framework(slug=f"more-{n}")
    with django_assert_max_num_queries(10):
        assert client.get("/compare/django-vs-fastapi-vs-flask/").status_code == 200
    with django_assert_max_num_queries(1):  # whole page cached by revision
        client.get("/compare/django-vs-fastapi-vs-flask/")


def test_edit_shows_on_cached_comparison_at_once(client):
    client.get("/compare/django-vs-flask/")
    support = Support.objects.get(framework__slug="flask", feature__slug="orm")
    support.note = "Edited note visible immediately"
    support.save()
    assert "Edited note visible immediately" in client.get("/compare/django-vs-flask/").content.decode()


def test_comparison_shows_each_frameworks_measured_throughput_from_the_benchmark(client):
    html = client.get("/compare/django-vs-fastapi/").content.decode()
    assert "Measured throughput" in html and "× a bare ASGI app" in html and "× a bare WSGI app" in html
