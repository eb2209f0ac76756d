"""Reverting a catalog row to an old version is an edit like any other.

The old version only proposes values: they fill the row's usual admin form, bound to the row as it
is now, and go through that form's validation, edit guard and permissions (admin_forms.revert_form).
So an Editor who reverts to a version that was published gets its content but not its status, and a
revert that would publish an incomplete framework is refused. What this module decides is what the
old version proposes, what that would change, and how the history records it.
"""

from dataclasses import dataclass

from django.forms.models import model_to_dict
from django.utils import timezone

from . import concurrency


@dataclass(frozen=True)
class Difference:
    label: str
    now: str
    then: str
    applies: bool  # False for a field this editor may not change (it keeps its current value)


def proposed_values(version, fields) -> dict:
    """The old version's values for `fields`, as initial data for the row's form."""
    return model_to_dict(version.instance, fields=list(fields))


def _shown(instance, field) -> str:
    value = getattr(instance, field.attname)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        related = getattr(instance, field.name)
        return "" if related is None else str(related)
    return "" if value is None else str(value)


def differences(current, version, *, editable) -> list[Difference]:
    """Every field where the old version differs from the row as it is now, in model order."""
    old = version.instance
    found = []
    for field in type(current)._meta.concrete_fields:
        if field.primary_key or field.name in ("created_at", "updated_at"):
            continue
        if getattr(current, field.attname) != getattr(old, field.attname):
            found.append(
                Difference(
                    label=str(field.verbose_name).capitalize(),
                    now=_shown(current, field),
                    then=_shown(old, field),
                    applies=field.name in editable,
                )
            )
    return found


def describe(version) -> str:
    """How a version is named on pages: its date and who saved it."""
    when = timezone.localtime(version.history_date).strftime("%-d %b %Y %H:%M")
    if version.history_user is None:
        return f"the version of {when}"
    return f"the version of {when} by {concurrency.display_name(version.history_user)}"


def history_reason(version, reason: str) -> str:
    """The history's change reason for a revert (the history column holds 100 characters)."""
    when = timezone.localtime(version.history_date).strftime("%Y-%m-%d %H:%M")
    return f"Revert to {when}: {reason}"[:100]
