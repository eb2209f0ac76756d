"""What the editors' workflow keeps beside the catalog: readers' reports, proposals read from PyPI,
and the stale-facts view of Support cells."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from .catalog import Feature, Framework, Support, https_validator


class ReportState(models.TextChoices):
    NEW = "new", "New"
    FIXED = "fixed", "Fixed"
    DECLINED = "declined", "Declined"


class FactReport(models.Model):
    """A reader's report that a fact is wrong or out of date; editors work through them in the admin."""

    State = ReportState

    framework = models.ForeignKey(
        Framework,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        help_text="If it is about one framework.",
    )
    feature = models.ForeignKey(
        Feature,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        help_text="If it is about one feature.",
    )
    details = models.TextField(
        "what is wrong", max_length=3000, help_text="Which fact, what it should say, and how you know."
    )
    suggested_source = models.URLField(
        max_length=500,
        blank=True,
        validators=[https_validator],
        help_text="Optional: an https page in the official docs or repository that shows the right fact.",
    )
    email = models.EmailField(blank=True, help_text="Optional: only used to tell you when it is fixed.")
    state = models.CharField(max_length=10, choices=State, default=State.NEW)
    editor_note = models.TextField(blank=True, help_text="What the editors did about it.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.CheckConstraint(condition=Q(state__in=ReportState.values), name="report_state_valid")]

    def __str__(self):
        about = " × ".join(str(x) for x in (self.framework, self.feature) if x) or "the catalog"
        return f"Report on {about} ({self.get_state_display()})"


class ProposalState(models.TextChoices):
    PENDING = "pending", "Waiting for review"
    APPLIED = "applied", "Applied"
    REJECTED = "rejected", "Rejected"


class ReleaseProposal(models.Model):
    """A release found on PyPI by `refresh_versions`, waiting for an editor to apply or reject it."""

    State = ProposalState

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="release_proposals")
    catalog_version = models.CharField(max_length=40, help_text="What the catalog said when this was proposed.")
    catalog_date = models.DateField(null=True)
    version = models.CharField(max_length=40, help_text="Latest stable version on PyPI.")
    release_date = models.DateField(help_text="Upload date of that release on PyPI.")
    source_url = models.URLField(max_length=500, help_text="The release's PyPI page, to check before applying.")
    state = models.CharField(max_length=10, choices=ProposalState, default=ProposalState.PENDING)
    proposed_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["state", "-proposed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "version", "release_date"],
                condition=Q(state="pending"),
                name="proposal_one_pending_per_release",
            ),
            models.CheckConstraint(condition=Q(state__in=ProposalState.values), name="proposal_state_valid"),
        ]

    def __str__(self):
        return f"{self.framework} {self.catalog_version} → {self.version}"


class PackageFacts(models.Model):
    """What PyPI says about a framework's latest stable release: Python versions, free-threading,
    known advisories, releases per year. Read by `refresh_pypi_facts` as a proposal; a Reviewer
    applies it, and the newest applied one is what the pages show."""

    State = ProposalState

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="package_facts")
    version = models.CharField(max_length=40, help_text="The release these facts describe.")
    requires_python = models.CharField(max_length=100, blank=True, help_text="As declared, e.g. >=3.10.")
    python_versions = models.JSONField(
        default=list, blank=True, help_text='CPython minors it admits, e.g. ["3.12", "3.13"].'
    )
    free_threading_declared = models.BooleanField(default=False, help_text="A Free Threading trove classifier.")
    free_threading_ships = models.BooleanField(
        null=True,
        blank=True,
        help_text="Free-threaded wheels (cp3XXt): yes, no (compiled, none free-threaded), or no evidence.",
    )
    free_threading_evidence = models.JSONField(default=list, blank=True)
    advisories = models.JSONField(
        default=list, blank=True, help_text="Known advisories for this release (withdrawn ones left out)."
    )
    release_years = models.JSONField(default=dict, blank=True, help_text="Stable releases per calendar year.")
    source_url = models.URLField(max_length=500, help_text="The release's PyPI page.")
    read_on = models.DateField(help_text="When PyPI was read.")
    state = models.CharField(max_length=10, choices=ProposalState, default=ProposalState.PENDING)
    proposed_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["framework__name", "-read_on", "-proposed_at"]
        verbose_name = "package facts"
        verbose_name_plural = "package facts"
        constraints = [
            models.CheckConstraint(condition=Q(state__in=ProposalState.values), name="package_facts_state_valid"),
            models.CheckConstraint(condition=Q(source_url__startswith="https://"), name="package_facts_source_https"),
        ]

    def __str__(self):
        return f"{self.framework} {self.version} on PyPI ({self.get_state_display()})"


class StaleSupport(Support):
    """Support cells due for re-checking, as their own admin list (see freshness.stale_supports)."""

    class Meta:
        proxy = True
        verbose_name = "stale fact"
        verbose_name_plural = "stale facts"
