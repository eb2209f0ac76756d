"""Template filters and tags: formatting that templates must not do themselves (`{% load pickwise %}`)."""

import functools
import html
from collections.abc import Callable
from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from ..domain import decision_record, listings, maintenance, vocabulary
from . import fragments

register = template.Library()
register.tag("kept", fragments.kept)


@register.simple_tag
def chrome(part: str) -> str:
    """The fixed chrome of every page (templates/chrome/: head links, header, footer). It holds no
    per-request value, so it is rendered once per process; with DEBUG, afresh, as templates change."""
    return _render_chrome(part) if settings.DEBUG else _chrome(part)


def _render_chrome(part: str) -> str:
    return mark_safe(render_to_string(f"chrome/{part}.html"))  # noqa: S308 (rendered by the template engine)


_chrome = functools.cache(_render_chrome)


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


@register.simple_tag
def maintenance_badge(framework, today):
    """A framework's maintenance status as icon + word, with the date it was computed (`today` from the view)."""
    return _maintenance_html(framework.latest_release_date, framework.archived, today)


@functools.lru_cache(maxsize=4096)  # one badge per framework per day, shown on many pages and rows
def _maintenance_html(latest_release, archived: bool, today) -> str:
    m = maintenance.maintenance(latest_release=latest_release, archived=archived, today=today)
    return format_html(
        '<span class="maintenance maintenance-{}" title="{}"><span aria-hidden="true">{}</span> {}</span>'
        ' <span class="small text-body-secondary">({} Computed <time datetime="{}">{}</time>.)</span>',
        m.status,
        m.reason,
        m.term.icon,
        m.label,
        m.reason,
        f"{m.computed_on:%Y-%m-%d}",
        f"{m.computed_on:%-d %b %Y}",
    )


@register.simple_tag
def ranking_rows(rows, answered: bool, query: str, today):
    """The compact rows of the wizard's ranking. A page holds a row per framework (35 to hundreds), so
    each row is joined from parts escaped once: those that depend only on the framework and the day
    are kept across requests, the query once per page."""
    return mark_safe("\n".join(_ranking_row(row, answered, query, today) for row in rows))  # noqa: S308


@register.simple_tag
def reason_items(reasons, limit: int | None = None):
    """A result's reasons as list items: ✔ for a match, ✘ for a gap (and the words say which), each
    with its source named by site. Kept by content: the same reason shows on many result pages."""
    return mark_safe("".join(_reason_item(r.kind, r.text, r.source) for r in reasons[:limit]))  # noqa: S308


@functools.lru_cache(maxsize=16384)
def _reason_item(kind: str, text: str, source: str) -> str:
    icon = {"match": "✔", "gap": "✘"}.get(kind)
    mark = format_html('<span aria-hidden="true">{}</span> ', icon) if icon else ""
    link = format_html(' <a class="small" href="{}" rel="noopener">{}</a>', source, site_name(source)) if source else ""
    return format_html('<li class="reason reason-{}">{}{}{}</li>', kind, mark, text, link)


def _ranking_row(row, answered: bool, query: str, today) -> str:
    fw = row.result.framework
    name_cell, compare_cell, why_link = _framework_cells(fw.slug, fw.name)
    cells = [f'<tr id="result-{html.escape(fw.slug)}"><td>#{row.result.rank}</td>', name_cell]
    if answered:
        missing = html.escape(row.missing) if row.missing else "—"
        partial = (
            f' <span class="small text-body-secondary">(partly: {html.escape(row.partial)})</span>'
            if row.partial
            else ""
        )
        cells.append(f"<td>{row.result.score} / 100</td><td>{missing}{partial}</td>")
    cells += [f'<td class="small">{maintenance_badge(fw, today)}</td>', compare_cell]
    if answered:
        cells.append(f'<td><a href="?{_query_prefix(query)}{why_link}</td>')
    cells.append("</tr>")
    return "".join(cells)  # every part above is escaped (html.escape: Django's escape without its lazy wrapper)


