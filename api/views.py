"""API views. Reads go through querysets and selectors, writes through the services of each app."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote

from django.conf import settings
from django.core.cache import cache as gedeelde_cache
from django.db.models import Prefetch
from django.http import HttpResponse
from django.urls import reverse
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView, SpectacularYAMLAPIView
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import MethodNotAllowed, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from api import filters
from api import serializers as s
from api.permissions import KameroverzichtRechten, RolRechten, TokenBeheer
from api.renderers import gerenderd, ingepakt, uitgepakt
from certification import services as kmi
from certification.models import Aanvraag, Audit, Bezwaar, Certificaatbesluit
from gebruikers import services as gebruikers_services
from gebruikers.models import ApiToken
from register import cache, klok, selectors, standversie, tekens, vertrouwelijkheid, wijzigingen
from register import services as register_services
from register.models import KORTE_TEKST, Instelling, Monitordefinitie, Monitormeting, Omvang
from reports import gegevensschema
from reports import selectors as report_selectors
from reports.overzicht import pasoordeel_data, pasoordelen_per_instelling
from reports.models import Aanleidingenoverzicht, Kameroverzicht
from reports.renderers import AANLEIDINGEN_RENDERERS, RENDERERS, bestand
from reports.services import EERSTE_JAAR, aanleidingenoverzicht_genereren, kameroverzicht_genereren
from signalen import regels as signalen
from supervision import services as inspecties
from supervision.models import Handhavingsmaatregel, Inspectieonderzoek, OnderzochteInstelling, Oordeel, Thema, Toezichtbesluit
from wederhoor import services as wederhoor
from wederhoor import selectors as wederhoor_selectors
from wederhoor.models import Beleidsreactie, Reactie

REDEN_HEADER = OpenApiParameter(
    "Reden",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="Reden van de correctie, als alternatief voor het veld 'reden' in de body (URL-gecodeerd UTF-8 toegestaan).",
)


def _reden(request, validated: dict) -> str:
    """The reason from the body, else from the Reden header, with the same limits as the body's field."""
    reden = validated.pop("reden", "") or ""
    if not reden.strip():
        header = "Reden" if request.headers.get("Reden") else "X-Reden"
        reden = unquote(request.headers.get(header, ""))
        if len(reden) > KORTE_TEKST:
            fout = f"De reden in de header '{header}' is te lang: hoogstens {KORTE_TEKST} tekens, nu {len(reden)}. Kort de reden in."
            raise ValidationError({header: [fout]}, code="max_length")
        if "\x00" in reden:
            raise ValidationError({header: [f"De reden in de header '{header}' bevat een NUL-teken (%00); verwijder het."]})
        if (stuurteken := tekens.melding(reden)) is not None:
            raise ValidationError({header: [f"De reden in de header '{header}': {stuurteken}"]}, code=tekens.CODE)
    return reden


class NietToegestaanEerst:
    """An unsupported method is 405 for everyone, before authentication and role checks."""

    def initial(self, request, *args, **kwargs):
        methode = request.method.lower()
        if methode not in self.http_method_names or not hasattr(self, methode):
            raise MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)


@dataclass(frozen=True)
class Diensten:
    """The services that write one resource, from its app's services.py; the views call them directly, and each
    service checks the role, validates and records the history in its own transaction."""

    registratie: str  # the keyword under which corrigeren and laten_vervallen take the record
    registreren: Callable  # (*, actor, reden, **velden)
    corrigeren: Callable  # (*, actor, <registratie>, reden, **velden)
    laten_vervallen: Callable | None = None  # (*, actor, <registratie>, reden); None: the resource is never void


def _uit_cache(naam: str, request, bereken: Callable[[], object], *, afkorting: str | None = None) -> Response:
    """The answer of ``bereken()``, from the cache while the register is unchanged for this reader
    (register/cache.py, ``voor_lezer``) and kept as its rendered JSON: per address (path and query: filters,
    ordering, page, dates; and the host the links in an answer are built from) and per set of fields this reader may
    not see (the only thing about the reader that an answer built from the register depends on: api/serializers.py,
    verborgen_velden), so readers with other rights never share one. A reader without the right to confidential
    fields gets a key that an edit of those fields only leaves as it was. A refusal (400, 404: an exception) is
    never cached. ``afkorting``: the answer is derived from that one GI (its status, its tijdlijn), so a write to
    another GI leaves it valid."""
    return Response(uitgepakt(cache.voor_lezer(request.user, naam, (request.build_absolute_uri(),),
                                               lambda: ingepakt(gerenderd(bereken())), afkorting=afkorting)))


