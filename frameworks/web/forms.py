"""Forms validate input only; choices come from the catalog so editors' additions appear at once."""

import copy

from django import forms
from django.utils.choices import BaseChoiceIterator

from ..domain import compare, recommend
from ..domain.snapshot import Snapshot
from ..domain.vocabulary import (
    DATABASES,
    DEFAULT_ANSWERS,
    EXPERIENCE,
    IMPORTANCE,
    INTERFACES,
    PRIORITIES,
    SORTS,
    STYLES,
    choices,
)
from ..models import FactReport, Feature, Framework


class CatalogFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=100)
    feature = forms.MultipleChoiceField(
        label="Has built in (or official plugin)", required=False, widget=forms.CheckboxSelectMultiple
    )
    use_case = forms.MultipleChoiceField(label="Good for", required=False, widget=forms.CheckboxSelectMultiple)
    interface = forms.ChoiceField(label="Server interface", required=False)
    license = forms.ChoiceField(label="License", required=False)
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=choices(SORTS),
    )

    def __init__(self, *args, snapshot: Snapshot, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["feature"].choices = [(f.slug, f.name) for f in snapshot.features]
        self.fields["use_case"].choices = [(u.slug, u.name) for u in snapshot.use_cases]
        self.fields["interface"].choices = [("", "Any"), *choices(INTERFACES)]
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


# The query parameters each GET form reads: the page cache keys on exactly these.
CATALOG_FILTER_PARAMS = ("feature", "use_case", "interface", "license", "sort")
WIZARD_QUESTIONS = ("use_cases", "must", "nice", "experience", "style", "database", "priority")
IMPORTANCE_PREFIX = "importance_"
IMPORTANCE_LABELS = {
    "use_cases": "the use cases",
    "must": "the must-haves",
    "nice": "the nice-to-haves",
    "experience": "experience",
    "style": "style",
    "database": "the database",
    "priority": "the priority",
}
WIZARD_PARAMS = WIZARD_QUESTIONS + tuple(IMPORTANCE_PREFIX + q for q in WIZARD_QUESTIONS)


class WizardForm(forms.Form):
    """The wizard's questions; choices come from the catalog, so new features and use cases appear at once."""

    use_cases = forms.MultipleChoiceField(
        label="What are you building?",
        help_text="Tick every use case that applies.",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    must = forms.MultipleChoiceField(
        label="Must have, built in",
        help_text="Frameworks without these rank below all that have them.",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    nice = forms.MultipleChoiceField(
        label="Nice to have",
        help_text="Each one adds to the score of frameworks that offer it.",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    experience = forms.ChoiceField(
        label="Your team's experience with Python web development",
        choices=choices(EXPERIENCE),
        initial=DEFAULT_ANSWERS["experience"],
        required=False,
        widget=forms.RadioSelect,
    )
    style = forms.ChoiceField(
        label="Preferred style",
        help_text="Batteries included gives you ORM, admin and auth; minimal lets you pick each piece.",
        choices=choices(STYLES),
        initial=DEFAULT_ANSWERS["style"],
        required=False,
        widget=forms.RadioSelect,
    )
    database = forms.ChoiceField(
        label="Database",
        choices=choices(DATABASES),
        initial=DEFAULT_ANSWERS["database"],
        required=False,
        widget=forms.RadioSelect,
    )
    priority = forms.ChoiceField(
        label="What matters most",
        choices=choices(PRIORITIES),
        initial=DEFAULT_ANSWERS["priority"],
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, snapshot: Snapshot, **kwargs):
        super().__init__(*args, **kwargs)
        for name, options in _catalog_options(snapshot).items():
            self.fields[name].choices = options

    def _dedupe(self, name):
        values = list(dict.fromkeys(self.cleaned_data[name]))
        if len(self.data.getlist(name) if hasattr(self.data, "getlist") else values) > 2 * len(
            self.fields[name].choices
        ):
            raise forms.ValidationError("Too many values: tick each option at most once.")
        return values

    def clean_use_cases(self):
        return self._dedupe("use_cases")

    def clean_must(self):
        return self._dedupe("must")

    def clean_nice(self):
        return self._dedupe("nice")

    def clean(self):
        data = super().clean()
        for name in DEFAULT_ANSWERS | {IMPORTANCE_PREFIX + q: "normal" for q in WIZARD_QUESTIONS}:
            if name in self.data and not self.data.get(name):
                # Sent but empty: say so, as the API description promises, rather than guess.
                self.add_error(name, "Choose one of the options, or leave the question out.")
            elif name in data and not data[name]:
                data[name] = self.fields[name].initial
        return data

    def answers(self) -> recommend.Answers:
        data = self.cleaned_data
        return recommend.Answers(
            use_cases=frozenset(data["use_cases"]),
            must=frozenset(data["must"]),
            nice=frozenset(data["nice"]),
            experience=data["experience"],
            style=data["style"],
            database=data["database"],
            priority=data["priority"],
            importance=tuple(
                (q, data[IMPORTANCE_PREFIX + q]) for q in WIZARD_QUESTIONS if data[IMPORTANCE_PREFIX + q] != "normal"
            ),
        )


# Fields the same on every wizard form, declared once: an importance per question, then "why not?"
# (whose options, the catalog's frameworks, come with the snapshot).
for _question in WIZARD_QUESTIONS:
    WizardForm.base_fields[IMPORTANCE_PREFIX + _question] = forms.ChoiceField(
        label=f"How much {IMPORTANCE_LABELS[_question]} matter",
        choices=choices(IMPORTANCE),
        initial="normal",
        required=False,
    )
# Not an answer: which framework the reader asked "why not?" about.
WizardForm.base_fields["why"] = forms.ChoiceField(label="Why not this framework?", required=False)


class _CopiedLightly(dict):
    """A form's fields, copied for each form without Django's deep copy (15 fields, choices and
    widgets: about a tenth of an uncached results request). Each form gets its own field and widget
    objects, which is all a form changes (choices, attrs); messages and validators are shared."""

    def __deepcopy__(self, memo):
        fields = {}
        for name, field in self.items():
            fields[name] = mine = copy.copy(field)
            mine.widget = copy.copy(field.widget)
            mine.widget.attrs = dict(field.widget.attrs)
        return fields


WizardForm.base_fields = _CopiedLightly(WizardForm.base_fields)


class SnapshotOptions(BaseChoiceIterator):
    """A form field's options as one catalog snapshot has them: made once per snapshot and shared by
    every form, never re-checked or copied (Django copies each field for each form it builds)."""

    def __init__(self, options):
        self.options = tuple(options)

    def __iter__(self):
        return iter(self.options)

    def __len__(self):
        return len(self.options)

    def __deepcopy__(self, memo):
        return self  # immutable


_options: tuple[Snapshot, dict[str, SnapshotOptions]] | None = None


def _catalog_options(snapshot: Snapshot) -> dict[str, SnapshotOptions]:
    global _options
    held = _options
    if held is None or held[0] is not snapshot:  # holding the snapshot keeps its id from being reused
        features = SnapshotOptions((f.slug, f.name) for f in snapshot.features)
        held = _options = (
            snapshot,
            {
                "use_cases": SnapshotOptions((u.slug, u.name) for u in snapshot.use_cases),
                "must": features,
                "nice": features,
                "why": SnapshotOptions([("", "—")] + [(f.slug, f.name) for f in snapshot.frameworks]),
            },
        )
    return held[1]


class FactReportForm(forms.ModelForm):
    framework = forms.ModelChoiceField(
        queryset=Framework.objects.published(), to_field_name="slug", required=False, empty_label="Not one framework"
    )
    feature = forms.ModelChoiceField(
        queryset=Feature.objects.all(), to_field_name="slug", required=False, empty_label="Not one feature"
    )
    # Left empty by people; bots that fill every field give themselves away.
    nickname = forms.CharField(required=False, label="Leave this empty")

    class Meta:
        model = FactReport
        fields = ["framework", "feature", "details", "suggested_source", "email"]
        widgets = {"details": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nickname"].widget.attrs.update(tabindex="-1", autocomplete="off")

    def clean_nickname(self):
        if self.cleaned_data["nickname"]:
            raise forms.ValidationError("Leave this field empty.")
        return ""
