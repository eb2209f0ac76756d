"""Admin forms: refuse to overwrite a concurrent edit, sources off the allow-list, and publishing an
incomplete framework; the revert form is the same form with a reason added."""

from django import forms
from django.core.exceptions import ValidationError

from ..models import Framework, Status
from . import concurrency, publishing, sources
from .lint import FRAMEWORK_SOURCES

SEEN = "seen_updated_at"
REASON = "revert_reason"


class ConcurrencyGuardForm(forms.ModelForm):
    """Optimistic locking on `updated_at`: the form remembers the version it was opened on.

    When the row was saved by someone else in between, saving fails with a message naming who and
    when, and nothing is written. The check holds a row lock until the admin's saving transaction
    ends (concurrency.py), so two simultaneous saves cannot both pass it. `guard_unchanged` decides
    whether an untouched form is checked too: yes for a framework or a cell on its own page (the
    admin saves every field of it), no for inline rows (the admin does not save an untouched row).

    Sources are checked against the framework's allow-list as the catalog lint does.
    """

    guard_unchanged = True
    seen_updated_at = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields[SEEN].initial = self.instance.updated_at.isoformat()

    def clean(self):
        cleaned = super().clean()
        touched = [name for name in self.changed_data if name != SEEN]
        if self.instance.pk and (self.guard_unchanged or touched):
            self._refuse_a_concurrent_edit()
        if not self.instance.pk or self.guard_unchanged or touched:
            self._check_sources(cleaned)
        return cleaned

    def _refuse_a_concurrent_edit(self) -> None:
        seen = self.data.get(self.add_prefix(SEEN)) or ""
        current = concurrency.locked_updated_at(type(self.instance), self.instance.pk)
        if current is None:
            raise ValidationError("Someone deleted this row after you opened this page. Nothing was saved.")
        if not seen:
            raise ValidationError("This page did not say which version you edited. Nothing was saved: open it again.")
        if current.isoformat() != seen:
            raise ValidationError(concurrency.conflict_message(self.instance, current), code="conflict")

    def _check_sources(self, cleaned) -> None:
        if isinstance(self.instance, Framework):
            # The form has not copied its values onto the instance yet: read the submitted ones.
            name = cleaned.get("name", self.instance.name)
            domains = cleaned.get("source_domains", self.instance.source_domains)
            fields = FRAMEWORK_SOURCES
        else:
            framework = cleaned.get("framework") or getattr(self.instance, "framework", None)
            if framework is None:
                return
            name, domains, fields = framework.name, framework.source_domains, ("source_url",)
        for field in fields:
            if field in cleaned and field not in self.errors:
                reason = sources.refusal(cleaned[field], framework_name=name, source_domains=domains)
                if reason:
                    self.add_error(field, reason)


class FrameworkForm(ConcurrencyGuardForm):
    def clean_source_domains(self):
        value = self.cleaned_data["source_domains"]
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(entry, str) and entry.strip() for entry in value):
            raise ValidationError(
                'Give a list of hosts, each optionally with a path: ["flask.palletsprojects.com", "github.com/pallets/flask"].'
            )
        return value


class InlineConcurrencyGuardForm(ConcurrencyGuardForm):
    guard_unchanged = False


class SupportInlineFormSet(forms.BaseInlineFormSet):
    """A published framework keeps a Support cell for every feature (the admin has applied the
    submitted status to `self.instance` before the inlines are validated)."""

    def clean(self):
        super().clean()
        if self.instance.status != Status.PUBLISHED:
            return
        covered = [
            form.cleaned_data["feature"].slug
            for form in self.forms
            if form.cleaned_data.get("feature") and not form.cleaned_data.get("DELETE")
        ]
        reason = publishing.refusal(self.instance, covered)
        if reason:
            raise ValidationError(reason, code="incomplete")


def revert_form(base: type[forms.ModelForm]) -> type[forms.ModelForm]:
    """The admin's form for a row (same fields, same validation, same edit guard), plus the reason.

    It is bound to the current row, with the old version's values as the initial data, so the guard
    compares against the row as it is now, and fields the editor may not change (status for an
    Editor) keep their current values. Without inlines, a framework's cells are the ones saved.
    """

    class RevertForm(base):
        revert_reason = forms.CharField(
            label="Why revert?",
            max_length=60,
            help_text="Recorded in the history next to your name, e.g. “the new source does not say this”.",
        )

        def clean(self):
            cleaned = super().clean()
            if isinstance(self.instance, Framework) and cleaned.get("status", self.instance.status) == Status.PUBLISHED:
                covered = self.instance.supports.values_list("feature__slug", flat=True)
                reason = publishing.refusal(self.instance, covered)
                if reason:
                    raise ValidationError(reason, code="incomplete")
            return cleaned

    RevertForm.__name__ = f"Revert{base.__name__}"
    return RevertForm
