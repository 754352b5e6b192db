"""The API's JSON renderer, which also sends an answer that was rendered before (kept in the cache) as it is.

A read the register answers from its cache (register/cache.py) is kept as the JSON bytes of the answer rather than
as the data behind it: a repeated read then neither unpickles nor encodes the answer again. The bytes are what this
renderer made of the data the first time (content negotiation always picks JSON without parameters, see
api/negotiation.py, so there is nothing else the rendering could depend on)."""

from rest_framework import renderers


class Gerenderd(bytes):
    """An answer's JSON, rendered once."""


class JSONRenderer(renderers.JSONRenderer):
    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, Gerenderd):
            return bytes(data)
        return super().render(data, accepted_media_type, renderer_context)


def gerenderd(data) -> Gerenderd:
    """``data`` as the JSON this renderer sends for it."""
    return Gerenderd(JSONRenderer().render(data, JSONRenderer.media_type))
