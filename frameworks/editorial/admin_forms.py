"""Admin forms: refuse to overwrite a concurrent edit, and refuse to publish an incomplete framework."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from ..models import Status
from . import publishing

SEEN = "seen_updated_at"


class ConcurrencyGuardForm(forms.ModelForm):
    """Optimistic locking on `updated_at`: the form remembers the version it was opened on.

    When the row was saved by someone else in between, saving fails with a message naming who and
    when, and nothing is written. `guard_unchanged` decides whether an untouched form is checked too:
    yes for a framework (the admin saves every field of it on each save), no for inline rows (the
    admin does not save an untouched row, so it cannot overwrite anything).
    """

    guard_unchanged = True
    seen_updated_at = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields[SEEN].initial = self.instance.updated_at.isoformat()

    def clean(self):
        cleaned = super().clean()
        seen = self.data.get(self.add_prefix(SEEN)) if self.is_bound else None
        touched = [name for name in self.changed_data if name != SEEN]
        if self.instance.pk and seen and (self.guard_unchanged or touched):
            current = type(self.instance).objects.filter(pk=self.instance.pk).values_list("updated_at", flat=True)
            current = current.first()
            if current is not None and current.isoformat() != seen:
                raise ValidationError(self._conflict_message(current), code="conflict")
        return cleaned

    def _conflict_message(self, changed_at) -> str:
        latest = self.instance.history.first()
        who = getattr(latest, "history_user", None) or "another editor"
        when = timezone.localtime(changed_at).strftime("%-d %b %Y %H:%M:%S")
        return (
            f"{self.instance} was changed by {who} at {when}, after you opened this page. "
            "Nothing was saved: open the page again to see their changes, then make yours."
        )


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
