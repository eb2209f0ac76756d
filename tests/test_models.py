import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from frameworks.models import Feature, Framework, Support

from .factories import make_framework

pytestmark = pytest.mark.django_db


def _support(framework, **fields):
    values = {
        "framework": framework,
        "feature": Feature.objects.get(slug="orm"),
        "level": "yes",
        "source_url": "https://example.org/docs/orm/",
        "checked_on": datetime.date(2026, 1, 1),
    } | fields
    return Support(**values)


def _rejected(instance):
    with pytest.raises(IntegrityError), transaction.atomic():
        instance.save()


def test_second_support_row_for_same_framework_and_feature_is_rejected():
    framework = make_framework()
    _rejected(_support(framework))  # make_framework already created the orm row


def test_support_with_unknown_level_is_rejected():
    framework = make_framework()
    Support.objects.filter(framework=framework, feature__slug="orm").delete()
    _rejected(_support(framework, level="maybe"))


def test_partial_support_without_note_is_rejected():
    framework = make_framework()
    Support.objects.filter(framework=framework, feature__slug="orm").delete()
    _rejected(_support(framework, level="partial", note=""))


def test_support_with_plain_http_source_is_rejected():
    framework = make_framework()
    Support.objects.filter(framework=framework, feature__slug="orm").delete()
    _rejected(_support(framework, source_url="http://example.org/docs/"))


def test_productivity_minimum_above_maximum_is_rejected():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_framework(productivity_min_weeks=5, productivity_max_weeks=2)


def test_slug_containing_vs_is_rejected_by_database_and_explained_to_editor():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_framework(slug="django-vs-flask")
    framework = Framework(slug="a-vs-b")
    with pytest.raises(ValidationError) as excinfo:
        framework.full_clean()
    assert "-vs-" in str(excinfo.value.message_dict["slug"])


def test_partial_without_note_is_explained_to_editor():
    framework = make_framework()
    support = _support(framework, level="partial", note="")
    with pytest.raises(ValidationError) as excinfo:
        support.clean()
    assert "needs a note" in excinfo.value.message_dict["note"][0]


def test_checked_on_in_the_future_is_explained_to_editor():
    framework = make_framework()
    Support.objects.filter(framework=framework, feature__slug="orm").delete()
    support = _support(framework, checked_on=datetime.date.today() + datetime.timedelta(days=3))
    with pytest.raises(ValidationError) as excinfo:
        support.full_clean()
    assert "future" in excinfo.value.message_dict["checked_on"][0]


def test_published_queryset_hides_drafts():
    draft = make_framework(status="draft")
    published = make_framework(status="published")
    assert draft not in Framework.objects.published()
    assert published in Framework.objects.published()
