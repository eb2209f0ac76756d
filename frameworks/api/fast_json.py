"""JSON responses encoded by orjson: the recommend answer carries every framework's reasons, and the
standard library's encoder was the largest single cost of building it at 200 frameworks."""

import decimal

import orjson
from django.http import HttpResponse
from django.utils.functional import Promise

OPTIONS = orjson.OPT_NON_STR_KEYS  # int keys become strings, as json.dumps makes them


def _default(value):
    # What DjangoJSONEncoder adds beyond dates (which orjson writes as ISO 8601 itself).
    if isinstance(value, decimal.Decimal | Promise):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


class JSONResponse(HttpResponse):
    def __init__(self, data, **kwargs):
        kwargs.setdefault("content_type", "application/json")
        super().__init__(orjson.dumps(data, default=_default, option=OPTIONS), **kwargs)


def encoded_once(shape):
    """`shape` whose result is encoded when it is made, for parts that many responses repeat: orjson
    copies an encoded fragment into a response as it is."""

    def encode(value):
        return orjson.Fragment(orjson.dumps(shape(value), default=_default, option=OPTIONS))

    return encode
