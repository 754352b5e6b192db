"""Headers on every API response: API-Version, security headers, and problem+json for server errors."""

import logging

from api.problems import json_problem

API_PREFIX = "/api/"
API_VERSION = "1.0.0"
CSP_JSON = "default-src 'none'; frame-ancestors 'none'"
# The documentation page loads its own script and styles (drf-spectacular-sidecar), nothing from elsewhere.
CSP_DOCS = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)
DOCS_PATH = "/api/v1/docs"

logger = logging.getLogger(__name__)


class ApiHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(API_PREFIX):
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
        response["Content-Security-Policy"] = CSP_DOCS if request.path.startswith(DOCS_PATH) else CSP_JSON
        user = getattr(request, "user", None)
        authenticated = bool(user is not None and user.is_authenticated) or "HTTP_AUTHORIZATION" in request.META
        if authenticated:
            response["Cache-Control"] = "no-store"
            response["Vary"] = ", ".join(filter(None, [response.get("Vary"), "Authorization", "Cookie"]))
        elif "Cache-Control" not in response:
            response["Cache-Control"] = "no-cache"
