"""The vocabulary is defined once (domain/vocabulary.py); every copy Django or a page keeps must agree."""

import pytest

from frameworks.api.openapi import spec
from frameworks.domain import vocabulary
from frameworks.models import Framework, Support, UseCaseFit
from frameworks.web.forms import WizardForm

from .factories import facts


@pytest.mark.parametrize(
    ("model", "field", "terms"),
    [
        (Support, "level", vocabulary.LEVELS),
        (Support, "confidence", vocabulary.CONFIDENCE),
        (UseCaseFit, "fit", vocabulary.FITS),
        (Framework, "interface", vocabulary.INTERFACES),
        (Framework, "learning_curve", vocabulary.LEARNING_CURVES),
        (Framework, "status", vocabulary.STATUSES),
    ],
)
def test_model_choices_are_the_vocabulary(model, field, terms):
    assert list(model._meta.get_field(field).choices) == vocabulary.choices(terms)


def test_wizard_form_and_openapi_offer_exactly_the_vocabulary_answers():
    from frameworks.domain.snapshot import Snapshot

    empty = Snapshot(1, (), (), ())
    form = WizardForm(snapshot=empty)
    SPEC = spec(empty)
    params = {p["name"]: p for p in SPEC["paths"]["/api/v1/recommend/"]["get"]["parameters"]}
    for name, terms in [
        ("experience", vocabulary.EXPERIENCE),
        ("style", vocabulary.STYLES),
        ("database", vocabulary.DATABASES),
        ("priority", vocabulary.PRIORITIES),
    ]:
        assert form.fields[name].choices == vocabulary.choices(terms)
        assert form.fields[name].initial == vocabulary.DEFAULT_ANSWERS[name]
        assert params[name]["schema"]["enum"] == list(vocabulary.slugs(terms))
    support = SPEC["components"]["schemas"]["Support"]["properties"]["level"]["enum"]
    assert support == list(vocabulary.LEVEL_SLUGS)


def test_every_level_and_fit_has_an_icon_and_a_meaning_so_no_page_shows_colour_alone():
    for term in vocabulary.LEVELS + vocabulary.FITS + vocabulary.MAINTENANCE:
        assert term.icon and term.meaning and term.label


@pytest.mark.parametrize(("weeks", "text"), [((1, 1), "1 week"), ((1, 3), "1–3 weeks"), ((2, 2), "2 weeks")])
def test_productivity_is_said_the_same_way_everywhere(weeks, text):
    assert facts("x", productivity_weeks=weeks).productivity_text == text


def test_each_wizard_form_has_its_own_fields_so_one_catalog_never_shows_in_another():
    from frameworks.domain.snapshot import Snapshot

    old = WizardForm(snapshot=Snapshot(1, (facts("quokka", name="Quokka"),), (), ()))
    new = WizardForm(snapshot=Snapshot(2, (facts("wombat", name="Wombat"),), (), ()))
    old.fields["style"].widget.attrs["class"] = "changed"
    assert [name for _, name in old.fields["why"].choices] == ["—", "Quokka"]
    assert [name for _, name in new.fields["why"].choices] == ["—", "Wombat"]
    assert "Wombat" in str(new["why"]) and "Quokka" not in str(new["why"])
    assert "changed" not in str(new["style"]) and "changed" not in str(WizardForm.base_fields["style"].widget.attrs)
