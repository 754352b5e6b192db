"""The API's JSON renderer, which also sends an answer that was rendered before (kept in the cache, a large one packed) as it is.

A read the register answers from its cache (register/cache.py) is kept as the JSON bytes of the answer rather than
as the data behind it: a repeated read then neither unpickles nor encodes the answer again. The bytes are what this
renderer made of the data the first time (content negotiation always picks JSON without parameters, see
api/negotiation.py, so there is nothing else the rendering could depend on)."""

import zlib

from rest_framework import renderers


class Gerenderd(bytes):
    """An answer's JSON, rendered once."""


class Gepakt(bytes):
    """An answer's JSON, rendered once and packed (zlib) to be kept: a large answer (a page of signals, of
    besluiten, a tijdlijn: tens to hundreds of kB of JSON that repeats itself) is a tenth of the size to write to the
    cache and to read from it for every request (the database cache keeps a value as base64 text, so every kB read
    costs in the database, on the wire and in decoding). Unpacking takes a fraction of a millisecond."""


# Answers up to this size are kept as they are (packing them gains less than it costs).
PAKKEN_VANAF = 8192


def ingepakt(antwoord: Gerenderd) -> Gerenderd | Gepakt:
    """``antwoord`` as it is kept in the cache: packed when it is larger than PAKKEN_VANAF bytes."""
    return Gepakt(zlib.compress(antwoord, 1)) if len(antwoord) > PAKKEN_VANAF else antwoord


def uitgepakt(bewaard: Gerenderd | Gepakt) -> Gerenderd:
    """The answer ``ingepakt`` kept."""
    return Gerenderd(zlib.decompress(bewaard)) if isinstance(bewaard, Gepakt) else bewaard


class JSONRenderer(renderers.JSONRenderer):
    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, Gerenderd):
            return bytes(data)
        return super().render(data, accepted_media_type, renderer_context)


def gerenderd(data) -> Gerenderd:
    """``data`` as the JSON this renderer sends for it."""
    return Gerenderd(JSONRenderer().render(data, JSONRenderer.media_type))
