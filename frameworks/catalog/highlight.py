"""Syntax highlighting on the server, done once per catalog revision rather than on every page view."""

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

# Classes, not inline styles, so the strict Content-Security-Policy holds; colours in pygments.css.
_FORMATTER = HtmlFormatter(cssclass="highlight", wrapcode=True)


def highlight_python(code: str) -> str:
    """HTML for `code`; Pygments escapes the source, so the result is safe to mark as such."""
    return highlight(code, PythonLexer(), _FORMATTER)
