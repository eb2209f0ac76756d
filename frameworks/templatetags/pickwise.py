from django import template
from django.utils.safestring import mark_safe
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

register = template.Library()

# Classes, not inline styles, so the strict Content-Security-Policy holds; colours in pygments.css.
_FORMATTER = HtmlFormatter(cssclass="highlight", wrapcode=True)


@register.filter
def python_highlight(code: str) -> str:
    """Server-side syntax highlighting: readable without JavaScript."""
    return mark_safe(highlight(code, PythonLexer(), _FORMATTER))  # noqa: S308 - Pygments escapes the code


@register.filter
def get_item(mapping, key):
    return mapping.get(key)
