"""Template filters and tags: formatting that templates must not do themselves (`{% load pickwise %}`)."""

from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..domain import decision_record, listings, maintenance, vocabulary

register = template.Library()


@register.filter
def highlighted(sample) -> str:
    """A sample's code as highlighted when the snapshot was built (Pygments escapes the source)."""
    return mark_safe(sample.code_html)  # noqa: S308


@register.simple_tag
def level_badge(level: str):
    """A support level as icon + word (never colour or icon alone)."""
    term = vocabulary.term(vocabulary.LEVELS, level)
    return format_html(
        '<span class="level level-{}"><span class="level-icon" aria-hidden="true">{}</span> {}</span>',
        term.slug,
        term.icon,
        term.label,
    )


@register.inclusion_tag("frameworks/_maintenance.html")
def maintenance_badge(framework, today):
    """A framework's maintenance status as icon + word, with the date it was computed (`today` from the view)."""
    status = maintenance.maintenance(
        latest_release=framework.latest_release_date, archived=framework.archived, today=today
    )
    return {"m": status}


@register.filter
def absolute(path: str) -> str:
    """A site path as an absolute URL on the configured SITE_URL, or the path itself when none is set.

    Never from the request's Host header: a cached page must not carry one visitor's host to the next.
    """
    base = getattr(settings, "SITE_URL", "")
    return f"{base.rstrip('/')}{path}" if base else path


@register.filter
def site_name(url: str) -> str:
    """The host a source link points to (docs.djangoproject.com), so a link says where it goes."""
    host = urlsplit(url or "").hostname or ""
    return host.removeprefix("www.")


@register.filter
def tier_phrase(tier: str) -> str:
    """A result's tier as the end of a sentence."""
    return decision_record.TIER_WORDS.get(tier, tier)


@register.filter
def ecosystem_phrase(ecosystem) -> str:
    """ "about 4,800 PyPI packages built for it (PyPI, 1 Dec 2026)" — a count is only worth its measure and date."""
    if not ecosystem:
        return ""
    about = "about " if ecosystem.estimated else ""
    when = f", counted {ecosystem.checked_on:%-d %b %Y}" if ecosystem.checked_on else ""
    return f"{about}{ecosystem.packages:,} PyPI packages built for it{when}"


@register.inclusion_tag("frameworks/_release_chart.html")
def release_chart(framework):
    """Releases per year as a small SVG bar chart, with the same figures as a table beside it."""
    package = framework.package
    years = package.release_years if package else ()
    bars, width, height = listings.release_bars(years)
    return {"framework": framework, "package": package, "bars": bars, "width": width, "height": height}


@register.filter
def free_threading_phrase(package) -> str:
    """Free-threaded CPython support in words, never stronger than the evidence."""
    if package is None:
        return "Not read from PyPI yet"
    if package.free_threading_declared and package.free_threading_ships:
        return "Declared (trove classifier) and free-threaded wheels published"
    if package.free_threading_declared:
        return "Declared (trove classifier)"
    if package.free_threading_ships:
        return "Free-threaded wheels published (no classifier)"
    if package.free_threading_ships is False:
        return "Compiled wheels, none free-threaded"
    return "No evidence either way (pure-Python package, nothing declared)"


@register.filter
def attr(value, name: str):
    """An attribute of a value, for the last item of a list (`bars|last|attr:"year"`)."""
    return getattr(value, name, "")


@register.filter
def get_item(mapping, key: str):
    """A value from a mapping whose key is not a template identifier ("cpu model")."""
    return (mapping or {}).get(key, "")
