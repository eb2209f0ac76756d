"""Sources editors type must lie inside the framework's allow-list, as the catalog lint requires.

The matching rule is the lint's own (`lint._allowed`), so the admin refuses exactly what
`check_catalog --database` would report. A framework with an empty allow-list accepts any https
source here; the lint reports the empty list itself, and a Reviewer fills it in.
"""

from .lint import _allowed


def allowed_hosts(source_domains) -> list[str]:
    if not isinstance(source_domains, list):
        return []
    return [entry for entry in source_domains if isinstance(entry, str) and entry.strip()]


def refusal(url: str, *, framework_name: str, source_domains) -> str:
    """Why `url` may not be a source for this framework, in plain words, or "" when it may."""
    allowed = allowed_hosts(source_domains)
    if not url or not allowed or _allowed(str(url), allowed):
        return ""
    return (
        f"This source is not on {framework_name}'s list of allowed sources ({', '.join(allowed)}). "
        "Cite a page on one of those sites, or ask a Reviewer to add this site to the framework's allowed sources."
    )
