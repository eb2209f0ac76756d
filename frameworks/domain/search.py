"""Finding frameworks: the catalog's filters and "did you mean" suggestions for unknown slugs. Pure Python."""

import difflib
from dataclasses import dataclass

from .snapshot import FrameworkFacts
from .vocabulary import GOOD_FITS, MET_LEVELS


@dataclass(frozen=True)
class CatalogFilter:
    q: str = ""
    features: tuple[str, ...] = ()
    use_cases: tuple[str, ...] = ()
    interface: str = ""
    license: str = ""


def filter_frameworks(frameworks, criteria: CatalogFilter) -> list[FrameworkFacts]:
    """Frameworks matching every criterion: text, features built in or official plugin, good fits."""
    needle = criteria.q.strip().lower()
    return [
        f
        for f in frameworks
        if (not needle or needle in f"{f.name} {f.slug} {f.tagline} {f.summary} {f.built_on}".lower())
        and all(f.level(feature) in MET_LEVELS for feature in criteria.features)
        and all(f.fits.get(u) and f.fits[u].fit in GOOD_FITS for u in criteria.use_cases)
        and (not criteria.interface or f.interface == criteria.interface)
        and (not criteria.license or f.license == criteria.license)
    ]


def suggest(slug: str, candidates: dict[str, str], limit: int = 3) -> list[str]:
    """Closest known slugs to `slug`, matching on slugs and on display names (`candidates`: slug → name)."""
    slug = slug.lower()
    by_name = {name.lower(): s for s, name in candidates.items()}
    close = difflib.get_close_matches(slug, list(candidates) + list(by_name), n=limit * 2, cutoff=0.5)
    found = [by_name.get(c, c) for c in close]
    found += [s for s in candidates if slug and (slug in s or s in slug)]
    return list(dict.fromkeys(found))[:limit]
