"""Query filters (django-filter) with camelCase parameter names."""

import django_filters as df
from django import forms

from api.meldingen import DATUM_VOORBEELD

from certification.models import Aanvraag, Audit, Bezwaar, Certificaatbesluit
from register.models import Instelling, Monitordefinitie, Monitormeting, Omvang
from reports.models import Aanleidingenoverzicht, Kameroverzicht
from supervision.models import Handhavingsmaatregel, Inspectieonderzoek, Oordeel, Thema, Toezichtbesluit
from wederhoor.models import Beleidsreactie, Reactie, signaalcodes


class StrikteBooleanField(forms.NullBooleanField):
    def to_python(self, value):
        if value in (None, ""):
            return None
        if value in (True, "true", "True", "1"):
            return True
        if value in (False, "false", "False", "0"):
            return False
        raise forms.ValidationError("Gebruik true of false.", code="invalid")

    def validate(self, value):
        pass


class WaarOnwaar(df.BooleanFilter):
    """A strict boolean query parameter: 'true' or 'false', anything else is a 400."""

    field_class = StrikteBooleanField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.TextInput)
        super().__init__(*args, **kwargs)


def _instelling():
    return df.CharFilter(field_name="instelling__afkorting", label="Afkorting van de instelling (GI), bijvoorbeeld JBN.")


class IsoDatumVeld(forms.DateField):
    """A date query parameter in ISO form only (JJJJ-MM-DD), as every date in the API; '1-1-2025' is a 400."""

    input_formats = ["%Y-%m-%d"]
    default_error_messages = {"invalid": f"Ongeldige datum; gebruik de vorm JJJJ-MM-DD, bijvoorbeeld {DATUM_VOORBEELD}."}


class IsoDatum(df.DateFilter):
    field_class = IsoDatumVeld


def _vanaf(veld, label):
    return IsoDatum(field_name=veld, lookup_expr="gte", label=f"{label} op of na deze datum (JJJJ-MM-DD).")


def _tot(veld, label):
    return IsoDatum(field_name=veld, lookup_expr="lte", label=f"{label} op of vóór deze datum (JJJJ-MM-DD).")


class FeitFilter(df.FilterSet):
    vervallen = WaarOnwaar(label="true: alleen vervallen registraties; false: alleen geldige.")
    datumkwaliteit = df.ChoiceFilter(
        choices=[("exact", "exact"), ("maand", "maand"), ("geschat", "geschat")],
        label="Alleen registraties met deze datumkwaliteit: exact, maand of geschat.",
    )


class InstellingFilter(FeitFilter):
    class Meta:
        model = Instelling
        fields = ["soort", "vervallen"]


class AuditFilter(FeitFilter):
    instelling = _instelling()
    startdatumVanaf = _vanaf("startdatum", "Startdatum")
    startdatumTot = _tot("startdatum", "Startdatum")

    class Meta:
        model = Audit
        fields = ["instelling", "soort", "vervallen"]


class BesluitFilter(FeitFilter):
    """A decision (certificaat- or toezichtbesluit): by GI, ingangsdatum and besluitdatum."""

    instelling = _instelling()
    ingangsdatumVanaf = _vanaf("ingangsdatum", "Ingangsdatum")
    ingangsdatumTot = _tot("ingangsdatum", "Ingangsdatum")
    besluitdatumVanaf = _vanaf("besluitdatum", "Besluitdatum")
    besluitdatumTot = _tot("besluitdatum", "Besluitdatum")


class CertificaatbesluitFilter(BesluitFilter):
    geldigTotOnbekend = WaarOnwaar(
        field_name="geldig_tot_onbekend", label="true: alleen besluiten waarvan 'geldig tot' onbekend is; false: de andere."
    )

    class Meta:
        model = Certificaatbesluit
        fields = ["instelling", "status", "reikwijdte", "vervallen"]


class BezwaarFilter(FeitFilter):
    instelling = df.CharFilter(
        field_name="certificaatbesluit__instelling__afkorting", label="Afkorting van de instelling (GI), bijvoorbeeld JBN."
    )
    ingediendOpVanaf = _vanaf("ingediend_op", "Ingediend")
    ingediendOpTot = _tot("ingediend_op", "Ingediend")

    class Meta:
        model = Bezwaar
        fields = ["instelling", "certificaatbesluit", "soort", "uitkomst", "vervallen"]


