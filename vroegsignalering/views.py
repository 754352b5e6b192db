"""The feed of signaalmeldingen behind the API's authentication: a token (``Authorization: Token <sleutel>``) or a
session, with the API's limits on requests and on failed token attempts (REST_FRAMEWORK settings). Without either
401, with a role that is not told of signals (toezichthouders, ministerie) 403, both as problem+json like every API
error. The ministerie reads the meldingen of the openbaar variant (vroegsignalering/feeds.py)."""

from django.utils.cache import patch_vary_headers
from rest_framework.permissions import BasePermission
from rest_framework.views import APIView

from vroegsignalering import selectors
from vroegsignalering.feeds import Signaalmeldingen


class AlleenOntvangers(BasePermission):
    message = "Alleen de toezichthouders (KMI, inspecties en RvA) en het ministerie lezen de signaalmeldingen."

    def has_permission(self, request, view):
        return selectors.mag_meldingen_ontvangen(request.user)


class SignaalmeldingenFeed(APIView):
    permission_classes = [AlleenOntvangers]
    schema = None  # an Atom document, not part of the JSON API's OpenAPI description
    feed = Signaalmeldingen()

    def get(self, request):
        response = self.feed(request._request)
        response["Cache-Control"] = "no-store"
        patch_vary_headers(response, ("Authorization", "Cookie"))
        return response
