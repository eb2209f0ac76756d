"""Forms validate input only; choices come from the catalog so editors' additions appear at once."""

from django import forms

from . import compare
from .models import Framework
from .snapshot import Snapshot


class CatalogFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=100)
    feature = forms.MultipleChoiceField(
        label="Has built in (or official plugin)", required=False, widget=forms.CheckboxSelectMultiple
    )
    use_case = forms.MultipleChoiceField(label="Good for", required=False, widget=forms.CheckboxSelectMultiple)
    interface = forms.ChoiceField(label="Server interface", required=False)
    license = forms.ChoiceField(label="License", required=False)

    def __init__(self, *args, snapshot: Snapshot, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["feature"].choices = [(f.slug, f.name) for f in snapshot.features]
        self.fields["use_case"].choices = [(u.slug, u.name) for u in snapshot.use_cases]
        self.fields["interface"].choices = [("", "Any")] + list(Framework.Interface.choices)
        licenses = sorted({f.license for f in snapshot.frameworks})
        self.fields["license"].choices = [("", "Any")] + [(name, name) for name in licenses]


class CompareForm(forms.Form):
    frameworks = forms.MultipleChoiceField(
        label="Frameworks to compare",
        help_text="Pick two to four.",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Pick at least two frameworks."},
    )

    def __init__(self, *args, snapshot: Snapshot, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["frameworks"].choices = [(f.slug, f.name) for f in snapshot.frameworks]

    def clean_frameworks(self):
        chosen = self.cleaned_data["frameworks"]
        problem = compare.count_problem(chosen)
        if problem:
            raise forms.ValidationError(problem)
        return chosen
