"""Error pages: 404s that say what was asked for and suggest what exists, and the 500 page."""

from django.shortcuts import render
from django.urls import reverse

from ..domain import search


def not_found(request, kind: str, slug: str, candidates: dict[str, str], url_name: str):
    """A 404 page that names what was asked for and offers the closest known slugs."""
    suggestions = [(reverse(url_name, args=[s]), candidates[s], s) for s in search.suggest(slug, candidates)]
    context = {"kind": kind, "slug": slug, "suggestions": suggestions}
    return render(request, "404.html", context, status=404)


def page_not_found(request, exception):
    return render(request, "404.html", {}, status=404)


def server_error(request):
    return render(request, "500.html", status=500)