@functools.lru_cache(maxsize=256)
def _query_prefix(query: str) -> str:
    return f"{escape(query)}&amp;" if query else ""


@functools.lru_cache(maxsize=4096)
def _framework_cells(slug: str, name: str) -> tuple[str, str, str]:
    url = path_to("frameworks:framework_detail", slug)
    return (
        format_html('<th scope="row"><a href="{}">{}</a></th>', url, name),
        format_html(
            '<td><label><input type="checkbox" name="frameworks" value="{}">'
            '<span class="visually-hidden"> Compare {}</span></label></td>',
            slug,
            name,
        ),
        format_html('why={}#why-title">Why not {}?</a>', slug, name),
    )


@register.simple_tag
def support_cell(name: str, fact):
    """One framework's level for one feature in a comparison: icon + word and `since` on one line,
    the note, source and check date in a disclosure that works without JavaScript."""
    return support_cell_html(name, fact)


@functools.lru_cache(maxsize=16384)  # keyed by the fact's content, so an edited fact gets a new cell
def support_cell_html(name: str, fact) -> str:
    if fact is None:
        return format_html('{} <span class="small">Not researched yet</span>', level_badge("unknown"))
    since = format_html('<span class="since">since {}</span>', fact.since) if fact.since else ""
    note = format_html('<p class="cell-note">{}</p>', fact.note) if fact.note else ""
    confidence = (
        mark_safe(' · <abbr title="Inferred from the source rather than stated by it">medium confidence</abbr>')
        if fact.confidence == "medium"
        else ""
    )
    checked = (
        format_html(
            ', checked <time datetime="{}">{}</time>', f"{fact.checked_on:%Y-%m-%d}", f"{fact.checked_on:%-d %b %Y}"
        )
        if fact.checked_on
        else ""
    )
    return format_html(
        '{}{}\n<details class="cell-details"><summary><span class="visually-hidden">{}: </span>Note and source</summary>'
        '{}<p class="cell-source"><a href="{}" rel="noopener">{}</a>{}{}</p></details>',
        level_badge(fact.level),
        since,
        name,
        note,
        fact.source,
        site_name(fact.source),
        checked,
        confidence,
    )


@register.simple_tag
def framework_options(frameworks):
    """`<option>`s for a framework select: one per framework, kept by slug and name."""
    return mark_safe("".join(_framework_option(f.slug, f.name) for f in frameworks))  # noqa: S308


@functools.lru_cache(maxsize=4096)
def _framework_option(slug: str, name: str) -> str:
    return format_html('<option value="{}">{}</option>', slug, name)


@register.simple_tag
def path_to(view: str, *args) -> str:
    """`{% url %}` for the loops of long pages: the URL conf never changes while a process runs."""
    return _reverse(get_script_prefix(), view, args)


def paths_of(view: str) -> Callable[..., str]:
    """path_to for one view with the script prefix read once (a thread-local read costs more than
    the cached reverse): for lists of hundreds of frameworks."""
    prefix = get_script_prefix()
    return lambda *args: _reverse(prefix, view, args)


@functools.lru_cache(maxsize=8192)
def _reverse(prefix: str, view: str, args: tuple) -> str:
    return reverse(view, args=args)


@register.filter
def absolute(path: str) -> str:
    """A site path as an absolute URL on the configured SITE_URL, or the path itself when none is set.

    Never from the request's Host header: a cached page must not carry one visitor's host to the next.
    """
    base = _site_url()
    return f"{base}{path}" if base else path


@functools.cache  # read per URL, hundreds of times for a JSON list; tests that change it clear it
def _site_url() -> str:
    return getattr(settings, "SITE_URL", "").rstrip("/")


@receiver(setting_changed)
def _site_url_changed(*, setting: str, **kwargs) -> None:
    if setting == "SITE_URL":
        _site_url.cache_clear()


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
