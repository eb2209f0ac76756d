"""Finding frameworks: the catalog's filters and "did you mean" suggestions for unknown slugs. Pure Python."""

import difflib
from dataclasses import dataclass

from .compare import canonical_path_part
from .maintenance import maintenance
from .snapshot import FrameworkFacts
from .vocabulary import GOOD_FITS, MET_LEVELS

# A filter means "can be served this way": "WSGI and ASGI" frameworks are both WSGI and ASGI ones.
SERVES = {"wsgi": ("wsgi", "both"), "asgi": ("asgi", "both"), "both": ("both",), "own-server": ("own-server",)}


@dataclass(frozen=True)
class CatalogFilter:
    q: str = ""
    features: tuple[str, ...] = ()
    use_cases: tuple[str, ...] = ()
    interface: str = ""
    license: str = ""
    sort: str = "name"


def filter_frameworks(frameworks, criteria: CatalogFilter) -> list[FrameworkFacts]:
    """Frameworks matching every criterion: text, features built in or official plugin, good fits."""
    needle = criteria.q.strip().lower()
    return [
        f
        for f in frameworks
        if (not needle or needle in f"{f.name} {f.slug} {f.tagline} {f.summary} {f.built_on}".lower())
        and all(f.level(feature) in MET_LEVELS for feature in criteria.features)
        and all(f.fits.get(u) and f.fits[u].fit in GOOD_FITS for u in criteria.use_cases)
        and (not criteria.interface or f.interface in SERVES[criteria.interface])
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


def sort_frameworks(frameworks, by: str, *, today) -> list[FrameworkFacts]:
    """Case-insensitive by name, or best first by maintenance, latest release or ecosystem (name breaks ties)."""
    rank = {"active": 0, "slowing": 1, "unknown": 2, "inactive": 3}

    def name(f):
        return (f.name.lower(), f.slug)

    keys = {
        "name": name,
        "maintenance": lambda f: (
            rank[maintenance(latest_release=f.latest_release_date, archived=f.archived, today=today).status],
            *name(f),
        ),
        "release": lambda f: (-(f.latest_release_date.toordinal() if f.latest_release_date else 0), *name(f)),
        "ecosystem": lambda f: (-(f.ecosystem.packages if f.ecosystem else -1), *name(f)),
    }
    return sorted(frameworks, key=keys[by])


@dataclass(frozen=True)
class Hit:
    kind: str  # "framework" | "feature" | "use case" | "comparison"
    slug: str  # for a comparison: the canonical path part
    title: str
    detail: str


def site_search(current, query: str, *, limit: int = 20) -> list[Hit]:
    """Frameworks, features, use cases and comparisons matching `query`, best first.

    Exact and prefix matches on names come first, then words found in names or descriptions, then
    the closest spellings ("djnago" finds Django). "django vs flask" (or "django flask") is a comparison.
    """
    needle = " ".join(query.lower().split())[:100]
    if not needle:
        return []
    entries = (
        [Hit("framework", f.slug, f.name, f.tagline) for f in current.frameworks]
        + [Hit("feature", f.slug, f.name, f.description) for f in current.features]
        + [Hit("use case", u.slug, u.name, u.description) for u in current.use_cases]
    )
    scored = []
    for hit in entries:
        name = hit.title.lower()
        if needle in (name, hit.slug):
            rank = 0
        elif name.startswith(needle) or hit.slug.startswith(needle):
            rank = 1
        elif needle in name or needle in hit.slug:
            rank = 2
        elif needle in hit.detail.lower():
            rank = 3
        else:
            continue
        scored.append((rank, hit.kind != "framework", name, hit))
    hits = [hit for *_, hit in sorted(scored, key=lambda item: item[:3])]
    words = [w for w in needle.replace(" vs ", " ").split() if w]
    named = [f for f in current.frameworks if any(w in (f.slug, f.name.lower()) for w in words)]
    if 2 <= len(named) <= 4:
        path = canonical_path_part([f.slug for f in named])
        title = " vs ".join(f.name for f in sorted(named, key=lambda f: f.slug))
        hits.insert(0, Hit("comparison", path, title, "Side by side: every feature, use-case fit and the same code."))
    if not hits:
        names = {h.title.lower(): h for h in entries} | {h.slug: h for h in entries}
        hits = [names[m] for m in difflib.get_close_matches(needle, list(names), n=5, cutoff=0.6)]
        hits = list(dict.fromkeys(hits))
    return hits[:limit]
