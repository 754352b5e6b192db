"""Shapes of the API resources. Serializers check shape and type only; every rule lives in the models
and services. Keys are camelCase; confidential fields are removed for readers without the right role."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.settings import api_settings

from register.camel import camel
from api.meldingen import NederlandseMeldingen
from certification.models import Aanvraag, Audit, Bezwaar, Certificaatbesluit
from register.models import Instelling, Monitordefinitie, Monitormeting, Omvang
from register import tekens, vertrouwelijkheid
from register.teksten import DATUMKWALITEIT
from signalen import pasoordeel
from signalen import regels as signalen
from reports.models import Aanleidingenoverzicht, Kameroverzicht
from reports.services import EERSTE_JAAR, LAATSTE_JAAR
from supervision.models import (
    Handhavingsmaatregel, Inspectieonderzoek, OnderzochteInstelling, Oordeel, Thema, Toezichtbesluit,
)
from wederhoor.models import Beleidsreactie, Reactie


class UtcDateTimeField(serializers.DateTimeField):
    """Timestamps in UTC with a 'Z' suffix."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default_timezone", dt.timezone.utc)
        super().__init__(*args, **kwargs)


VERTROUWELIJK_UITLEG = (
    "Vertrouwelijk: alleen voor KMI, inspecties, RvA en beheer; ontbreekt (ook als sleutel) in antwoorden aan anderen."
)
# The moment of the latest change moves also when only a confidential field changed (register/vertrouwelijkheid.py).
VOLGT_ELKE_WIJZIGING_UITLEG = (
    "Tijdstip van de laatste wijziging, ook van een vertrouwelijk veld; daarom alleen voor KMI, inspecties, RvA en "
    "beheer en ontbreekt het (ook als sleutel) in antwoorden aan anderen. Zij vinden de tijdstippen van de wijzigingen "
    "die zij mogen zien in /wijzigingen."
)
# A reason on the record may quote the confidential fields, like the reason of a change (register/vertrouwelijkheid.py).
REDEN_UITLEG = (
    "Reden waarom de registratie is vervallen. Kan uit de vertrouwelijke velden citeren; daarom, zoals de reden van "
    "een wijziging, alleen voor KMI, inspecties, RvA en beheer en ontbreekt het (ook als sleutel) in antwoorden aan "
    "anderen."
)
UITLEG_VOLGT_VERTROUWELIJK = {"wijziging": VOLGT_ELKE_WIJZIGING_UITLEG, "reden": REDEN_UITLEG}
# The descriptions of fields that are absent for some readers (never required in the OpenAPI document).
UITLEG_SOMS_AFWEZIG = (VERTROUWELIJK_UITLEG, *UITLEG_VOLGT_VERTROUWELIJK.values())


def is_schema_generatie(context) -> bool:
    return bool(context and getattr(context.get("view"), "swagger_fake_view", False))


class TekstField(serializers.CharField):
    """Text must be sent as a JSON string; numbers and booleans are refused instead of converted."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


def lezer(context):
    """The user the response is for (anonymous without a request)."""
    request = context.get("request") if context else None
    return getattr(request, "user", None)


def verborgen_velden(context, model) -> frozenset[str]:
    """Fields of ``model`` the reader may not see, by the confidentiality policy. The OpenAPI document
    describes every field (marked confidential), so schema generation hides nothing."""
    if is_schema_generatie(context):
        return frozenset()
    return vertrouwelijkheid.verborgen_velden(lezer(context), model)


def _hernoem(naam: str, field) -> str:
    nieuw = camel(naam)
    if nieuw != naam and field.source is None:
        field.source = naam
    return nieuw


def _alleen_lezen_melding(sleutel: str) -> str:
    melding = f"Het veld '{sleutel}' wordt door het register zelf bijgehouden en kan niet worden meegestuurd; laat het weg."
    if sleutel in ("vervallen", "vervalreden"):
        melding += " Een onjuiste registratie laat u vervallen met POST op …/{id}/vervallen, met een reden."
    return melding


# At most this many unknown or read-only keys are named in an answer; the rest are counted (a body of many thousands
# of keys gets a short answer, in time linear in its size).
MAX_GENOEMDE_VELDEN = 20


class OnbekendeVeldenWeigeren:
    """Unknown keys in a request body are refused, so a typo (or snake_case) never passes silently; so are
    read-only keys (id, vervallen, aangemaaktOp, …), which would otherwise be ignored without a word."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            velden = self.fields
            fouten = {}
            meer = 0
            for sleutel in data:
                veld = velden.get(sleutel)
                if veld is not None and not veld.read_only:
                    continue
                if len(fouten) >= MAX_GENOEMDE_VELDEN:
                    meer += 1
                    continue
                naam = tekens.zichtbaar(str(sleutel))
                if veld is None:
                    fouten[naam] = [serializers.ErrorDetail(
                        f"Onbekend veld '{naam}'. Gebruik de veldnamen uit de OpenAPI-specificatie (camelCase).",
                        code="unknown_field",
                    )]
                else:
                    fouten[naam] = [serializers.ErrorDetail(_alleen_lezen_melding(naam), code="read_only")]
            if meer:
                fouten[api_settings.NON_FIELD_ERRORS_KEY] = [serializers.ErrorDetail(
                    f"En nog {meer} andere onbekende of niet te wijzigen velden. Stuur alleen de velden uit de "
                    "OpenAPI-specificatie (camelCase).",
                    code="unknown_field",
                )]
            if fouten:
                raise serializers.ValidationError(fouten)
        return super().to_internal_value(data)


