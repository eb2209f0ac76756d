from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

from frameworks import health

register = template.Library()

# Classes, not inline styles, so the strict Content-Security-Policy holds; colours in pygments.css.
_FORMATTER = HtmlFormatter(cssclass="highlight", wrapcode=True)


@register.filter
def python_highlight(code: str) -> str:
    """Server-side syntax highlighting: readable without JavaScript."""
    return mark_safe(highlight(code, PythonLexer(), _FORMATTER))  # noqa: S308 - Pygments escapes the code


@register.inclusion_tag("frameworks/_maintenance.html")
def maintenance_badge(framework):
    """A framework's maintenance status as icon + word, with the date it was computed."""
    status = health.maintenance(
        latest_release=framework.latest_release_date, archived=framework.archived, today=timezone.localdate()
    )
    return {"m": status}
