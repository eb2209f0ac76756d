import datetime

import pytest
import time_machine

from frameworks.domain.maintenance import maintenance

TODAY = datetime.date(2026, 11, 25)


@pytest.mark.parametrize(
    ("days_ago", "status"),
    [(0, "active"), (365, "active"), (366, "slowing"), (730, "slowing"), (731, "inactive"), (4000, "inactive")],
)
def test_maintenance_rule_at_its_boundaries(days_ago, status):
    result = maintenance(latest_release=TODAY - datetime.timedelta(days=days_ago), archived=False, today=TODAY)
    assert result.status == status
    assert result.computed_on == TODAY


def test_archived_repository_is_inactive_whatever_the_release_date():
    assert maintenance(latest_release=TODAY, archived=True, today=TODAY).status == "inactive"


def test_missing_release_date_is_unknown_not_inactive():
    assert maintenance(latest_release=None, archived=False, today=TODAY).status == "unknown"


@pytest.mark.django_db
@time_machine.travel(datetime.date(2026, 12, 1), tick=False)
def test_pages_show_maintenance_as_word_with_computed_date(client, framework_factory):
    framework_factory(slug="old-one", latest_release_date=datetime.date(2020, 2, 1))
    for url in ("/frameworks/", "/frameworks/old-one/", "/compare/django-vs-old-one/"):
        html = client.get(url).content.decode()
        assert "maintenance-inactive" in html and "Inactive</span>" in html, url
        assert 'Computed <time datetime="2026-12-01">1 Dec 2026</time>' in html, url