class CamelModelSerializer(NederlandseMeldingen, OnbekendeVeldenWeigeren, serializers.ModelSerializer):
    """ModelSerializer with camelCase keys and confidential fields absent for non-readers."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateTimeField: UtcDateTimeField,
        models.CharField: TekstField,
        models.TextField: TekstField,
    }

    def get_fields(self):
        fields = super().get_fields()
        model = self.Meta.model
        verborgen = verborgen_velden(self.context, model)
        result = {}
        for naam, field in fields.items():
            if naam in verborgen:
                continue  # absent, not null: the key itself is not shown
            if vertrouwelijkheid.is_vertrouwelijk(model, naam):
                # the field's own meaning (e.g. "null: onbekend") first, then who may read it
                eigen = str(field.help_text or "").strip()
                field.help_text = f"{eigen} {VERTROUWELIJK_UITLEG}" if eigen else VERTROUWELIJK_UITLEG
            elif vertrouwelijkheid.volgt_vertrouwelijk(model, naam):
                field.help_text = UITLEG_VOLGT_VERTROUWELIJK[vertrouwelijkheid.volgt_vertrouwelijk(model, naam)]
            result[_hernoem(naam, field)] = field
        return result


FEIT_VELDEN = ["bron", "datumkwaliteit", "datum_toelichting", "vervallen", "vervalreden", "aangemaakt_op", "gewijzigd_op"]
FEIT_ALLEEN_LEZEN = ["vervallen", "vervalreden", "aangemaakt_op", "gewijzigd_op"]


class RedenMixin(serializers.Serializer):
    reden = TekstField(
        write_only=True,
        required=False,
        allow_blank=True,
        max_length=2000,
        help_text="Reden van de registratie of correctie; verplicht bij PATCH. Wordt in de historie bewaard.",
    )


def instelling_veld(**kwargs):
    kwargs.setdefault("help_text", "Afkorting van de instelling (GI), bijvoorbeeld JBN.")
    return serializers.SlugRelatedField(
        slug_field="afkorting",
        queryset=Instelling.objects.all(),
        error_messages={
            "does_not_exist": "Er is geen instelling met afkorting '{value}'. De instellingen staan in /api/v1/instellingen.",
            "invalid": "Geef de afkorting van een instelling als tekst, bijvoorbeeld JBN.",
        },
        **kwargs,
    )


class InstellingSerializer(RedenMixin, CamelModelSerializer):
    opvolger = instelling_veld(required=False, allow_null=True)

    class Meta:
        model = Instelling
        fields = [
            "id", "afkorting", "naam", "soort", "werkgebied", "kvk_nummer", "actief_vanaf", "actief_tot",
            "certificering_vanaf", "toezicht_vanaf", "nog_niets_vastgelegd", "opvolger", *FEIT_VELDEN, "reden",
        ]
        read_only_fields = ["id", *FEIT_ALLEEN_LEZEN]
        validators = []


class AuditSerializer(RedenMixin, CamelModelSerializer):
    instelling = instelling_veld()

    class Meta:
        model = Audit
        fields = [
            "id", "instelling", "soort", "startdatum", "einddatum", "normenkader_versie",
            "aantal_kritische_afwijkingen", "aantal_afwijkingen", "hersteltermijn", "samenvatting",
            "rapportkenmerk", *FEIT_VELDEN, "reden",
        ]
        read_only_fields = ["id", *FEIT_ALLEEN_LEZEN]
        validators = []


class BezwaarBijBesluitSerializer(NederlandseMeldingen, serializers.Serializer):
    """A bezwaar or beroep as shown beside its besluit (the whole record: /api/v1/bezwaren/{id}); keys in camelCase."""

    id = serializers.IntegerField()
    soort = serializers.ChoiceField(choices=Bezwaar.Soort.values)
    ingediendOp = serializers.DateField(source="ingediend_op")
    uitkomst = serializers.ChoiceField(choices=Bezwaar.Uitkomst.values)
    datumUitkomst = serializers.DateField(source="datum_uitkomst", allow_null=True)
    bron = serializers.CharField()


class CertificaatbesluitSerializer(RedenMixin, CamelModelSerializer):
    instelling = instelling_veld()
    audits = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=Audit.objects.all(), help_text="Id's van de audits waarop het besluit berust.",
        error_messages={
            "does_not_exist": "Er is geen audit met id {pk_value}.",
            "incorrect_type": "Geef het id van een audit als geheel getal.",
            "not_a_list": "Geef de audits als lijst van id's, bijvoorbeeld [3].",
        },
    )

    bezwaren = serializers.SerializerMethodField(
        help_text="Bezwaar en beroep tegen dit besluit (niet vervallen), in de volgorde van indienen; alleen-lezen, "
        "vastleggen via /api/v1/bezwaren."
    )

    class Meta:
        model = Certificaatbesluit
        fields = [
            "id", "instelling", "status", "reikwijdte", "bezwaren", "besluitdatum", "ingangsdatum", "geldig_tot", "geldig_tot_onbekend",
            "audits", "motivering_openbaar", "motivering_vertrouwelijk", "kenmerk", "afweging", "afweging_herkomst",
            "afweging_bron", "afweging_vertrouwelijk", *FEIT_VELDEN, "reden",
        ]
        read_only_fields = ["id", *FEIT_ALLEEN_LEZEN]
        validators = []


    @extend_schema_field(BezwaarBijBesluitSerializer(many=True))
    def get_bezwaren(self, obj) -> list:
        """From the prefetch of the view's queryset (api/views.py), else read for this one besluit."""
        bezwaren = getattr(obj, "geldige_bezwaren", None)
        if bezwaren is None:
            bezwaren = obj.bezwaren.filter(vervallen=False).order_by("ingediend_op", "id")
        return BezwaarBijBesluitSerializer(bezwaren, many=True).data

    def get_fields(self):
        """The reikwijdte is a required choice for a new besluit ('onbekend' only when chosen, never by omission)."""
        fields = super().get_fields()
        if "reikwijdte" in fields:
            fields["reikwijdte"].required = self.instance is None and not self.partial
        return fields


