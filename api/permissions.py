"""Who may do what through the API: the role rules of register/roles.py, nothing of its own."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from register import roles
from register.services import vereis_schrijfrecht
from reports.varianten import OPENBAAR, vereis_inzagerecht, vereis_recht_op_variant


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
    """Issuing and revoking tokens: functional admin (role ``beheer``) and superusers; gebruikers/services.py
    decides for whom."""

    message = "Alleen functioneel beheer (rol 'beheer') geeft tokens uit en trekt ze in."

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        return roles.mag_gebruikers_beheren(request.user)


class KameroverzichtRechten(BasePermission):
    """The archive of Kamer overviews: every role reads it (the variants it may read, see the queryset);
    making one is for the ministry and the toezichthouders (the variant is checked by the service)."""

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        if request.method in SAFE_METHODS:
            vereis_inzagerecht(request.user)
        else:
            vereis_recht_op_variant(request.user, OPENBAAR, getattr(view, "documentnaam", "Kameroverzicht"))
        return True
