from rest_framework.negotiation import DefaultContentNegotiation


class EersteRenderer(DefaultContentNegotiation):
    """Always answer in the view's first format (JSON for the API) instead of a 406 for odd Accept headers."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type