class BezwaarSerializer(RedenMixin, CamelModelSerializer):
    certificaatbesluit = serializers.PrimaryKeyRelatedField(
        queryset=Certificaatbesluit.objects.all(), help_text="Id van het certificaatbesluit waartegen het zich richt.",
        error_messages={
            "does_not_exist": "Er is geen certificaatbesluit met id {pk_value}. De besluiten staan in "
            "/api/v1/certificaatbesluiten.",
            "incorrect_type": "Geef het id van een certificaatbesluit als geheel getal.",
        },
    )
    instelling = serializers.SlugRelatedField(
        source="certificaatbesluit.instelling", slug_field="afkorting", read_only=True,
        help_text="Afkorting van de instelling van het besluit.",
    )

    class Meta:
        model = Bezwaar
        fields = [
            "id", "certificaatbesluit", "instelling", "soort", "ingediend_op", "uitkomst", "datum_uitkomst", *FEIT_VELDEN,
            "reden",
        ]
        read_only_fields = ["id", *FEIT_ALLEEN_LEZEN]
        validators = []


class AanvraagSerializer(RedenMixin, CamelModelSerializer):
    instelling = instelling_veld(required=False, allow_null=True)
    certificaatbesluit = serializers.PrimaryKeyRelatedField(
        queryset=Certificaatbesluit.objects.all(), required=False, allow_null=True,
        help_text="Uitkomst: id van het certificaatbesluit op de aanvraag (van dezelfde instelling).",
        error_messages={
            "does_not_exist": "Er is geen certificaatbesluit met id {pk_value}.",
            "incorrect_type": "Geef het id van een certificaatbesluit als geheel getal.",
        },
    )
    aanvrager = serializers.CharField(read_only=True, help_text="De naam van de aanvrager (openbaar).")
    in_behandeling = serializers.BooleanField(read_only=True, help_text="Nog zonder besluit en niet ingetrokken.")

    class Meta:
        model = Aanvraag
        fields = [
            "id", "instelling", "organisatie", "aanvrager", "soort", "ingediend_op", "afgehandeld_op",
            "certificaatbesluit", "ingetrokken", "in_behandeling", *FEIT_VELDEN, "reden",
        ]
        read_only_fields = ["id", *FEIT_ALLEEN_LEZEN]
        validators = []


class ToezichtbesluitSerializer(RedenMixin, CamelModelSerializer):
    instelling = instelling_veld()

    class Meta:
        model = Toezichtbesluit
        fields = [
            "id", "instelling", "niveau", "door", "besluitdatum", "ingangsdatum", "voorziene_einddatum",
            "aanleiding", *FEIT_VELDEN, "reden",
        ]
        read_only_fields = ["id", *FEIT_ALLEEN_LEZEN]
        validators = []


class HandhavingsmaatregelSerializer(RedenMixin, CamelModelSerializer):
    instelling = instelling_veld()

    class Meta:
        model = Handhavingsmaatregel
        fields = ["id", "instelling", "soort", "door", "datum", "termijn", "zakelijke_weergave", *FEIT_VELDEN, "reden"]
        read_only_fields = ["id", *FEIT_ALLEEN_LEZEN]
        validators = []


class OnderzochteInstellingSerializer(CamelModelSerializer):
    instelling = instelling_veld()

    class Meta:
        model = OnderzochteInstelling
        fields = ["instelling", "zienswijze", "zienswijze_bron"]
        validators = []


class OordeelSerializer(CamelModelSerializer):
    instelling = instelling_veld(
        required=False,
        help_text="Afkorting van de GI waarover het oordeel gaat: een van de instellingen van het onderzoek. Mag "
        "ontbreken als het onderzoek over één instelling gaat.",
    )
    thema = serializers.SlugRelatedField(
        slug_field="code", queryset=Thema.objects.all(), help_text="Code van het thema, bijvoorbeeld goed_bestuur.",
        error_messages={
            "does_not_exist": "Er is geen thema met code '{value}'. De thema's staan in /api/v1/themas.",
            "invalid": "Geef de code van een thema als tekst, bijvoorbeeld goed_bestuur.",
        },
    )

    class Meta:
        model = Oordeel
        fields = ["id", "instelling", "thema", "waarde", "toelichting", "oorzaken"]
        read_only_fields = ["id"]
        validators = []


