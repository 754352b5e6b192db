"""Headers on every API response: API-Version, security headers, and problem+json for server errors."""

import logging

from csp.utils import build_policy
from django.conf import settings

from api.problems import json_problem
from register.teksten import iso_in_meldingen

API_PREFIX = "/api/"
API_VERSION = "1.0.0"
DOCS_PATH = "/api/v1/docs"

logger = logging.getLogger(__name__)


def content_security_policy(request) -> str:
    """The API's policies from settings, built by django-csp. Set here rather than left to CSPMiddleware (which
    then keeps it) because that middleware skips 404 and 500 responses in DEBUG, and API errors are JSON."""
    if request.path.startswith(DOCS_PATH):
        return build_policy(replace=settings.CONTENT_SECURITY_POLICY_DOCS_REPLACE)
    return build_policy(config=settings.CONTENT_SECURITY_POLICY_API)


class ApiHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        # The API reads and writes dates as JJJJ-MM-DD, so its messages name dates in that form too.
        with iso_in_meldingen():
            response = self.get_response(request)
        self.add_headers(request, response)
        return response

    def process_exception(self, request, exception):
        if not request.path.startswith(API_PREFIX):
            return None
        logger.exception("Onverwachte fout in de API", exc_info=exception)
        return json_problem(500, "Er ging iets mis in het register. Probeer het later opnieuw of meld het aan beheer.")

    @staticmethod
    def add_headers(request, response):
        response["API-Version"] = API_VERSION
        response["X-Content-Type-Options"] = "nosniff"
        response["X-Frame-Options"] = "DENY"
        response["Referrer-Policy"] = "no-referrer"
        response["Content-Security-Policy"] = content_security_policy(request)
        user = getattr(request, "user", None)
        authenticated = bool(user is not None and user.is_authenticated) or "HTTP_AUTHORIZATION" in request.META
        if authenticated:
            response["Cache-Control"] = "no-store"
            response["Vary"] = ", ".join(filter(None, [response.get("Vary"), "Authorization", "Cookie"]))
        elif "Cache-Control" not in response:
            response["Cache-Control"] = "no-cache"
