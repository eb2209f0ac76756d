import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_picker_with_keyboard_then_toggle_differences_with_javascript(seeded_live_server, page):
    page.goto(f"{seeded_live_server.url}/compare/")
    page.get_by_label("Flask", exact=True).focus()
    page.keyboard.press("Space")
    page.get_by_label("Django", exact=True).focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Compare").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/compare/django-vs-flask/")
    assert page.get_by_role("heading", level=1).inner_text() == "Django vs Flask"

    same_rows = page.locator("tr.feature-row.same")
    assert same_rows.count() > 0 and same_rows.first.is_visible()
    toggle = page.get_by_role("button", name="Show only differences")
    toggle.focus()
    page.keyboard.press("Enter")
    assert not same_rows.first.is_visible()
    assert page.locator("tr.feature-row.differs").first.is_visible()
    assert page.url.endswith("/compare/django-vs-flask/?diff=1")  # the view stays shareable
    assert toggle.get_attribute("aria-pressed") == "true"  # the label stays; the state is announced
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "false"
    assert same_rows.first.is_visible()


def test_four_way_comparison_keeps_framework_names_in_view_at_the_last_row(seeded_live_server, page):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{seeded_live_server.url}/compare/django-vs-fastapi-vs-flask-vs-litestar/")
    scroller = page.locator(".compare-scroll")
    page.locator("#compare-table tr.feature-row").last.scroll_into_view_if_needed()
    header = page.locator("#compare-table thead th").nth(1)
    box, area = header.bounding_box(), scroller.bounding_box()
    assert area["y"] - 1 <= box["y"] <= area["y"] + area["height"]  # still inside the visible table area
    assert header.inner_text() == "Django"


def test_on_a_phone_no_page_scrolls_sideways_and_cards_show_every_level(seeded_live_server, page):
    page.set_viewport_size({"width": 375, "height": 800})
    for path in (
        "/",
        "/frameworks/",
        "/wizard/results/?use_cases=rest-api",
        "/compare/django-vs-fastapi-vs-flask-vs-litestar/",
    ):
        page.goto(f"{seeded_live_server.url}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
    card = page.locator("#compare-table tr.feature-row", has_text="ORM").first  # one card per feature
    assert card.is_visible()
    box = card.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375  # the whole card fits the screen
    for name in ("Django", "FastAPI", "Flask", "Litestar"):
        assert card.locator(".cell-framework", has_text=name).is_visible()
    assert card.locator(".level").count() == 4


def test_add_and_remove_on_the_comparison_page_land_on_canonical_urls(seeded_live_server, page_without_js):
    page = page_without_js
    page.goto(f"{seeded_live_server.url}/compare/flask-vs-fastapi/")  # redirected to the canonical order
    assert page.url.endswith("/compare/fastapi-vs-flask/")
    page.get_by_label("Add a framework").select_option("django")
    page.get_by_role("button", name="Add", exact=True).click()
    page.wait_for_url("**/compare/django-vs-fastapi-vs-flask/")
    page.get_by_role("link", name="Remove Flask").click()
    page.wait_for_url("**/compare/django-vs-fastapi/")