ENIGE_INSTELLING = "instelling"
# Where the alias puts the GI it read, for ``InspectieonderzoekSerializer.validate`` (never a key of a request).
_ENIGE_INSTELLING_GELEZEN = "_enige_instelling"
ENIGE_INSTELLING_UITLEG = (
    "Verouderd (gebruik instellingen); blijft voor clients van vóór de rapporten over meer GI's. Lezen: de afkorting "
    "van de instelling als het rapport over precies één instelling gaat, null als het over meer instellingen gaat. "
    "Schrijven: een afkorting staat voor instellingen: [{\"instelling\": <afkorting>}]; instellingen mag dan "
    "ontbreken. Wie beide stuurt, moet in instellingen precies die ene instelling noemen; null betekent: niets."
)


@extend_schema_field({"type": "string", "nullable": True, "deprecated": True, "example": "JBN"})
class EnigeInstellingVeld(serializers.Field):
    """The field ``instelling`` of an inspectieonderzoek from before reports on several GI's, kept as a deprecated
    alias of ``instellingen`` (README, API): read, the afkorting of the report's one GI (null for several); written,
    one afkorting, read as ``instellingen: [that]`` (``InspectieonderzoekSerializer``)."""

    def __init__(self, **kwargs):
        self.afkorting = instelling_veld()  # the same lookup and messages as every other field that names a GI
        super().__init__(source="*", required=False, allow_null=True, help_text=ENIGE_INSTELLING_UITLEG, **kwargs)

    def run_validation(self, data=serializers.empty):
        if data is None:
            return {}  # null: what a read of a report on several GI's gives back; it asks for nothing
        return super().run_validation(data)

    def to_internal_value(self, data):
        return {_ENIGE_INSTELLING_GELEZEN: self.afkorting.to_internal_value(data)}

    def to_representation(self, onderzoek):
        koppelingen = list(onderzoek.onderzochte_instellingen.all())
        return koppelingen[0].instelling.afkorting if len(koppelingen) == 1 else None


class InspectieonderzoekSerializer(RedenMixin, CamelModelSerializer):
    instelling = EnigeInstellingVeld()
    instellingen = OnderzochteInstellingSerializer(
        many=True,
        source="onderzochte_instellingen",
        allow_empty=False,
        help_text="De instellingen (GI's) waarover het rapport gaat, elk met haar zienswijze zoals met het rapport "
        "gepubliceerd (leeg: geen zienswijze vastgelegd). Bij PATCH de volledige lijst: een instelling die er niet "
        "meer in staat, wordt uit het onderzoek gehaald (alleen als zij er geen oordelen in heeft).",
        error_messages={"empty": "Een inspectieonderzoek gaat over ten minste één instelling; noem er een."},
    )
    oordelen = OordeelSerializer(
        many=True,
        required=False,
        help_text="Oordelen per instelling en thema. Bij PATCH worden de genoemde oordelen toegevoegd of gecorrigeerd.",
    )

    def to_internal_value(self, data):
        """``instelling`` without ``instellingen``: read as ``instellingen: [{"instelling": …}]`` (the deprecated
        alias); an error in it is named once, at ``instelling``."""
        aangevuld = (
            isinstance(data, dict) and data.get(ENIGE_INSTELLING) is not None and "instellingen" not in data
        )
        if aangevuld:
            data = {**data, "instellingen": [{"instelling": data[ENIGE_INSTELLING]}]}
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError as exc:
            if aangevuld and isinstance(exc.detail, dict) and ENIGE_INSTELLING in exc.detail:
                exc.detail.pop("instellingen", None)
            raise

    def validate(self, attrs):
        attrs = super().validate(attrs)
        enige = attrs.pop(_ENIGE_INSTELLING_GELEZEN, None)
        if enige is not None:
            genoemd = [gegevens["instelling"] for gegevens in attrs.get("onderzochte_instellingen", ())]
            if genoemd != [enige]:
                raise serializers.ValidationError({ENIGE_INSTELLING: (
                    f"instelling ({enige.afkorting}) en instellingen ({', '.join(i.afkorting for i in genoemd)}) "
                    "spreken elkaar tegen. Stuur alleen instellingen (instelling is verouderd), of noem in instellingen "
                    "precies de instelling uit instelling."
                )})
        if "onderzochte_instellingen" in attrs:  # the services name them as the API does
            attrs["instellingen"] = attrs.pop("onderzochte_instellingen")
        return attrs

    class Meta:
        model = Inspectieonderzoek
        fields = [
            "id", "instelling", "instellingen", "soort", "door", "bezoek_van", "bezoek_tot", "rapportdatum", "titel", "url",
            "samenvatting", "oorzaken", "vertrouwen_verbeterkracht", "oordelen", *FEIT_VELDEN, "reden",
        ]
        read_only_fields = ["id", *FEIT_ALLEEN_LEZEN]
        validators = []


class ThemaSerializer(RedenMixin, CamelModelSerializer):
    class Meta:
        model = Thema
        fields = ["id", "code", "naam", "omschrijving", "volgorde", "actief", "reden"]
        read_only_fields = ["id"]
        validators = []


class OmvangSerializer(RedenMixin, CamelModelSerializer):
    class Meta:
        model = Omvang
        fields = ["id", "datum", "aantal", "toelichting", *FEIT_VELDEN, "reden"]
        read_only_fields = ["id", *FEIT_ALLEEN_LEZEN]
        validators = []


