"""The feed of signaalmeldingen behind the API's authentication: a token (``Authorization: Token <sleutel>``) or a
session, with the API's limits on requests and on failed token attempts (REST_FRAMEWORK settings). Without either
401, with a role that is not a toezichthouder 403, both as problem+json like every API error."""

from django.utils.cache import patch_vary_headers
from rest_framework.permissions import BasePermission
from rest_framework.views import APIView

from register import roles
from vroegsignalering.feeds import Signaalmeldingen


class AlleenToezichthouders(BasePermission):
    message = "Alleen de toezichthouders (KMI, inspecties en RvA) lezen de signaalmeldingen."

    def has_permission(self, request, view):
        return roles.is_toezichthouder(request.user)


class SignaalmeldingenFeed(APIView):
    permission_classes = [AlleenToezichthouders]
    schema = None  # an Atom document, not part of the JSON API's OpenAPI description
    feed = Signaalmeldingen()

    def get(self, request):
        response = self.feed(request._request)
        response["Cache-Control"] = "no-store"
        patch_vary_headers(response, ("Authorization", "Cookie"))
        return response
