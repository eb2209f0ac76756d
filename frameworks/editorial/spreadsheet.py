"""Text cells that spreadsheets would run as formulas, made inert for export and restored on import.

A spreadsheet treats a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return in
front of one) as a formula, so a note such as `=HYPERLINK("https://evil.example", "docs")` in an
export would run on the reader's machine. OWASP's advice is to prefix such cells with a single
quote, which every spreadsheet shows as text.

The prefix is reversible: `restore(neutralise(s)) == s` for every string, so an export imports back
unchanged. A cell is prefixed when, after any quotes it already starts with, its first character is
a trigger; `restore` removes exactly one quote under the same condition. A note that really starts
with `'=` therefore goes out as `''=` and comes back as `'=`.
"""

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def _is_formula_like(text: str) -> bool:
    return text.lstrip(QUOTE).startswith(TRIGGERS)


def neutralise(value):
    """The cell as a spreadsheet may open it safely; anything but text passes through."""
    if isinstance(value, str) and _is_formula_like(value):
        return QUOTE + value
    return value


def restore(value):
    """The text an export wrote before `neutralise` prefixed it; anything else passes through."""
    if isinstance(value, str) and value.startswith(QUOTE) and _is_formula_like(value[1:]):
        return value[1:]
    return value