class MonitormetingSerializer(RedenMixin, CamelModelSerializer):
    instelling = instelling_veld(required=False, allow_null=True)

    class Meta:
        model = Monitormeting
        fields = [
            "id", "peildatum", "instelling", "aantal_kinderen_met_maatregel", "workload_per_fte", "wachtlijst_start",
            "wachtlijst_intern", "wachtlijst_totaal", "gemiddelde_wachttijd_dagen", "fte", "verloop_pct",
            "verzuim_pct", "herziet", *FEIT_VELDEN, "reden",
        ]
        read_only_fields = ["id", *FEIT_ALLEEN_LEZEN]
        validators = []


class MonitordefinitieSerializer(RedenMixin, CamelModelSerializer):
    class Meta:
        model = Monitordefinitie
        fields = ["id", "indicator", "naam", "omschrijving", "geldig_vanaf", *FEIT_VELDEN, "reden"]
        read_only_fields = ["id", *FEIT_ALLEEN_LEZEN]
        validators = []


class ReactieSerializer(RedenMixin, CamelModelSerializer):
    instelling = instelling_veld()
    jaar = serializers.IntegerField(
        min_value=EERSTE_JAAR, max_value=LAATSTE_JAAR,
        help_text="Het jaar van het signaal, bijvoorbeeld 2025; niet later dan het lopende jaar.",
    )

    signaal_bestaat_nog = serializers.SerializerMethodField(
        method_name="get_signaal_bestaat_nog",
        help_text="Geldt het signaal waarop de reactie ingaat nu nog voor deze instelling in dit jaar (openbare "
        "variant)? Een reactie waarvan het signaal na een correctie verdween, blijft bewaard; dan false."
    )

    class Meta:
        model = Reactie
        fields = [
            "id", "instelling", "jaar", "signaalcode", "organisatie", "tekst", "signaal_bestaat_nog", *FEIT_VELDEN, "reden",
        ]
        read_only_fields = ["id", "organisatie", *FEIT_ALLEEN_LEZEN]
        validators = []

    def get_signaal_bestaat_nog(self, obj) -> bool | None:
        """From the map the view computes for the whole page at once (api/views.py ReactieViewSet)."""
        return self.context.get("signaal_bestaat_nog", {}).get(obj.pk)


class BeleidsreactieSerializer(RedenMixin, CamelModelSerializer):
    jaar = serializers.IntegerField(
        min_value=EERSTE_JAAR, max_value=LAATSTE_JAAR,
        help_text="Het verslagjaar van het Kameroverzicht, bijvoorbeeld 2025; niet later dan het lopende jaar.",
    )

    class Meta:
        model = Beleidsreactie
        fields = ["id", "jaar", "tekst", *FEIT_VELDEN, "reden"]
        read_only_fields = ["id", *FEIT_ALLEEN_LEZEN]
        validators = []


class VervallenSerializer(NederlandseMeldingen, OnbekendeVeldenWeigeren, serializers.Serializer):
    reden = TekstField(
        max_length=2000, help_text="Waarom de registratie vervalt; wordt in de historie bewaard."
    )


class CamelSerializer(NederlandseMeldingen, serializers.Serializer):
    def get_fields(self):
        fields = super().get_fields()
        return {_hernoem(naam, field): field for naam, field in fields.items()}


# The certificate status on a date: a stored status or a derived one (register/rules.py). One enum in the OpenAPI
# document (register/settings.py ENUM_NAME_OVERRIDES), for the overall status and the status per task alike.
AFGELEIDE_CERTIFICAATSTATUSSEN = [*Certificaatbesluit.Status.values, "verlopen", "geen", "onbekend"]


class CertificaatStatusSerializer(CamelSerializer):
    status = serializers.ChoiceField(
        choices=AFGELEIDE_CERTIFICAATSTATUSSEN,
        help_text="Status op de datum; 'verlopen' als 'geldig tot' voorbij is, 'geen' zonder besluit, 'onbekend' vóór "
        "de datum 'certificeringVanaf' van de instelling (daarvóór is het register niet volledig), en altijd als over "
        "de instelling nog niets is vastgelegd ('nogNietsVastgelegd').",
    )
    besluit_id = serializers.IntegerField(allow_null=True)
    geldig_tot = serializers.DateField(
        allow_null=True,
        help_text="Inclusief. Null als er geen besluit geldt, het certificaat is ingetrokken, of de einddatum onbekend "
        "is (dan is 'geldigTotOnbekend' true: het certificaat geldt tot een later besluit en verloopt nooit vanzelf).",
    )
    geldig_tot_onbekend = serializers.BooleanField(
        help_text="De bron geeft geen einddatum: 'geldigTot' is null en het certificaat geldt tot een later besluit."
    )
    reikwijdte = serializers.ChoiceField(
        choices=Certificaatbesluit.Reikwijdte.values, allow_null=True,
        help_text="De reikwijdte van het besluit dat de status geeft ('onbekend' als de bron die niet zegt); null als "
        "geen besluit de status geeft.",
    )


class TaakStatusSerializer(CamelSerializer):
    status = serializers.ChoiceField(
        choices=AFGELEIDE_CERTIFICAATSTATUSSEN,
        help_text="De certificaatstatus voor deze taak, volgens dezelfde regel als 'certificaat': het besluit met de "
        "laatste ingangsdatum telt; 'geen' als die taak buiten zijn reikwijdte valt; 'onbekend' (met 'reden') als de "
        "reikwijdte van dat besluit onbekend is of vóór 'certificeringVanaf'.",
    )
    besluit_id = serializers.IntegerField(allow_null=True)
    geldig_tot = serializers.DateField(allow_null=True)
    geldig_tot_onbekend = serializers.BooleanField()
    reden = serializers.CharField(help_text="Waarom de status 'onbekend' is; leeg anders.")


