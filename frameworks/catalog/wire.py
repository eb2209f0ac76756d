"""A cached page on the wire: compressed once when it is stored, revalidated with 304s, cacheable
by browsers and shared caches for a short, stated time.

Every cacheable page is a pure function of (catalog revision, canonical request), so its ETag is
derived from exactly those two, and an edit (a new revision) changes every ETag at once.
"""

import datetime
import gzip
import hashlib
from dataclasses import dataclass, replace

from django.http import HttpResponse, HttpResponseNotModified
from django.utils.http import http_date, parse_http_date_safe

try:
    import brotli
except ImportError:  # optional: without it, gzip only
    brotli = None

# Anonymous pages: a browser or CDN may keep a page a minute, and serve it stale for five more while
# it revalidates; an edit is therefore seen everywhere within MAX_AGE + STALE seconds at most.
MAX_AGE = 60
STALE_WHILE_REVALIDATE = 300
PUBLIC = f"public, max-age={MAX_AGE}, stale-while-revalidate={STALE_WHILE_REVALIDATE}"
PRIVATE = "private, no-store"
MIN_COMPRESS = 860  # below about one packet, compression saves nothing
# Bodies larger than this are served, not kept. The process tier is bounded by bytes (settings
# PAGE_CACHE_PROCESS_BYTES) and Redis evicts (allkeys-lru); this only keeps one entry from being most
# of either. The open-data export at 200 frameworks is ~5 MB and must be kept, or every request rebuilds it.
MAX_STORED = 16 * 1024 * 1024


@dataclass(frozen=True)
class StoredPage:
    content: bytes
    headers: dict[str, str]
    etag: str
    last_modified: datetime.datetime
    gzip: bytes | None
    br: bytes | None
    compressed_fast: bool = False  # its encodings were made fast, on the request that built it

    @property
    def size(self) -> int:
        """Bytes held: the plain body and its compressed forms."""
        return len(self.content) + len(self.gzip or b"") + len(self.br or b"")


def etag_for(revision_token: str, identity: str) -> str:
    return '"' + hashlib.sha256(f"{revision_token}\n{identity}".encode()).hexdigest()[:32] + '"'


def store(content: bytes, headers: dict[str, str], *, etag: str, last_modified, request=None) -> StoredPage:
    """The page as it enters the cache, compressed fast in the encoding `request` accepts (br, else gzip).

    Most pages are asked for in one encoding only (every current browser sends br), and most wizard
    results and many comparisons are asked for once, so a page is compressed fast here, for the one
    visitor who is waiting for it, and small by `with_encoding` when it is asked for again (or in the
    other encoding). Never once per request.
    """
    page = StoredPage(content, headers, etag, last_modified, None, None)
    wanted = preferred_encoding(request) if request is not None else None
    return with_encoding(page, wanted, fast=True) if wanted else page


# Measured with brotli 1.2 on this machine: a 150 KB comparison takes 0.28 ms at quality 1 (23.7 KB),
# 1.06 ms at quality 4 (20.4 KB), 1.43 ms at quality 5 (18.6 KB); 40 KB of wizard results 0.06 ms at
# quality 1 (6.4 KB) and 0.22 ms at 4 (5.6 KB). Gzip level 1 against 6 is much the same trade.
BROTLI_QUALITY, FAST_BROTLI_QUALITY = 4, 1
GZIP_LEVEL, FAST_GZIP_LEVEL = 6, 1


def preferred_encoding(request) -> str | None:
    if brotli is not None and _accepts(request, "br"):
        return "br"
    return "gzip" if _accepts(request, "gzip") else None


def with_encoding(page: StoredPage, coding: str | None, fast: bool = False) -> StoredPage:
    """`page` with its body compressed in `coding`: `fast` on the request that built it (no one may
    ask again), else small, in place of encodings made fast. Unchanged when there is nothing to gain."""
    if not _gains(page, coding):
        return page
    if page.compressed_fast:
        page = replace(page, br=None, gzip=None, compressed_fast=False)
    if coding == "br":
        body = brotli.compress(page.content, quality=FAST_BROTLI_QUALITY if fast else BROTLI_QUALITY)
        return replace(page, br=body, compressed_fast=fast)
    body = gzip.compress(page.content, compresslevel=FAST_GZIP_LEVEL if fast else GZIP_LEVEL, mtime=0)
    return replace(page, gzip=body, compressed_fast=fast)


def _gains(page: StoredPage, coding: str | None) -> bool:
    """True when compressing in `coding` (small) would give a visitor who accepts it a better body."""
    if not coding or len(page.content) < MIN_COMPRESS:
        return False
    return getattr(page, coding) is None or page.compressed_fast


def not_modified(request, etag: str, last_modified) -> bool:
    """True when the client's copy is current: If-None-Match wins over If-Modified-Since (RFC 9110)."""
    sent = request.headers.get("If-None-Match")
    if sent is not None:
        return sent.strip() == "*" or etag in [tag.strip().removeprefix("W/") for tag in sent.split(",")]
    sent = request.headers.get("If-Modified-Since")
    since = parse_http_date_safe(sent) if sent else None
    return since is not None and int(last_modified.timestamp()) <= since


def _accepts(request, coding: str) -> bool:
    for part in request.headers.get("Accept-Encoding", "").split(","):
        name, _, params = part.strip().partition(";")
        if name.strip().lower() == coding:
            return params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


def validators(response, etag: str, last_modified) -> None:
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified.timestamp())
    response["Cache-Control"] = PUBLIC
    response["Vary"] = "Accept-Encoding"


def respond(request, page: StoredPage):
    """The stored page in the encoding the client accepts (br, then gzip, then none); 304 if current."""
    coding = preferred_encoding(request)
    body = getattr(page, coding) if coding else None
    if not_modified(request, page.etag, page.last_modified):
        response = HttpResponseNotModified()
    elif body is not None:
        response = HttpResponse(body, headers=page.headers | {"Content-Encoding": coding})
    else:
        response = HttpResponse(page.content, headers=page.headers)
    validators(response, page.etag, page.last_modified)
    return response