class AanvraagFilter(FeitFilter):
    instelling = _instelling()
    inBehandeling = WaarOnwaar(
        method="_in_behandeling",
        label="true: alleen aanvragen die nog in behandeling zijn; false: de afgehandelde.",
    )
    ingediendOpVanaf = _vanaf("ingediend_op", "Ingediend")
    ingediendOpTot = _tot("ingediend_op", "Ingediend")

    class Meta:
        model = Aanvraag
        fields = ["instelling", "soort", "vervallen"]

    def _in_behandeling(self, queryset, name, value):
        if value is None:
            return queryset
        open_ = dict(certificaatbesluit__isnull=True, ingetrokken=False)
        return queryset.filter(**open_) if value else queryset.exclude(**open_)


class ToezichtbesluitFilter(BesluitFilter):
    class Meta:
        model = Toezichtbesluit
        fields = ["instelling", "niveau", "door", "vervallen"]


class HandhavingsmaatregelFilter(FeitFilter):
    instelling = _instelling()
    datumVanaf = _vanaf("datum", "Datum")
    datumTot = _tot("datum", "Datum")

    class Meta:
        model = Handhavingsmaatregel
        fields = ["instelling", "soort", "door", "vervallen"]


class InspectieonderzoekFilter(FeitFilter):
    instelling = df.CharFilter(
        field_name="onderzochte_instellingen__instelling__afkorting", distinct=True,
        label="Afkorting van een instelling (GI), bijvoorbeeld JBN: de onderzoeken die (ook) over deze instelling gaan.",
    )
    rapportdatumVanaf = _vanaf("rapportdatum", "Rapportdatum")
    rapportdatumTot = _tot("rapportdatum", "Rapportdatum")
    thema = df.CharFilter(field_name="oordelen__thema__code", distinct=True, label="Alleen onderzoeken met een oordeel over dit thema (code).")
    waarde = df.ChoiceFilter(
        field_name="oordelen__waarde", choices=Oordeel.Waarde.choices, distinct=True,
        label="Alleen onderzoeken met een oordeel met deze waarde.",
    )

    class Meta:
        model = Inspectieonderzoek
        fields = ["soort", "door", "vervallen"]


class ThemaFilter(df.FilterSet):
    actief = WaarOnwaar(label="true: alleen actieve thema's.")

    class Meta:
        model = Thema
        fields = ["actief"]


class MonitormetingFilter(FeitFilter):
    instelling = _instelling()
    landelijk = WaarOnwaar(field_name="instelling", lookup_expr="isnull", label="true: alleen landelijke cijfers.")
    peildatumVanaf = _vanaf("peildatum", "Peildatum")
    peildatumTot = _tot("peildatum", "Peildatum")

    class Meta:
        model = Monitormeting
        fields = ["instelling", "vervallen"]


class MonitordefinitieFilter(FeitFilter):
    class Meta:
        model = Monitordefinitie
        fields = ["indicator", "vervallen"]


class OmvangFilter(FeitFilter):
    datumVanaf = _vanaf("datum", "Peildatum")
    datumTot = _tot("datum", "Peildatum")

    class Meta:
        model = Omvang
        fields = ["vervallen"]


class GeheelGetal(df.NumberFilter):
    """A whole-number query parameter; '0.5' is a 400 instead of a filter that matches nothing."""

    field_class = forms.IntegerField


class ReactieFilter(FeitFilter):
    instelling = _instelling()
    jaar = GeheelGetal(label="Jaar van het signaal, bijvoorbeeld 2025.")
    code = df.ChoiceFilter(field_name="signaalcode", choices=signaalcodes, label="Code van het signaal.")

    class Meta:
        model = Reactie
        fields = ["instelling", "jaar", "code", "organisatie", "vervallen"]


class BeleidsreactieFilter(FeitFilter):
    jaar = GeheelGetal(label="Verslagjaar, bijvoorbeeld 2025.")

    class Meta:
        model = Beleidsreactie
        fields = ["jaar", "vervallen"]


class KameroverzichtFilter(df.FilterSet):
    jaar = GeheelGetal(label="Verslagjaar, bijvoorbeeld 2025.")
    peildatumVanaf = _vanaf("peildatum", "Peildatum")
    peildatumTot = _tot("peildatum", "Peildatum")

    class Meta:
        model = Kameroverzicht
        fields = ["jaar", "variant"]


class AanleidingenoverzichtFilter(df.FilterSet):
    totVanaf = _vanaf("tot", "Einddatum van de periode")
    totTot = _tot("tot", "Einddatum van de periode")

    class Meta:
        model = Aanleidingenoverzicht
        fields = ["variant"]
