"""The catalog: frameworks, features, the support facts between them, use cases and code samples.

Every fact an editor enters carries a source URL and the date it was checked. Database constraints
hold what must always be true; `clean()` methods explain to an editor what they got wrong.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from ..domain import vocabulary

slug_validator = RegexValidator(
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
    "Use lowercase letters, digits and single hyphens, e.g. django-ninja.",
)
# Its own code: a model field would replace the message of a validator whose code is "invalid".
https_validator = RegexValidator(r"^https://\S+$", "Give a public https:// URL.", code="not_https")
NO_VS = ~Q(slug__contains="-vs-")


def validate_no_vs(value: str) -> None:
    # Comparison URLs join slugs with "-vs-", so a slug containing it would be ambiguous.
    if "-vs-" in value:
        raise ValidationError("A slug may not contain “-vs-”: comparison URLs use it as a separator.")


def validate_not_future(value) -> None:
    if value and value > timezone.localdate():
        raise ValidationError("The checked-on date cannot be in the future.")


def slug_field(help_text: str) -> models.SlugField:
    return models.SlugField(
        max_length=60, unique=True, validators=[slug_validator, validate_no_vs], help_text=help_text
    )


def source_field(help_text: str = "Official docs or the project's own repository (https).") -> models.URLField:
    return models.URLField(max_length=500, validators=[https_validator], help_text=help_text)


def checked_on_field() -> models.DateField:
    return models.DateField(
        validators=[validate_not_future], help_text="The date someone last read the source and confirmed the fact."
    )


def text_choices(name: str, terms: tuple[vocabulary.Term, ...]) -> type[models.TextChoices]:
    """Django choices built from the one vocabulary (domain/vocabulary.py), so the two cannot drift."""
    return models.TextChoices(name, [(t.slug.upper().replace("-", "_"), (t.slug, t.label)) for t in terms])


Status = text_choices("Status", vocabulary.STATUSES)
Interface = text_choices("Interface", vocabulary.INTERFACES)
LearningCurve = text_choices("LearningCurve", vocabulary.LEARNING_CURVES)
Level = text_choices("Level", vocabulary.LEVELS)
Confidence = text_choices("Confidence", vocabulary.CONFIDENCE)
Fit = text_choices("Fit", vocabulary.FITS)
LEVELS_NEEDING_NOTE = vocabulary.LEVELS_NEEDING_NOTE


class Timestamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class CatalogRevision(models.Model):
    """A single row whose number changes on every catalog edit; caches key on it."""

    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="catalog_revision_singleton")]

    def __str__(self):
        return f"Catalog revision {self.number}"


class FrameworkQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Framework.Status.PUBLISHED)


class Framework(Timestamped):
    Status = Status
    Interface = Interface
    LearningCurve = LearningCurve

    slug = slug_field("Lowercase with hyphens, used in URLs, e.g. django-ninja for /frameworks/django-ninja/.")
    name = models.CharField(max_length=80, help_text="The project's own spelling, e.g. FastAPI.")
    tagline = models.CharField(max_length=140, help_text="One line in our words: what it is and for whom.")
    summary = models.TextField(help_text="Two to four sentences in our words.")
    website = models.URLField(help_text="Project home page.")
    repository = models.URLField(help_text="Source repository, e.g. https://github.com/pallets/flask.")
    docs_url = models.URLField("docs URL", help_text="Official documentation.")
    pypi_name = models.CharField("PyPI name", max_length=100, help_text="Distribution name on PyPI.")
    license = models.CharField(max_length=80, help_text="SPDX identifier, e.g. BSD-3-Clause.")
    first_release = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1990), MaxValueValidator(2100)], help_text="Year of the first public release."
    )
    latest_version = models.CharField(max_length=40, help_text="Latest stable release, e.g. 6.1.3.")
    latest_release_date = models.DateField(help_text="Date of the latest stable release.")
    release_source = source_field("Where the latest version and date were read (PyPI or the changelog).")
    interface = models.CharField(max_length=12, choices=Interface, help_text="How it is served.")
    built_on = models.CharField(max_length=300, help_text="Main libraries it is built on.")
    facts_source = source_field("Source of the license, interface and built-on facts.")
    archived = models.BooleanField(default=False, help_text="The repository is archived (read-only).")
    learning_curve = models.CharField(max_length=10, choices=LearningCurve)
    productivity_min_weeks = models.PositiveSmallIntegerField(help_text="Weeks until productive, at best.")
    productivity_max_weeks = models.PositiveSmallIntegerField(help_text="Weeks until productive, typically.")
    learning_note = models.TextField(help_text="What the learning curve and weeks are based on.")
    learning_source = source_field("The tutorial or page the learning estimate rests on.")
    checked_on = checked_on_field()
    ecosystem_packages = models.PositiveIntegerField(
        null=True, blank=True, help_text="How many packages are built for it (see the measure below)."
    )
    ecosystem_measure = models.CharField(
        max_length=300, blank=True, help_text="What was counted, e.g. PyPI projects named flask-… that depend on Flask."
    )
    ecosystem_estimated = models.BooleanField(
        default=False, help_text="Counted on a random sample of the candidates and scaled up."
    )
    ecosystem_source = models.URLField(max_length=500, blank=True, help_text="Where the count can be checked.")
    ecosystem_checked_on = models.DateField(
        null=True, blank=True, validators=[validate_not_future], help_text="When the count was taken."
    )
    source_domains = models.JSONField(
        default=list, blank=True, help_text="Hosts and path prefixes accepted as sources for this framework."
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)

    history = HistoricalRecords()
    objects = FrameworkQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        permissions = [("publish_framework", "Can publish and unpublish frameworks")]
        constraints = [
            models.CheckConstraint(condition=NO_VS, name="framework_slug_without_vs"),
            models.CheckConstraint(
                condition=Q(productivity_min_weeks__gte=1)
                & Q(productivity_min_weeks__lte=models.F("productivity_max_weeks")),
                name="framework_productivity_min_le_max",
            ),
            models.CheckConstraint(condition=Q(status__in=Status.values), name="framework_status_valid"),
            models.CheckConstraint(condition=Q(interface__in=Interface.values), name="framework_interface_valid"),
            models.CheckConstraint(
                condition=Q(learning_curve__in=LearningCurve.values), name="framework_learning_curve_valid"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("frameworks:framework_detail", args=[self.slug])

    def clean(self):
        if (
            self.productivity_min_weeks is not None
            and self.productivity_max_weeks is not None
            and self.productivity_min_weeks > self.productivity_max_weeks
        ):
            raise ValidationError(
                {"productivity_max_weeks": "The typical number of weeks must be at least the minimum."}
            )


class FeatureCategory(Timestamped):
    slug = slug_field("Lowercase with hyphens.")
    name = models.CharField(max_length=80)
    description = models.TextField(blank=True, help_text="Optional: what the features in it have in common.")
    order = models.PositiveSmallIntegerField(default=0, help_text="Position on pages, lowest first.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "feature categories"
        constraints = [models.CheckConstraint(condition=NO_VS, name="category_slug_without_vs")]

    def __str__(self):
        return self.name


class Feature(Timestamped):
    slug = slug_field("Lowercase with hyphens, used in URLs and wizard answers.")
    name = models.CharField(max_length=80)
    description = models.TextField(help_text="What “built in” means for this feature, so every cell is judged alike.")
    category = models.ForeignKey(FeatureCategory, on_delete=models.PROTECT, related_name="features")
    order = models.PositiveSmallIntegerField(default=0, help_text="Position within its category, lowest first.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["category__order", "order", "name"]
        constraints = [models.CheckConstraint(condition=NO_VS, name="feature_slug_without_vs")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("frameworks:feature_detail", args=[self.slug])


class Support(Timestamped):
    """How one framework supports one feature, with its source."""

    Level = Level
    Confidence = Confidence

    NOTE_REQUIRED = LEVELS_NEEDING_NOTE

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="supports")
    feature = models.ForeignKey(Feature, on_delete=models.CASCADE, related_name="supports")
    level = models.CharField(max_length=12, choices=Level)
    note = models.TextField(
        blank=True,
        help_text="Required for plugin, partial and third-party: what is missing, or which package provides it.",
    )
    since_version = models.CharField(
        max_length=40, blank=True, help_text="Optional: the version since which this level holds, e.g. 3.1."
    )
    source_url = source_field()
    checked_on = checked_on_field()
    confidence = models.CharField(max_length=8, choices=Confidence, default=Confidence.HIGH)

    history = HistoricalRecords()

    class Meta:
        ordering = ["framework__name", "feature__category__order", "feature__order"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "feature"], name="support_one_per_framework_feature"),
            models.CheckConstraint(condition=Q(level__in=Level.values), name="support_level_valid"),
            models.CheckConstraint(condition=Q(confidence__in=Confidence.values), name="support_confidence_valid"),
            models.CheckConstraint(condition=Q(source_url__startswith="https://"), name="support_source_https"),
            models.CheckConstraint(
                condition=~Q(level__in=LEVELS_NEEDING_NOTE) | ~Q(note=""), name="support_note_required_for_level"
            ),
        ]

    def __str__(self):
        return f"{self.framework} × {self.feature}: {self.get_level_display()}"

    def clean(self):
        if self.level in self.NOTE_REQUIRED and not self.note.strip():
            raise ValidationError(
                {
                    "note": f"“{self.Level(self.level).label}” needs a note: say what is missing or which package provides it."
                }
            )


class UseCase(Timestamped):
    slug = slug_field("Lowercase with hyphens, used in URLs and wizard answers.")
    name = models.CharField(max_length=80)
    description = models.TextField(help_text="What people build in this use case, in one sentence.")
    order = models.PositiveSmallIntegerField(default=0, help_text="Position in lists, lowest first.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        constraints = [models.CheckConstraint(condition=NO_VS, name="use_case_slug_without_vs")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("frameworks:use_case_detail", args=[self.slug])


class UseCaseFit(Timestamped):
    Fit = Fit

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="fits")
    use_case = models.ForeignKey(UseCase, on_delete=models.CASCADE, related_name="fits")
    fit = models.CharField(max_length=6, choices=Fit)
    note = models.TextField(help_text="Why it fits (or does not), in our words.")
    source_url = source_field("A page that backs the reasoning (official docs or repository).")
    checked_on = checked_on_field()

    history = HistoricalRecords()

    class Meta:
        ordering = ["use_case__order", "framework__name"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "use_case"], name="fit_one_per_framework_use_case"),
            models.CheckConstraint(condition=Q(fit__in=Fit.values), name="fit_value_valid"),
            models.CheckConstraint(condition=~Q(note=""), name="fit_note_required"),
            models.CheckConstraint(condition=Q(source_url__startswith="https://"), name="fit_source_https"),
        ]

    def __str__(self):
        return f"{self.framework} for {self.use_case}: {self.get_fit_display()}"


class CodingTask(Timestamped):
    """The same task implemented in every framework, so samples compare like with like."""

    slug = slug_field("Lowercase with hyphens.")
    title = models.CharField(max_length=120)
    description = models.TextField(help_text="What every sample must do, precisely.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title


class CodeSample(Timestamped):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="code_samples")
    task = models.ForeignKey(CodingTask, on_delete=models.CASCADE, related_name="samples")
    code = models.TextField(help_text="Complete, runnable Python.")
    gives = models.TextField(help_text="What the framework gives for free in this sample.")
    source_url = source_field("The docs page the approach follows.")
    version = models.CharField(max_length=40, help_text="Framework version the sample was written and run against.")
    checked_on = checked_on_field()
    path = models.CharField(
        max_length=200, blank=True, help_text="Where the sample lives, e.g. samples/create-user/flask."
    )
    server = models.CharField(max_length=80, blank=True, help_text="The server the sample runs under, e.g. Uvicorn.")
    server_version = models.CharField(max_length=40, blank=True)
    run_ok = models.BooleanField(null=True, blank=True, help_text="Did the last `make samples` run pass its checks?")
    run_detail = models.TextField(blank=True, help_text="What the sample answered in the last run.")
    run_seconds = models.FloatField(null=True, blank=True)
    run_checked_on = models.DateField(null=True, blank=True, help_text="Date of the last run.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["task__title", "framework__name"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "task"], name="sample_one_per_framework_task"),
            models.CheckConstraint(condition=Q(source_url__startswith="https://"), name="sample_source_https"),
        ]

    def __str__(self):
        return f"{self.task} in {self.framework}"