class StatusPerTaakSerializer(CamelSerializer):
    jeugdbescherming = TaakStatusSerializer()
    jeugdreclassering = TaakStatusSerializer()


class ToezichtStatusSerializer(CamelSerializer):
    niveau = serializers.ChoiceField(
        choices=[*Toezichtbesluit.Niveau.values, "onbekend"],
        help_text="Niveau op de datum; 'regulier' zonder besluit, 'onbekend' vóór de datum 'toezichtVanaf' van de instelling "
        "of als over de instelling nog niets is vastgelegd.",
    )
    besluit_id = serializers.IntegerField(allow_null=True)
    termijn_verstreken = serializers.BooleanField(
        help_text="Verhoogd toezicht waarvan de voorziene einddatum voorbij is (blijft van kracht tot een nieuw besluit)."
    )
    voorziene_einddatum = serializers.DateField(allow_null=True)


class StatusSerializer(CamelSerializer):
    instelling = serializers.CharField()
    datum = serializers.DateField()
    certificaat = CertificaatStatusSerializer()
    status_per_reikwijdte = StatusPerTaakSerializer(
        help_text="De certificaatstatus voor jeugdbescherming en voor jeugdreclassering afzonderlijk op de datum."
    )
    toezicht = ToezichtStatusSerializer()


class IntervalSerializer(CamelSerializer):
    van = serializers.DateField()
    tot = serializers.DateField()
    waarde = serializers.CharField(
        help_text="Certificaatstatus of toezichtniveau in deze periode, zoals bij /status; 'onbekend' vóór de datum "
        "'certificeringVanaf' (certificaat) of 'toezichtVanaf' (toezicht) van de instelling."
    )
    besluit_id = serializers.IntegerField(allow_null=True)
    termijn_verstreken = serializers.BooleanField()


class GebeurtenisSerializer(CamelSerializer):
    datum = serializers.DateField()
    soort = serializers.ChoiceField(
        choices=["audit", "inspectieonderzoek", "certificaatbesluit", "toezichtbesluit", "handhavingsmaatregel"]
    )
    omschrijving = serializers.CharField()
    bron = serializers.CharField()
    datumkwaliteit = serializers.ChoiceField(
        choices=["exact", "maand", "geschat"],
        help_text="Hoe goed 'datum' bekend is: exact; maand (alleen de maand is bekend: lees 'datum' als die maand); "
        "geschat (zie 'datumToelichting').",
    )
    datum_toelichting = serializers.CharField(help_text="Waar een geschatte datum op berust; leeg als niet toegelicht.")
    id = serializers.IntegerField(source="object.pk")
    gegevens = serializers.SerializerMethodField(help_text="De registratie zelf, zoals bij de bijbehorende resource.")

    def get_gegevens(self, gebeurtenis) -> dict:
        # One serializer per kind for the whole timeline: building a model serializer's fields costs more than
        # representing a record, and a timeline holds many records of few kinds.
        per_soort = self.context.setdefault("_gebeurtenis_serializers", {})
        if gebeurtenis.soort not in per_soort:
            per_soort[gebeurtenis.soort] = GEBEURTENIS_SERIALIZERS[gebeurtenis.soort](context=self.context)
        return per_soort[gebeurtenis.soort].to_representation(gebeurtenis.object)


GEBEURTENIS_SERIALIZERS = {
    "audit": AuditSerializer,
    "inspectieonderzoek": InspectieonderzoekSerializer,
    "certificaatbesluit": CertificaatbesluitSerializer,
    "toezichtbesluit": ToezichtbesluitSerializer,
    "handhavingsmaatregel": HandhavingsmaatregelSerializer,
}


class TijdlijnSerializer(CamelSerializer):
    instelling = serializers.CharField(source="instelling.afkorting")
    van = serializers.DateField()
    tot = serializers.DateField()
    gebeurtenissen = GebeurtenisSerializer(many=True)
    certificaat_intervallen = IntervalSerializer(many=True)
    toezicht_intervallen = IntervalSerializer(many=True)


