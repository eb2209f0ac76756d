"""Pickwise's vocabulary, defined once: support levels, fits, interfaces, learning curves, the
wizard's answers, maintenance statuses.

Models build their `choices` from these terms, forms their radio buttons, the scoring and the lint
their rules, templates their icons and the OpenAPI description its enums. A test checks that every
copy Django keeps (migrations, choices) agrees with this module.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    slug: str
    label: str
    meaning: str = ""
    icon: str = ""  # shown beside the label, never alone: colour and icon are never the only signal


def slugs(terms: tuple[Term, ...]) -> tuple[str, ...]:
    return tuple(t.slug for t in terms)


def labels(terms: tuple[Term, ...]) -> dict[str, str]:
    return {t.slug: t.label for t in terms}


def choices(terms: tuple[Term, ...]) -> list[tuple[str, str]]:
    return [(t.slug, t.label) for t in terms]


def term(terms: tuple[Term, ...], slug: str) -> Term:
    return next((t for t in terms if t.slug == slug), terms[-1])


# Support levels, strongest first; the order is used for sorting and display.
LEVELS = (
    Term("yes", "Built in", "Part of the framework itself.", "✔"),
    Term("plugin", "Official plugin", "A separate package maintained by the framework's own team.", "✚"),
    Term("partial", "Partial", "Primitives or limited support; the note says what is missing.", "◐"),
    Term("third-party", "Third-party", "Only community packages; the note names them.", "↗"),
    Term("no", "No", "Not available.", "✘"),
    Term("unknown", "Unknown", "We could not establish it from the official sources yet.", "?"),
)
LEVEL_SLUGS = slugs(LEVELS)
LEVEL_LABELS = labels(LEVELS)
# A cell at these levels must say what is missing or which package provides it.
LEVELS_NEEDING_NOTE = ("plugin", "partial", "third-party")
# For a must-have: met, met with a gap, or unmet (everything else, unknown included).
MET_LEVELS = ("yes", "plugin")
GAP_LEVELS = ("partial",)

FITS = (
    Term("ideal", "Ideal", "What the framework is designed for.", "★"),
    Term("good", "Good", "Works well, with the caveat the note gives.", "✔"),
    Term("poor", "Poor", "Possible, but another framework serves it better; the note says why.", "✘"),
)
FIT_SLUGS = slugs(FITS)
GOOD_FITS = ("ideal", "good")

CONFIDENCE = (
    Term("high", "High: stated by the source"),
    Term("medium", "Medium: inferred from the source"),
)
STATUSES = (Term("draft", "Draft"), Term("published", "Published"))
INTERFACES = (
    Term("wsgi", "WSGI"),
    Term("asgi", "ASGI"),
    Term("both", "WSGI and ASGI"),
    Term("own-server", "Own server"),
)
LEARNING_CURVES = (Term("easy", "Easy"), Term("moderate", "Moderate"), Term("steep", "Steep"))

MAINTENANCE = (
    Term("active", "Active", "A release within the last 12 months.", "●"),
    Term("slowing", "Slowing", "The latest release is 12 to 24 months old.", "◔"),
    Term("inactive", "Inactive", "Archived, or no release for more than 24 months.", "○"),
    Term("unknown", "Unknown", "No release date on record.", "?"),
)

# How the catalog list can be sorted (links on /frameworks/).
SORTS = (
    Term("name", "Name"),
    Term("maintenance", "Maintenance"),
    Term("release", "Latest release"),
    Term("ecosystem", "Ecosystem"),
)

# The wizard's single-choice questions, in the order the form shows them; DEFAULT_ANSWERS below.
EXPERIENCE = (
    Term("beginner", "Beginner"),
    Term("intermediate", "Intermediate"),
    Term("expert", "Expert"),
)
STYLES = (
    Term("any", "No preference"),
    Term("batteries", "Batteries included"),
    Term("minimal", "Minimal core"),
)
DATABASES = (
    Term("any", "No preference"),
    Term("relational", "Relational (PostgreSQL, MySQL, SQLite)"),
    Term("nosql", "NoSQL"),
    Term("none", "No database"),
)
PRIORITIES = (
    Term("any", "No single priority"),
    Term("ship-fast", "Ship fast"),
    Term("performance", "Performance under concurrency"),
    Term("long-term", "Long-term stability"),
)
# How much a question counts in the wizard; "normal" is the default and is left out of URLs.
IMPORTANCE = (Term("low", "Matters less"), Term("normal", "Normal"), Term("high", "Matters most"))

DEFAULT_ANSWERS = {"experience": "intermediate", "style": "any", "database": "any", "priority": "any"}
