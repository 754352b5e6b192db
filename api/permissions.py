"""Who may do what through the API: the role rules of register/roles.py, nothing of its own."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from register.services import vereis_schrijfrecht
from reports.overzicht import OPENBAAR
from reports.services import vereis_recht_op_variant


class RolRechten(BasePermission):
    """Anyone reads; writing needs an authenticated user with the role that writes this model."""

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        if not (request.user and request.user.is_authenticated):
            return False
        vereis_schrijfrecht(request.user, view.get_queryset().model)
        return True


class TokenBeheer(BasePermission):
    """Issuing and revoking tokens: users whose groups hold the authtoken permissions (group ``beheer``)."""

    ACTIES = {"GET": "view", "HEAD": "view", "OPTIONS": "view", "POST": "add", "DELETE": "delete"}

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        actie = self.ACTIES.get(request.method, "change")
        return request.user.has_perm(f"authtoken.{actie}_token")


class KameroverzichtRechten(BasePermission):
    """The archive of Kamer overviews: the ministry and the toezichthouders (as on the archive web page)."""

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        vereis_recht_op_variant(request.user, OPENBAAR)
        return True