class RegisterViewSet(NietToegestaanEerst, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """List, read, register (POST), correct (PATCH with reden) and declare void (POST …/vervallen).

    PUT and DELETE are not offered: nothing is ever deleted from the register."""

    http_method_names = ["get", "post", "patch", "head", "options"]
    permission_classes = [RolRechten]
    filter_backends = [DjangoFilterBackend]
    diensten: Diensten

    def get_queryset(self):
        """The records this reader may see: a record under embargo (register/vertrouwelijkheid.py) is absent for
        whoever may not see it, in the list, its filters and counts, and by id (404)."""
        qs = vertrouwelijkheid.zonder_embargo(self.request.user, self.queryset.model, self.queryset.all())
        return qs.order_by(*qs.model._meta.ordering, "id")

    def list(self, request, *args, **kwargs):
        """A page of the list, from the cache while the register is unchanged (register/cache.py): under a key of
        the whole address (path, filters, ordering, page; the links to the next and previous page are built from
        it) and of the fields this reader may not see. A refused query (400, 404) is answered afresh each time."""
        return _uit_cache("api-lijst", request, lambda: mixins.ListModelMixin.list(self, request, *args, **kwargs).data)

    def _uitvoer(self, instance, status_code=status.HTTP_200_OK, headers=None):
        instance = self.get_queryset().get(pk=instance.pk)
        return Response(self.get_serializer(instance).data, status=status_code, headers=headers)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        velden = dict(serializer.validated_data)
        reden = _reden(request, velden)
        instance = self.diensten.registreren(actor=request.user, reden=reden, **velden)
        lookup = getattr(instance, self.lookup_field)
        locatie = request.build_absolute_uri(f"{request.path.rstrip('/')}/{lookup}")
        return self._uitvoer(instance, status.HTTP_201_CREATED, headers={"Location": locatie})

    @extend_schema(parameters=[REDEN_HEADER])
    def partial_update(self, request, *args, **kwargs):
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        velden = dict(serializer.validated_data)
        reden = _reden(request, velden)
        registratie = {self.diensten.registratie: instance}
        instance = self.diensten.corrigeren(actor=request.user, reden=reden, **registratie, **velden)
        return self._uitvoer(instance)

    def _vervallen(self, request):
        instance = self.get_object()
        serializer = s.VervallenSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        registratie = {self.diensten.registratie: instance}
        instance = self.diensten.laten_vervallen(actor=request.user, reden=serializer.validated_data["reden"], **registratie)
        return self._uitvoer(instance)


def _vervallen_actie(model):
    def vervallen(self, request, *args, **kwargs):
        return self._vervallen(request)

    return extend_schema(
        request=s.VervallenSerializer,
        summary=f"{model._meta.verbose_name.capitalize()} laten vervallen",
        description="Verklaart een onjuiste registratie vervallen (met reden). Er wordt nooit iets verwijderd.",
    )(action(detail=True, methods=["post"], url_path="vervallen")(vervallen))


def _docs(model):
    """The summaries of a resource's operations, in the model's own Dutch names (verbose_name)."""
    enkelvoud, meervoud = model._meta.verbose_name, model._meta.verbose_name_plural
    return extend_schema_view(
        list=extend_schema(summary=f"{meervoud.capitalize()} opvragen", description="Gepagineerde lijst, met filters."),
        retrieve=extend_schema(summary=f"Eén {enkelvoud} opvragen"),
        create=extend_schema(summary=f"{enkelvoud.capitalize()} registreren"),
        partial_update=extend_schema(
            summary=f"{enkelvoud.capitalize()} corrigeren",
            description="Corrigeert de registratie. Een reden is verplicht: veld 'reden' in de body of header 'Reden'.",
        ),
    )


@_docs(Instelling)
class InstellingViewSet(RegisterViewSet):
    queryset = Instelling.objects.select_related("opvolger")
    serializer_class = s.InstellingSerializer
    filterset_class = filters.InstellingFilter
    lookup_field = "afkorting"
    lookup_value_regex = "[A-Za-z0-9]+"
    diensten = Diensten(
        "instelling",
        register_services.instelling_registreren,
        register_services.instelling_wijzigen,
        register_services.instelling_laten_vervallen,
    )

    vervallen = _vervallen_actie(Instelling)

    @extend_schema(
        summary="Tijdlijn van een instelling",
        description="Alle gebeurtenissen (audits, besluiten, maatregelen, rapporten) in [van, tot], op datum, "
        "plus de intervallen van certificaatstatus en toezichtniveau. Data inclusief.",
        parameters=[
            OpenApiParameter("van", OpenApiTypes.DATE, description="Begindatum (inclusief); standaard de eerste gebeurtenis."),
            OpenApiParameter("tot", OpenApiTypes.DATE, description="Einddatum (inclusief); standaard vandaag of de laatste gebeurtenis."),
        ],
        responses=s.TijdlijnSerializer,
        filters=False,
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def tijdlijn(self, request, *args, **kwargs):
        return _uit_cache("tijdlijn", request, lambda: self._tijdlijn(request), afkorting=kwargs["afkorting"])

    def _tijdlijn(self, request):
        instelling = self.get_object()
        periode = s.PeriodeSerializer(data=request.query_params)
        periode.is_valid(raise_exception=True)
        van, tot = periode.validated_data.get("van"), periode.validated_data.get("tot")
        tijdlijn = selectors.tijdlijn(instelling, van, tot, lezer=request.user)
        return s.TijdlijnSerializer(tijdlijn, context=self.get_serializer_context()).data

    @extend_schema(
        summary="Certificaatstatus en toezichtniveau op een datum",
        parameters=[OpenApiParameter("datum", OpenApiTypes.DATE, description="De dag (standaard vandaag).")],
        responses=s.StatusSerializer,
        filters=False,
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def status(self, request, *args, **kwargs):
        return _uit_cache("status", request, lambda: self._status(request), afkorting=kwargs["afkorting"])

    def _status(self, request):
        instelling = self.get_object()
        vraag = s.DatumSerializer(data=request.query_params)
        vraag.is_valid(raise_exception=True)
        datum = vraag.validated_data.get("datum") or klok.vandaag()
        data = {
            "instelling": instelling.afkorting,
            "datum": datum,
            "certificaat": selectors.certificaatstatus_op(instelling, datum),
            "status_per_reikwijdte": selectors.certificaatstatus_per_taak_op(instelling, datum),
            "toezicht": selectors.toezichtniveau_op(instelling, datum),
        }
        return s.StatusSerializer(data).data


@_docs(Audit)
class AuditViewSet(RegisterViewSet):
    queryset = Audit.objects.select_related("instelling")
    serializer_class = s.AuditSerializer
    filterset_class = filters.AuditFilter
    diensten = Diensten("audit", kmi.audit_registreren, kmi.audit_corrigeren, kmi.audit_laten_vervallen)

    vervallen = _vervallen_actie(Audit)


@_docs(Certificaatbesluit)
class CertificaatbesluitViewSet(RegisterViewSet):
    queryset = Certificaatbesluit.objects.select_related("instelling").prefetch_related(
        "audits", Prefetch("bezwaren", queryset=selectors.geldige_bezwaren(), to_attr="geldige_bezwaren")
    )
    serializer_class = s.CertificaatbesluitSerializer
    filterset_class = filters.CertificaatbesluitFilter
    diensten = Diensten(
        "besluit", kmi.certificaatbesluit_registreren, kmi.certificaatbesluit_corrigeren, kmi.certificaatbesluit_laten_vervallen
    )

    vervallen = _vervallen_actie(Certificaatbesluit)


@_docs(Bezwaar)
class BezwaarViewSet(RegisterViewSet):
    queryset = Bezwaar.objects.select_related("certificaatbesluit__instelling")
    serializer_class = s.BezwaarSerializer
    filterset_class = filters.BezwaarFilter
    diensten = Diensten("bezwaar", kmi.bezwaar_registreren, kmi.bezwaar_corrigeren, kmi.bezwaar_laten_vervallen)

    vervallen = _vervallen_actie(Bezwaar)


@_docs(Aanvraag)
class AanvraagViewSet(RegisterViewSet):
    queryset = Aanvraag.objects.select_related("instelling")
    serializer_class = s.AanvraagSerializer
    filterset_class = filters.AanvraagFilter
    diensten = Diensten("aanvraag", kmi.aanvraag_registreren, kmi.aanvraag_corrigeren, kmi.aanvraag_laten_vervallen)

    vervallen = _vervallen_actie(Aanvraag)


@_docs(Toezichtbesluit)
class ToezichtbesluitViewSet(RegisterViewSet):
    queryset = Toezichtbesluit.objects.select_related("instelling")
    serializer_class = s.ToezichtbesluitSerializer
    filterset_class = filters.ToezichtbesluitFilter
    diensten = Diensten(
        "besluit",
        inspecties.toezichtbesluit_registreren,
        inspecties.toezichtbesluit_corrigeren,
        inspecties.toezichtbesluit_laten_vervallen,
    )

    vervallen = _vervallen_actie(Toezichtbesluit)


@_docs(Handhavingsmaatregel)
class HandhavingsmaatregelViewSet(RegisterViewSet):
    queryset = Handhavingsmaatregel.objects.select_related("instelling")
    serializer_class = s.HandhavingsmaatregelSerializer
    filterset_class = filters.HandhavingsmaatregelFilter
    diensten = Diensten(
        "maatregel",
        inspecties.handhavingsmaatregel_registreren,
        inspecties.handhavingsmaatregel_corrigeren,
        inspecties.handhavingsmaatregel_laten_vervallen,
    )

    vervallen = _vervallen_actie(Handhavingsmaatregel)


@_docs(Inspectieonderzoek)
class InspectieonderzoekViewSet(RegisterViewSet):
    queryset = Inspectieonderzoek.objects.prefetch_related(
        Prefetch("onderzochte_instellingen", queryset=OnderzochteInstelling.objects.select_related("instelling").order_by("id")),
        Prefetch(
            "oordelen",
            queryset=Oordeel.objects.select_related("thema", "instelling").order_by("instelling__afkorting", "thema__volgorde", "id"),
        ),
    )
    serializer_class = s.InspectieonderzoekSerializer
    filterset_class = filters.InspectieonderzoekFilter
    diensten = Diensten(
        "onderzoek",
        inspecties.inspectieonderzoek_registreren,
        inspecties.inspectieonderzoek_corrigeren,
        inspecties.inspectieonderzoek_laten_vervallen,
    )

    vervallen = _vervallen_actie(Inspectieonderzoek)


@_docs(Thema)
class ThemaViewSet(RegisterViewSet):
    queryset = Thema.objects.all()
    serializer_class = s.ThemaSerializer
    filterset_class = filters.ThemaFilter
    lookup_field = "code"
    lookup_value_regex = "[-a-zA-Z0-9_]+"
    diensten = Diensten("thema", inspecties.thema_registreren, inspecties.thema_corrigeren)


@_docs(Monitormeting)
class MonitormetingViewSet(RegisterViewSet):
    queryset = Monitormeting.objects.select_related("instelling")
    serializer_class = s.MonitormetingSerializer
    filterset_class = filters.MonitormetingFilter
    diensten = Diensten(
        "meting",
        register_services.monitormeting_registreren,
        register_services.monitormeting_corrigeren,
        register_services.monitormeting_laten_vervallen,
    )

    vervallen = _vervallen_actie(Monitormeting)


@_docs(Monitordefinitie)
class MonitordefinitieViewSet(RegisterViewSet):
    queryset = Monitordefinitie.objects.all()
    serializer_class = s.MonitordefinitieSerializer
    filterset_class = filters.MonitordefinitieFilter
    diensten = Diensten(
        "definitie",
        register_services.monitordefinitie_registreren,
        register_services.monitordefinitie_corrigeren,
        register_services.monitordefinitie_laten_vervallen,
    )

    vervallen = _vervallen_actie(Monitordefinitie)


@_docs(Omvang)
class OmvangViewSet(RegisterViewSet):
    queryset = Omvang.objects.all()
    serializer_class = s.OmvangSerializer
    filterset_class = filters.OmvangFilter
    diensten = Diensten(
        "omvang",
        register_services.omvang_registreren,
        register_services.omvang_corrigeren,
        register_services.omvang_laten_vervallen,
    )

    vervallen = _vervallen_actie(Omvang)


@extend_schema_view(
    list=extend_schema(
        summary="Reacties opvragen (wederhoor)",
        description="Gepagineerde lijst van de reacties van het KMI, de inspecties en het ministerie op signalen met "
        "ernst 'hoog' of 'aandacht', met filters op instelling, jaar en code. Iedereen leest ze; ze zijn openbaar. "
        "Het veld signaalBestaatNog zegt of het signaal nu nog geldt (false: het verdween na een correctie).",
    ),
    retrieve=extend_schema(summary="Eén reactie opvragen"),
    create=extend_schema(
        summary="Reactie registreren",
        description="Legt de reactie van uw organisatie vast (rol kmi, inspectie of ministerie); de organisatie volgt "
        "uit uw rol. Alleen op een signaal dat nu voor die instelling in dat jaar geldt (zoals uw variant het ziet; "
        "/api/v1/signalen), anders 400. Per instelling, jaar, signaal en organisatie is er één reactie die telt.",
    ),
    partial_update=extend_schema(
        summary="Reactie corrigeren",
        description="Corrigeert een reactie van uw eigen organisatie. Een reden is verplicht: veld 'reden' in de body "
        "of header 'Reden'.",
    ),
)
class ReactieViewSet(RegisterViewSet):
    queryset = Reactie.objects.select_related("instelling")
    serializer_class = s.ReactieSerializer
    filterset_class = filters.ReactieFilter
    diensten = Diensten(
        "reactie", wederhoor.reactie_registreren, wederhoor.reactie_corrigeren, wederhoor.reactie_laten_vervallen
    )

    vervallen = _vervallen_actie(Reactie)

    def get_serializer(self, *args, **kwargs):
        """For the records shown (a page, or one): whether each one's signal still stands, computed at once."""
        if args and args[0] is not None:
            reacties = list(args[0]) if kwargs.get("many") else [args[0]]
            kwargs.setdefault("context", self.get_serializer_context())
            kwargs["context"]["signaal_bestaat_nog"] = wederhoor_selectors.signaal_bestaat_nog(reacties)
        return super().get_serializer(*args, **kwargs)


@extend_schema_view(
    list=extend_schema(
        summary="Beleidsreacties opvragen",
        description="De beleidsreactie van het ministerie per verslagjaar van het Kameroverzicht (één per jaar). "
        "Iedereen leest ze; ze zijn openbaar.",
    ),
    retrieve=extend_schema(summary="Eén beleidsreactie opvragen"),
    create=extend_schema(
        summary="Beleidsreactie registreren",
        description="Legt de beleidsreactie van het ministerie op een verslagjaar vast (rol ministerie). Per jaar is "
        "er één die telt.",
    ),
    partial_update=extend_schema(
        summary="Beleidsreactie corrigeren",
        description="Corrigeert een beleidsreactie. Een reden is verplicht: veld 'reden' in de body of header 'Reden'.",
    ),
)
class BeleidsreactieViewSet(RegisterViewSet):
    queryset = Beleidsreactie.objects.all()
    serializer_class = s.BeleidsreactieSerializer
    filterset_class = filters.BeleidsreactieFilter
    diensten = Diensten(
        "beleidsreactie", wederhoor.beleidsreactie_registreren, wederhoor.beleidsreactie_corrigeren,
        wederhoor.beleidsreactie_laten_vervallen,
    )

    vervallen = _vervallen_actie(Beleidsreactie)


class WijzigingenViewSet(NietToegestaanEerst, viewsets.GenericViewSet):
    """The change feed over all register resources."""

    serializer_class = s.WijzigingSerializer
    queryset = Instelling.history.none()
    filter_backends = []

    @extend_schema(
        summary="Wijzigingen sinds een tijdstip",
        description="Elke wijziging (create/update) van elke registratie na 'sinds', oudste eerst: resource, id, "
        "type, organisatie, tijdstip (UTC), reden en de gewijzigde velden. Wie geen vertrouwelijke velden mag "
        "lezen (publiek, ministerie) ziet die velden niet, ziet een wijziging van alleen vertrouwelijke velden "
        "helemaal niet, krijgt bij audits en certificaatbesluiten geen reden en geen vervalreden (die kunnen uit "
        "vertrouwelijke velden citeren), en ziet de organisatie in plaats van de gebruikersnaam en het historie-id. "
        "Een inspectierapport onder embargo (rapportdatum na vandaag) en zijn oordelen staan er alleen voor de inspecties "
        "en het ministerie in; voor ieder ander verschijnen ze op de rapportdatum, met het begin van die dag "
        "(Europe/Amsterdam) als tijdstip, zodat wie 'sinds' zijn vorige bevraging vraagt ze dan krijgt.",
        parameters=[
            OpenApiParameter(
                "sinds", OpenApiTypes.DATETIME,
                description="Alleen wijzigingen ná dit tijdstip (ISO 8601; zonder tijdzone: UTC).",
            )
        ],
    )
    def list(self, request, *args, **kwargs):
        vraag = s.SindsSerializer(data=request.query_params)
        vraag.is_valid(raise_exception=True)
        rijen = wijzigingen.gewijzigde_rijen(vraag.validated_data.get("sinds"), lezer=request.user)
        pagina = self.paginate_queryset(rijen)
        items = wijzigingen.wijzigingen(pagina, lezer=request.user)
        return self.get_paginated_response(self.get_serializer(items, many=True).data)


class SignalenViewSet(NietToegestaanEerst, viewsets.GenericViewSet):
    """Alignment signals per GI for a year (DESIGN.md §4): do KMI and inspecties keep pace?"""

    serializer_class = s.InstellingSignalenSerializer
    queryset = Instelling.objects.none()
    filter_backends = []

    @extend_schema(
        summary="Signalen 'in de pas' per instelling voor een jaar",
        description="Per instelling de signalen waar certificering en toezicht uiteenlopen, ernstigste eerst, en het "
        "oordeel in drie waarden: 'niet_in_de_pas' (een signaal met ernst 'hoog' of 'aandacht'), "
        "'onvoldoende_gegevens' (een dag van het jaar ligt vóór de gegevens vanaf van een kant, of in het jaar en de "
        "twee jaren ervoor verscheen geen inspectierapport met een oordeel) of 'in_de_pas', met de basis: welke "
        "thema's in die jaren zijn beoordeeld (rapport, datum) en welke niet.",
        parameters=[s.JaarSerializer],
    )
    def list(self, request, *args, **kwargs):
        vraag = s.JaarSerializer(data=request.query_params)
        vraag.is_valid(raise_exception=True)
        jaar = vraag.validated_data["jaar"]
        # Each reader gets the signals of the facts they may see (DESIGN.md §4): without the right to the audit
        # uitkomst, those of the openbaar variant. The cache keys the answer by the fields the reader may not see.
        openbaar = not vertrouwelijkheid.mag_veld_lezen(request.user, "certification.audit", "aantal_kritische_afwijkingen")
        return _uit_cache("signalen", request, lambda: self._pagina(jaar, openbaar))

    def _pagina(self, jaar: int, openbaar: bool) -> dict:
        # A page of GI's first (ordered by afkorting), then the signals of only those GI's.
        pagina = self.paginate_queryset(
            Instelling.objects.filter(vervallen=False).order_by("afkorting").only("id", "afkorting")
        )
        return self.get_paginated_response(self._items(jaar, pagina, openbaar)).data

    @staticmethod
    def _items(jaar: int, pagina, openbaar: bool) -> list[dict]:
        """The items of a page of GI's, serialized, assembled from a part per GI in the cache (register/cache.py):
        each GI's signals under that GI's version (register/standversie.py), as the serializer renders them, so after
        a write only the GI written is derived and serialized again (the signals of a GI read only its own records and
        the global ones). The openbaar variant's parts in the shared cache, the vertrouwelijk one's in this process
        only (``VERTROUWELIJK``)."""
        opslag = gedeelde_cache if openbaar else cache.VERTROUWELIJK
        versies = standversie.versies_per_gi(openbaar=openbaar)
        vandaag = klok.vandaag()
        sleutels = {gi.afkorting: _signalen_sleutel(vandaag, jaar, openbaar, gi.afkorting) for gi in pagina}
        bewaard = cache.delen_lezen(opslag, list(sleutels.values()))
        items = {}
        for gi in pagina:
            gevonden = bewaard.get(sleutels[gi.afkorting])
            if gevonden is not None and gevonden[0] == versies(gi.afkorting):
                items[gi.afkorting] = gevonden[1]
        ontbrekend = [gi for gi in pagina if gi.afkorting not in items]
        if ontbrekend:
            per_instelling = pasoordelen_per_instelling(jaar, {gi.id for gi in ontbrekend}, openbaar=openbaar)
            nieuw = {gi.afkorting: SignalenViewSet._item(jaar, gi.afkorting, *per_instelling[gi.afkorting]) for gi in ontbrekend}
            opslag.set_many({sleutels[a]: (versies(a), item) for a, item in nieuw.items()}, cache.BEWAARTERMIJN)
            items |= nieuw
        return [items[gi.afkorting] for gi in pagina]

    @staticmethod
    def _item(jaar: int, afkorting: str, lijst, oordeel) -> dict:
        """One GI's part of a page, as the serializer renders it (what the cache keeps)."""
        return s.InstellingSignalenSerializer({
            "instelling": afkorting,
            "jaar": jaar,
            "pasoordeel": pasoordeel_data(oordeel),
            "signalen": [
                {
                    "code": signaal.code,
                    "ernst": signaal.ernst,
                    "perioden": [
                        {"van": van, "tot": tot, "van_datumkwaliteit": signalen.begin_kwaliteit(signaal, i),
                         "tot_datumkwaliteit": signalen.eind_kwaliteit(signaal, i)}
                        for i, (van, tot) in enumerate(signaal.perioden)
                    ],
                    "uitleg": signaal.uitleg,
                }
                for signaal in lijst
            ],
        }).data


def _signalen_sleutel(vandaag, jaar: int, openbaar: bool, afkorting: str) -> str:
    """The key of one GI's part of /api/v1/signalen (``SignalenViewSet._items``); its version is kept with it."""
    return cache.sleutel("signalen-gi", vandaag, jaar, openbaar, afkorting)


# How many years back from this one a write refreshes the parts of /api/v1/signalen of (and next year): a part of an
# earlier year is derived again by its next reader, as always.
SIGNALEN_JAREN = 10


def signalen_delen_verversen(stand, versies, instelling_ids: set[int]) -> None:
    """After the signal evaluation of a write (vroegsignalering/services.py ``NA_EVALUATIE``), from the register
    state it read: the public part of /api/v1/signalen of each GI written (at most NA_SCHRIJVEN_GI), for every year
    of SIGNALEN_JAREN (the ones read most) the shared cache holds a part of that is now behind. The next reader of a
    page then only puts the parts together instead of reading that GI's records again. ``versies``: the public versions read before ``stand``, so a part is
    never kept under a version its data is behind of. Off with AFGELEID_NA_SCHRIJVEN = False."""
    if not getattr(settings, "AFGELEID_NA_SCHRIJVEN", True):
        return
    vandaag = klok.vandaag()
    gis = [gi for gi in stand["instellingen"] if gi.id in instelling_ids][: cache.NA_SCHRIJVEN_GI]
    for gi in gis:
        sleutels = {jaar: _signalen_sleutel(vandaag, jaar, True, gi.afkorting)
                    for jaar in range(max(EERSTE_JAAR, vandaag.year - SIGNALEN_JAREN), vandaag.year + 2)}
        bewaard = cache.delen_lezen(gedeelde_cache, list(sleutels.values()))
        versie = versies(gi.afkorting)
        jaren = [jaar for jaar, sleutel in sleutels.items() if sleutel in bewaard and bewaard[sleutel][0] != versie]
        nieuw = {}
        for jaar in jaren:
            lijst, oordeel = pasoordelen_per_instelling(jaar, {gi.id}, openbaar=True, stand=stand)[gi.afkorting]
            nieuw[sleutels[jaar]] = (versie, SignalenViewSet._item(jaar, gi.afkorting, lijst, oordeel))
        if nieuw:
            gedeelde_cache.set_many(nieuw, cache.BEWAARTERMIJN)


# What the JSON of an archived overview is; api/schema.py links the JSON Schema (externalDocs) from it.
KAMEROVERZICHT_GEGEVENS = (
    "De gegevens van het Kameroverzicht (snake_case, datums als JJJJ-MM-DD), zoals beschreven door het JSON Schema "
    "(draft 2020-12) van hun 'schema_versie'."
)


class ArchiefViewSet(NietToegestaanEerst, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """An archive of documents (the Kamer overviews, DESIGN.md §5; the aanleidingenoverzichten, §5a): list, generate,
    and fetch as PDF or JSON. Each archive names its document, the serializer of a request to make one, the
    selector of what a user may read, the service that makes one and the renderers of its formats.

    The ministry sees and makes the openbaar variant; toezichthouders also the vertrouwelijk one.
    An archived document never changes: there is no PATCH, PUT or DELETE."""

    http_method_names = ["get", "post", "head", "options"]
    permission_classes = [KameroverzichtRechten]
    model: type  # the archived document (reports/models.py)
    aanmaken_serializer: type
    lijst: Callable  # staticmethod: the documents the user may read
    genereren: Callable  # staticmethod: the service that makes and archives one
    renderers: dict

    @property
    def documentnaam(self) -> str:
        """How the messages on the rights name the document (api/permissions.py)."""
        return self.model.documentnaam

    def get_queryset(self):
        return self.lijst(self.request.user).order_by("-aangemaakt_op", "-id")

    def create(self, request, *args, **kwargs):
        vraag = self.aanmaken_serializer(data=request.data)
        vraag.is_valid(raise_exception=True)
        overzicht = self.genereren(actor=request.user, **vraag.validated_data)
        locatie = request.build_absolute_uri(reverse(f"api:{self.basename}-detail", args=[overzicht.pk]))
        data = self.get_serializer(overzicht).data
        # unchanged data: the archived entry, not a second identical one (200 instead of 201)
        nieuw = not getattr(overzicht, "hergebruikt", False)
        return Response(data, status=status.HTTP_201_CREATED if nieuw else status.HTTP_200_OK, headers={"Location": locatie})

    @extend_schema(
        description="Het PDF-bestand zoals gearchiveerd; de sha256 ervan is 'pdfSha256'.",
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
        filters=False,
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def pdf(self, request, *args, **kwargs):
        return bestand(self.get_object(), "pdf", renderers=self.renderers)

    @extend_schema(filters=False)
    @action(detail=True, methods=["get"], url_path="json", url_name="json", filter_backends=[], pagination_class=None)
    def json_bestand(self, request, *args, **kwargs):
        return bestand(self.get_object(), "json", soort="application/json", renderers=self.renderers)


@extend_schema_view(
    list=extend_schema(summary="Gearchiveerde Kameroverzichten opvragen", description="Nieuwste eerst, met filters."),
    retrieve=extend_schema(summary="Eén gearchiveerd Kameroverzicht opvragen"),
    create=extend_schema(
        summary="Kameroverzicht aanmaken en archiveren",
        description="Stelt het overzicht samen uit het register zoals vastgelegd aan het einde van de peildatum, "
        "maakt de PDF en bewaart beide onveranderlijk in het archief. Dezelfde gegevens en peildatum geven "
        "een byte-identieke PDF; staat dat overzicht al in het archief, dan komt het bestaande terug (200) in plaats "
        "van een tweede, gelijk exemplaar (201 bij een nieuw overzicht). De vertrouwelijke variant is alleen voor toezichthouders.",
        request=s.KameroverzichtAanmakenSerializer,
        responses={201: s.KameroverzichtSerializer, 200: s.KameroverzichtSerializer},
    ),
    pdf=extend_schema(summary="PDF van een gearchiveerd Kameroverzicht"),
    json_bestand=extend_schema(
        summary="Gegevens van een gearchiveerd Kameroverzicht als JSON",
        description="Dezelfde inhoud als de PDF, als JSON-document zoals gearchiveerd (en zoals "
        "'manage.py kameroverzicht --json' het schrijft). Het document behoudt zijn eigen veldnamen, zodat "
        "'dataSha256' erover na te rekenen blijft.",
        responses={
            (200, "application/json"): OpenApiResponse(
                response={"type": "object", "description": KAMEROVERZICHT_GEGEVENS},
                description=f"De gegevens, volgens het JSON Schema '{gegevensschema.bestandsnaam()}' "
                f"(GET /schemas/kameroverzicht-v{gegevensschema.SCHEMA_VERSIE}).",
            )
        },
    ),
)
class KameroverzichtViewSet(ArchiefViewSet):
    """The archive of Kamer overviews (DESIGN.md §5)."""

    model = Kameroverzicht
    serializer_class = s.KameroverzichtSerializer
    aanmaken_serializer = s.KameroverzichtAanmakenSerializer
    filterset_class = filters.KameroverzichtFilter
    lijst = staticmethod(report_selectors.kameroverzichten_voor)
    genereren = staticmethod(kameroverzicht_genereren)
    renderers = RENDERERS


@extend_schema_view(
    list=extend_schema(summary="Gearchiveerde aanleidingenoverzichten opvragen", description="Nieuwste eerst, met filters."),
    retrieve=extend_schema(summary="Eén gearchiveerd aanleidingenoverzicht opvragen"),
    create=extend_schema(
        summary="Aanleidingenoverzicht aanmaken en archiveren",
        description="Zet per instelling op een rij wat er tussen 'van' en 'tot' (beide inclusief) gebeurde, uit het "
        "register zoals vastgelegd aan het einde van de peildatum, maakt de PDF en bewaart beide onveranderlijk. "
        "Zonder 'van' begint het bij de einddatum van het vorige gearchiveerde aanleidingenoverzicht. Dezelfde "
        "gegevens geven een byte-identieke PDF; staat dat overzicht al in het archief, dan komt het bestaande terug "
        "(200) in plaats van een tweede (201 bij een nieuw overzicht). De vertrouwelijke variant is alleen voor "
        "toezichthouders.",
        request=s.AanleidingenoverzichtAanmakenSerializer,
        responses={201: s.AanleidingenoverzichtSerializer, 200: s.AanleidingenoverzichtSerializer},
    ),
    pdf=extend_schema(summary="PDF van een gearchiveerd aanleidingenoverzicht"),
    json_bestand=extend_schema(
        summary="Gegevens van een gearchiveerd aanleidingenoverzicht als JSON",
        description="Dezelfde inhoud als de PDF, als JSON-document zoals gearchiveerd (snake_case, datums als "
        "JJJJ-MM-DD); 'dataSha256' is erover na te rekenen.",
        responses={(200, "application/json"): OpenApiResponse(
            response={"type": "object", "description": "De gegevens van het aanleidingenoverzicht."},
            description="De gegevens, zoals gearchiveerd.",
        )},
    ),
)
class AanleidingenoverzichtViewSet(ArchiefViewSet):
    """The archive of aanleidingenoverzichten (DESIGN.md §5a), under the rights of the Kamer overviews; also as CSV."""

    model = Aanleidingenoverzicht
    serializer_class = s.AanleidingenoverzichtSerializer
    aanmaken_serializer = s.AanleidingenoverzichtAanmakenSerializer
    filterset_class = filters.AanleidingenoverzichtFilter
    lijst = staticmethod(report_selectors.aanleidingenoverzichten_voor)
    genereren = staticmethod(aanleidingenoverzicht_genereren)
    renderers = AANLEIDINGEN_RENDERERS

    @extend_schema(
        summary="Aanleidingen van een gearchiveerd aanleidingenoverzicht als CSV",
        description="Eén regel per aanleiding (puntkomma-gescheiden, UTF-8 met BOM).",
        responses={(200, "text/csv"): OpenApiTypes.BINARY},
        filters=False,
    )
    @action(detail=True, methods=["get"], url_path="csv", url_name="csv", filter_backends=[], pagination_class=None)
    def csv_bestand(self, request, *args, **kwargs):
        return bestand(self.get_object(), "csv", renderers=self.renderers)


class TokenViewSet(NietToegestaanEerst, viewsets.GenericViewSet):
    """Tokens for systems (KMI, inspecties): issued and revoked by functional admin through the token service."""

    permission_classes = [TokenBeheer]
    filter_backends = []
    serializer_class = s.TokenSerializer
    queryset = ApiToken.objects.select_related("gebruiker").order_by("gebruiker__username")
    lookup_field = "gebruiker__username"
    lookup_url_kwarg = "gebruiker"
    lookup_value_regex = r"[\w.@+-]+"
    http_method_names = ["get", "post", "delete", "head", "options"]

    @extend_schema(summary="Uitgegeven tokens opvragen")
    def list(self, request, *args, **kwargs):
        pagina = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(pagina, many=True).data)

    @extend_schema(summary="Token van een gebruiker opvragen (zonder de sleutel)")
    def retrieve(self, request, *args, **kwargs):
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(
        summary="Token uitgeven",
        description="Geeft de gebruiker een nieuw token; een bestaand token van die gebruiker vervalt daarmee. "
        "Systeemaccounts, inactieve accounts en uzelf krijgen geen token; een superuser alleen van een superuser. "
        "De uitgifte staat in de historie van het account (wie, voor wie, wanneer, reden uit de header 'Reden').",
        request=s.TokenAanmakenSerializer,
        responses={201: s.NieuwTokenSerializer},
        parameters=[REDEN_HEADER],
    )
    def create(self, request, *args, **kwargs):
        vraag = s.TokenAanmakenSerializer(data=request.data)
        vraag.is_valid(raise_exception=True)
        token = gebruikers_services.token_uitgeven(
            actor=request.user, gebruikersnaam=vraag.validated_data["gebruiker"], reden=_reden(request, {})
        )
        return Response(s.NieuwTokenSerializer(token).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Token intrekken", responses={204: None}, parameters=[REDEN_HEADER])
    def destroy(self, request, *args, **kwargs):
        token = self.get_object()
        gebruikers_services.token_intrekken(actor=request.user, gebruiker=token.gebruiker, reden=_reden(request, {}))
        return Response(status=status.HTTP_204_NO_CONTENT)


class KameroverzichtSchemaView(APIView):
    """The JSON Schema of the Kamer overview's data (reports/schema/), readable without login."""

    authentication_classes = []
    permission_classes = []
    versie = gegevensschema.SCHEMA_VERSIE

    @extend_schema(
        summary="JSON Schema van de gegevens van een Kameroverzicht",
        description=f"Het JSON Schema (draft 2020-12) van de gegevens die GET /kameroverzichten/{{id}}/json geeft, "
        f"schema_versie {gegevensschema.SCHEMA_VERSIE}. Een nieuwe versie van de gegevens krijgt een nieuw schema op een "
        "eigen adres; dit adres blijft dezelfde inhoud geven.",
        responses={(200, "application/schema+json"): OpenApiTypes.OBJECT},
        tags=["kameroverzichten"],
    )
    def get(self, request, *args, **kwargs):
        return HttpResponse(gegevensschema.pad(self.versie).read_bytes(), content_type="application/schema+json")


class OpenApiJsonView(SpectacularJSONAPIView):
    """The OpenAPI 3 document, readable without login."""

    authentication_classes = []
    permission_classes = []


class OpenApiYamlView(SpectacularYAMLAPIView):
    authentication_classes = []
    permission_classes = []


class DocsView(SpectacularSwaggerSplitView):
    """Interactive documentation (Swagger UI from drf-spectacular-sidecar, no external assets)."""

    authentication_classes = []
    permission_classes = []
