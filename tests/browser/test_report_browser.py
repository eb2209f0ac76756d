import pytest

from frameworks.models import FactReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_report_a_wrong_fact_with_the_keyboard_and_no_javascript(seeded_live_server, page_without_js):
    page = page_without_js
    page.goto(f"{seeded_live_server.url}/frameworks/flask/")
    page.get_by_role("link", name="Report a wrong fact about Flask").click()
    assert page.get_by_label("Framework", exact=True).input_value() == "flask"  # prefilled from the page

    page.get_by_label("What is wrong").fill("The async note is out of date.")
    page.get_by_label("Suggested source").fill("http://flask.palletsprojects.com/")
    page.get_by_role("button", name="Send the report").focus()
    with page.expect_navigation():  # a plain form post: wait for the answer page, not the old one
        page.keyboard.press("Enter")
    assert page.get_by_role("alert").get_by_text("The report was not sent").is_visible()
    assert page.get_by_label("What is wrong").input_value() == "The async note is out of date."  # nothing lost
    assert not FactReport.objects.exists()

    page.get_by_label("Suggested source").fill("https://flask.palletsprojects.com/en/stable/async-await/")
    page.get_by_role("button", name="Send the report").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/about/report/thanks/")
    assert FactReport.objects.get().framework.slug == "flask"
