"""`{% kept obj value… %}…{% endkept %}`: a template fragment rendered once per snapshot object.

The catalog snapshot is rebuilt, with new objects, whenever the catalog changes, so a fragment that
reads only one of its objects (a framework's summary cells, a code sample) can be kept in process
memory under that object's identity: the entry holds the object, so its id cannot be reused while
the fragment is kept, and a new revision simply misses. Values after the object (e.g. `today`) join
the key by equality. The fragment must read nothing else from the context. Bounded (least recently
used out); with DEBUG nothing is kept, so edited templates show at once.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable

from django import template
from django.conf import settings

KEPT_LIMIT = 20_000  # fragments; a 4-way comparison uses ~60, most under 1 KB

_kept: OrderedDict[tuple, tuple[object, object]] = OrderedDict()
_lock = threading.Lock()


class KeptNode(template.Node):
    def __init__(self, nodelist, owner, values):
        self.nodelist, self.owner, self.values = nodelist, owner, values

    def render(self, context):
        owner = self.owner.resolve(context)
        key = (id(self), *(v.resolve(context) for v in self.values))
        return kept_for(owner, key, lambda: self.nodelist.render(context))


def kept_for[T](owner, key: tuple, make: Callable[[], T]) -> T:
    """What make() returns (HTML, or a framework's cells), kept under `owner`'s identity and `key`
    (by equality), as {% kept %} keeps it: for template tags that join a page from fragments of
    snapshot objects."""
    if settings.DEBUG:
        return make()
    full_key = (id(owner), *key)
    with _lock:
        hit = _kept.get(full_key)
        if hit is not None and hit[0] is owner:
            _kept.move_to_end(full_key)
            return hit[1]
    html = make()
    with _lock:
        _kept[full_key] = (owner, html)
        while len(_kept) > KEPT_LIMIT:
            _kept.popitem(last=False)
    return html


def kept(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% kept %} needs the object the fragment reads")
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]])
