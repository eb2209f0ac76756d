import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_fill_the_wizard_with_the_keyboard_and_read_the_results(seeded_live_server, page):
    page.goto(f"{seeded_live_server.url}/wizard/")
    page.get_by_label("REST / JSON API").focus()
    page.keyboard.press("Space")
    page.locator("#id_must_0").focus()  # first must-have checkbox
    must_label = page.locator("label[for=id_must_0]").inner_text().strip()
    page.keyboard.press("Space")
    page.get_by_label("Performance under concurrency").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Show my ranking").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/wizard/results/?**")

    assert page.get_by_role("heading", level=1).inner_text() == "Your ranking"
    assert "use_cases=rest-api" in page.url and "priority=performance" in page.url
    first = page.locator("li.result").first
    assert first.locator(".rank").inner_text() == "#1"
    assert "Score" in first.inner_text() and "/ 100" in first.inner_text()
    source_links = first.locator("ul.reasons a")
    assert source_links.count() > 0
    assert "." in source_links.first.inner_text()  # named by its site (docs.example.org), not "Source"
    assert must_label in page.locator(".answers-summary").inner_text()

    page.get_by_role("link", name="Edit your answers").click()
    assert page.get_by_label("REST / JSON API").is_checked()
