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
    page.get_by_role("button", name="Show all rows").click()
    assert same_rows.first.is_visible()
