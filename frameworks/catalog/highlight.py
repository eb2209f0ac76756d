"""Syntax highlighting on the server, done once per sample's code in each process (the snapshot of
every new catalog revision reuses it) rather than on every page view or every rebuild."""

import functools

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

# Classes, not inline styles, so the strict Content-Security-Policy holds; colours in pygments.css.
_FORMATTER = HtmlFormatter(cssclass="highlight", wrapcode=True)


@functools.lru_cache(maxsize=1024)  # keyed by the code itself: an edited sample is highlighted afresh
def highlight_python(code: str) -> str:
    """HTML for `code`; Pygments escapes the source, so the result is safe to mark as such."""
    return highlight(code, PythonLexer(), _FORMATTER)