class WijzigingSerializer(CamelSerializer):
    resource = serializers.CharField(
        help_text="Naam van de resource, bijvoorbeeld certificaatbesluiten. Oordelen (resource 'oordelen') en de "
        "instellingen van een onderzoek met hun zienswijze (resource 'onderzochte_instellingen') horen bij een "
        "inspectieonderzoek (veld inspectieonderzoekId) en worden via dat onderzoek gelezen."
    )
    id = serializers.IntegerField(help_text="Id van de registratie binnen de resource.")
    historie_id = serializers.IntegerField(
        required=False, help_text="Volgnummer in de historie. " + VERTROUWELIJK_UITLEG
    )
    type = serializers.ChoiceField(choices=["create", "update", "delete"])
    organisatie = serializers.CharField(
        allow_null=True, help_text="Organisatie (rol) namens wie de wijziging is gedaan, bijvoorbeeld Keurmerkinstituut."
    )
    gebruiker = serializers.CharField(
        allow_null=True, required=False, help_text="Gebruikersnaam van wie de wijziging deed. " + VERTROUWELIJK_UITLEG
    )
    tijdstip = UtcDateTimeField()
    reden = serializers.CharField(
        allow_null=True,
        help_text="Reden van de wijziging. Bij audits en certificaatbesluiten (die vertrouwelijke velden hebben) "
        "null voor wie die velden niet mag lezen: de reden kan uit die velden citeren.",
    )
    gegevens = serializers.DictField(
        help_text="Gewijzigde velden met hun nieuwe waarde (bij create: alle velden). Een instelling staat er met "
        "haar afkorting in, een thema met zijn code, gekoppelde audits als lijst van ids. "
        "Vertrouwelijke velden ontbreken voor wie ze niet mag lezen; een wijziging van alleen vertrouwelijke "
        "velden staat voor hen niet in de lijst."
    )

    def get_fields(self):
        fields = super().get_fields()
        if not is_schema_generatie(self.context):
            if not vertrouwelijkheid.mag_auteur_zien(lezer(self.context)):
                fields.pop("gebruiker")
            if not vertrouwelijkheid.mag_vertrouwelijk_lezen(lezer(self.context)):
                fields.pop("historieId")
        return fields


class TokenSerializer(CamelSerializer):
    gebruiker = serializers.CharField(source="gebruiker.username", help_text="Gebruikersnaam.")
    aangemaakt_op = UtcDateTimeField()


class TokenAanmakenSerializer(OnbekendeVeldenWeigeren, CamelSerializer):
    gebruiker = TekstField(max_length=150, help_text="Gebruikersnaam voor wie een token wordt uitgegeven.")


class NieuwTokenSerializer(TokenSerializer):
    token = serializers.CharField(
        source="sleutel",
        help_text="De sleutel van het token, voor de header 'Authorization: Token <sleutel>'. Wordt alleen nu getoond: "
        "het register bewaart alleen een hash ervan.",
    )


class PeriodeSerializer(CamelSerializer):
    van = serializers.DateField(required=False)
    tot = serializers.DateField(required=False)

    def validate(self, attrs):
        if attrs.get("van") and attrs.get("tot") and attrs["tot"] < attrs["van"]:
            raise serializers.ValidationError({"tot": "'tot' ligt vóór 'van'; kies een latere einddatum."})
        return attrs


class DatumSerializer(CamelSerializer):
    datum = serializers.DateField(required=False)


class SindsSerializer(CamelSerializer):
    sinds = UtcDateTimeField(required=False)


class JaarSerializer(CamelSerializer):
    jaar = serializers.IntegerField(
        min_value=EERSTE_JAAR, max_value=LAATSTE_JAAR, help_text="Het kalenderjaar, bijvoorbeeld 2025."
    )


# The values of a datumkwaliteit (register/teksten.py DATUMKWALITEIT): one enum in the OpenAPI schema for every field
# that carries one (settings ENUM_NAME_OVERRIDES).
DATUMKWALITEITEN = list(DATUMKWALITEIT)


class SignaalPeriodeSerializer(CamelSerializer):
    van = serializers.DateField()
    tot = serializers.DateField()
    van_datumkwaliteit = serializers.ChoiceField(
        choices=DATUMKWALITEITEN,
        help_text="Hoe goed 'van' bekend is: exact; maand of geschat als 'van' de datum is van een feit dat alleen tot op "
        "de maand bekend of geschat is (lees 'van' dan als die maand of schatting).",
    )
    tot_datumkwaliteit = serializers.ChoiceField(
        choices=DATUMKWALITEITEN,
        help_text="Hoe goed het einde bekend is: maand of geschat als de dag na 'tot' de datum is van een feit dat alleen "
        "tot op de maand bekend of geschat is (de periode loopt dan tot die maand of schatting); anders exact.",
    )


class SignaalSerializer(CamelSerializer):
    code = serializers.ChoiceField(choices=[definitie.code for definitie in signalen.DEFINITIES])
    ernst = serializers.ChoiceField(choices=list(signalen.ERNST_VOLGORDE))
    perioden = SignaalPeriodeSerializer(many=True, help_text="De dagen (inclusief) waarop het signaal geldt.")
    uitleg = serializers.CharField()


class BeoordeeldSerializer(CamelSerializer):
    thema = serializers.CharField(help_text="Code van het thema.")
    thema_naam = serializers.CharField()
    waarde = serializers.CharField(help_text="Het laatste oordeel over het thema in het venster.")
    tekst = serializers.CharField()
    rapport = serializers.CharField(help_text="Titel van het inspectierapport.")
    rapportdatum = serializers.DateField()


class PasoordeelSerializer(CamelSerializer):
    waarde = serializers.ChoiceField(choices=list(pasoordeel.PASOORDELEN))
    tekst = serializers.CharField(help_text="De waarde in woorden: 'in de pas', 'niet in de pas', 'onvoldoende gegevens'.")
    signaalcodes = serializers.ListField(child=serializers.CharField(), help_text="De signalen die tellen (hoog, aandacht).")
    redenen = serializers.ListField(
        child=serializers.CharField(), help_text="Waarom de gegevens niet volstaan (bij 'onvoldoende_gegevens')."
    )
    venster = serializers.ListField(
        child=serializers.DateField(), help_text="Eerste en laatste dag van het venster: het jaar en de twee jaren ervoor."
    )
    beoordeeld = BeoordeeldSerializer(many=True, help_text="De thema's die in het venster zijn beoordeeld.")
    niet_beoordeeld = serializers.ListField(child=serializers.CharField(), help_text="De thema's die niet zijn beoordeeld.")
    basis = serializers.CharField(help_text="De basis in één zin.")


class InstellingSignalenSerializer(CamelSerializer):
    instelling = serializers.CharField(help_text="Afkorting van de instelling.")
    jaar = serializers.IntegerField()
    pasoordeel = PasoordeelSerializer(help_text="Het oordeel over het jaar in drie waarden, met zijn basis.")
    signalen = SignaalSerializer(many=True)


class _ArchiefSerializer(CamelModelSerializer):
    """What an archived document of reports/ has in common (a Kamer overview, an aanleidingenoverzicht): who made
    it, its registerstand and kenmerk, and links to its files under the API routes ``api:<url_naam>-<formaat>``."""

    url_naam = ""

    aangemaakt_door = serializers.CharField(source="aangemaakt_door.username", read_only=True, help_text="Gebruikersnaam.")
    pdf_url = serializers.SerializerMethodField(method_name="get_pdf_url", help_text="Het gearchiveerde PDF-bestand.")
    json_url = serializers.SerializerMethodField(method_name="get_json_url", help_text="De gegevens van het overzicht als JSON (zoals gearchiveerd).")
    registerstand = serializers.DateTimeField(
        read_only=True, allow_null=True,
        help_text="Het tijdstip van de registerstand die het overzicht toont (de laatste vastgelegde wijziging tot en met de peildatum).",
    )
    kenmerk = serializers.CharField(
        read_only=True,
        help_text="Waaraan gearchiveerde overzichten te onderscheiden zijn: peildatum, registerstand en het begin van de sha256 van de gegevens.",
    )

    def _url(self, overzicht, formaat: str) -> str:
        pad = reverse(f"api:{self.url_naam}-{formaat}", args=[overzicht.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(pad) if request is not None else pad

    def get_pdf_url(self, overzicht) -> str:
        return self._url(overzicht, "pdf")

    def get_json_url(self, overzicht) -> str:
        return self._url(overzicht, "json")


class KameroverzichtSerializer(_ArchiefSerializer):
    """An archived Kamer overview (DESIGN.md §5): who made it, when, for which year, peildatum and variant."""

    url_naam = "kameroverzicht"

    class Meta:
        model = Kameroverzicht
        fields = [
            "id", "jaar", "peildatum", "variant", "registerstand", "kenmerk", "aangemaakt_door", "aangemaakt_op",
            "pdf_sha256", "reportlab_versie", "data_sha256", "pdf_url", "json_url",
        ]
        read_only_fields = fields


class KameroverzichtAanmakenSerializer(OnbekendeVeldenWeigeren, CamelSerializer):
    jaar = serializers.IntegerField(
        min_value=EERSTE_JAAR, max_value=LAATSTE_JAAR,
        help_text="Het verslagjaar, bijvoorbeeld 2025; niet later dan het lopende jaar.",
    )
    peildatum = serializers.DateField(
        required=False,
        help_text="Het register zoals vastgelegd aan het einde van deze dag (standaard vandaag; niet in de toekomst).",
    )
    variant = serializers.ChoiceField(
        choices=Kameroverzicht.Variant.choices,
        default=Kameroverzicht.Variant.OPENBAAR,
        help_text="openbaar (alleen openbare velden) of vertrouwelijk (alleen voor toezichthouders).",
    )


class AanleidingenoverzichtSerializer(_ArchiefSerializer):
    """An archived aanleidingenoverzicht (DESIGN.md §5a): who made it, when, for which period, peildatum and variant."""

    url_naam = "aanleidingenoverzicht"

    csv_url = serializers.SerializerMethodField(method_name="get_csv_url", help_text="De aanleidingen als CSV.")

    class Meta:
        model = Aanleidingenoverzicht
        fields = [
            "id", "van", "tot", "peildatum", "variant", "registerstand", "kenmerk", "aangemaakt_door", "aangemaakt_op",
            "pdf_sha256", "reportlab_versie", "data_sha256", "pdf_url", "csv_url", "json_url",
        ]
        read_only_fields = fields

    def get_csv_url(self, overzicht) -> str:
        return self._url(overzicht, "csv")


class AanleidingenoverzichtAanmakenSerializer(OnbekendeVeldenWeigeren, CamelSerializer):
    van = serializers.DateField(
        required=False,
        help_text="De eerste dag van de periode (telt mee). Standaard de einddatum van het vorige gearchiveerde "
        "aanleidingenoverzicht; is er nog geen, dan is 'van' verplicht.",
    )
    tot = serializers.DateField(required=False, help_text="De laatste dag van de periode (telt mee); standaard vandaag, niet in de toekomst.")
    peildatum = serializers.DateField(
        required=False,
        help_text="Het register zoals vastgelegd aan het einde van deze dag (standaard vandaag; niet in de toekomst, niet vóór 'tot').",
    )
    variant = serializers.ChoiceField(
        choices=Aanleidingenoverzicht.Variant.choices,
        default=Aanleidingenoverzicht.Variant.OPENBAAR,
        help_text="openbaar (alleen openbare velden) of vertrouwelijk (alleen voor toezichthouders).",
    )
