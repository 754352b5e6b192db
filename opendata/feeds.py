"""The Atom feed of public changes (DESIGN.md §6), with Django's syndication framework.

It is the change feed of the API (register/wijzigingen.py) read as the public reads it: the confidentiality policy
(register/vertrouwelijkheid.py) decides there which changes and fields an anonymous reader sees, so an edit of
confidential fields only is absent, confidential values never appear, and the reason of a change to a model with
confidential fields is withheld. Nothing is decided here about what may be read; this module only writes it as
sentences a member of the public can read ("KMI: certificaat van JBN volledig per 16 september 2025"), each
linking to the GI's page.

A run of at least five new records of one kind by one organisation, each within a minute of the next (an
import), is one entry, so an import of many rows does not push every other change out of the feed: the feed reads the latest
``RIJEN`` changes and shows the latest ``AANTAL`` entries made of them."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.db import models
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html, format_html_join

from register import domein, tekens, teksten, wijzigingen
from register.camel import camel
from supervision.models import OnderzochteInstelling

AANTAL = 50  # entries in the feed
RIJEN = 500  # changes read to make them (one query per kind, whatever the number)
REEKS_BINNEN = dt.timedelta(minutes=1)  # new records of one kind by one organisation this close form one entry,
REEKS_MINIMUM = 5  # when there are at least this many (fewer stay entries of their own)
GETOOND_IN_REEKS = 20  # sentences listed in the entry of a run; the rest is counted


def _model(resource: str):
    return next(d.model for d in domein.DOMEINMODELLEN if d.naam == resource)


def _waarde(model, naam: str, waarde, waarden: dict) -> str:
    """A field's value as a reader reads it: a choice by its label, a date by its datumkwaliteit, yes/no."""
    if waarde is None or waarde == "":
        return "–"
    veld = model._meta.get_field(naam)
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if veld.choices:
        return str(teksten.keuze_tekst(veld.choices, waarde))
    if isinstance(waarde, dt.datetime):
        return teksten.moment_cijfers(waarde)
    if isinstance(waarde, dt.date):
        return teksten.feitdatum_tekst(waarde, waarden.get("datumkwaliteit"), "tekst")
    if isinstance(waarde, models.Model):
        return str(getattr(waarde, "afkorting", None) or getattr(waarde, "naam", None) or waarde)
    return str(waarde)


def _datum(waarden: dict, naam: str) -> str:
    waarde = waarden.get(naam)
    return teksten.feitdatum_tekst(waarde, waarden.get("datumkwaliteit"), "tekst") if waarde else "datum onbekend"


def _zin(item) -> str:
    """What happened, in words, from the public values of the version (register/teksten.py WIJZIGINGSZIN)."""
    w = item["waarden"]
    gi = item["instelling"] or "de instelling"
    model = _model(item["resource"])
    if w.get("vervallen"):
        return f"{model._meta.verbose_name} van {gi} vervallen"
    zin = teksten.WIJZIGINGSZIN.get(model._meta.label_lower)
    if zin is None:
        return f"{model._meta.verbose_name}" + (f" van {gi}" if item["instelling"] else "")
    return zin(teksten.Feit(
        gi=gi,
        heeft_gi=bool(item["instelling"]),
        waarden=w,
        keuze=lambda naam: _waarde(model, naam, w.get(naam), w),
        datum=lambda naam: _datum(w, naam),
        instellingen=tuple(item.get("instellingen") or ()),
    ))


def _gi_s_van_rapporten(ids: set[int]) -> dict[int, list[str]]:
    """The GI's (afkortingen) each report concerns now, in the order they were linked: one query."""
    result: dict[int, list[str]] = {}
    for onderzoek_id, afkorting in (
        OnderzochteInstelling.objects.filter(onderzoek_id__in=ids).order_by("id").values_list("onderzoek_id", "instelling__afkorting")
    ):
        result.setdefault(onderzoek_id, []).append(afkorting)
    return result


_SOORT = {"create": "", "update": " (gecorrigeerd)", "delete": " (verwijderd)"}


def _titel(item) -> str:
    wie = item.get("organisatie") or "Register"
    soort = "" if item["waarden"].get("vervallen") else _SOORT.get(item["type"], "")
    return f"{wie}: {_zin(item)}{soort}"


def _velden_html(item):
    model = _model(item["resource"])
    regels = []
    for naam, waarde in item["waarden"].items():
        if naam in ("id", "vervallen") or not _gewijzigd(item, naam):
            continue
        regels.append((str(model._meta.get_field(naam).verbose_name).capitalize(), _waarde(model, naam, waarde, item["waarden"])))
    return format_html_join("", "<li>{}: {}</li>", regels)


def _gewijzigd(item, naam: str) -> bool:
    """Was the field part of this change (the API's change item names the changed fields in camelCase)?"""
    model = _model(item["resource"])
    veld = model._meta.get_field(naam)
    return camel(veld.name) in item["gegevens"] or camel(veld.attname) in item["gegevens"]


def _in_reeksen(items: list[dict]) -> list[list[dict]]:
    """Newest first; a run of new records of one kind by one organisation, each within a minute of the next,
    becomes one group."""
    groepen: list[list[dict]] = []
    for item in items:
        vorige = groepen[-1][-1] if groepen else None
        if (
            vorige is not None and item["type"] == "create" and vorige["type"] == "create"
            and item["resource"] == vorige["resource"] and item.get("organisatie") == vorige.get("organisatie")
            and vorige["tijdstip"] - item["tijdstip"] <= REEKS_BINNEN
        ):
            groepen[-1].append(item)
        else:
            groepen.append([item])
    return [deel for groep in groepen for deel in ([groep] if len(groep) >= REEKS_MINIMUM else [[i] for i in groep])]


class PubliekeWijzigingen(Feed):
    feed_type = Atom1Feed
    title = "GI-register: wijzigingen in de openbare gegevens"
    subtitle = (
        "De laatste wijzigingen in het register van certificering (KMI) en toezicht (inspecties) op de gecertificeerde "
        "instellingen jeugdbescherming en jeugdreclassering; alleen openbare gegevens."
    )
    author_name = "GI-register"

    def link(self):
        return reverse("opendata:index")

    def items(self):
        publiek = AnonymousUser()
        rijen = wijzigingen.gewijzigde_rijen(None, lezer=publiek)
        totaal = rijen.count()
        pagina = list(rijen[max(0, totaal - RIJEN):totaal])
        # XML 1.0 holds no control character: text stored before the register refused them still renders.
        items = tekens.leesbaar_in(list(reversed(wijzigingen.wijzigingen(pagina, lezer=publiek, met_waarden=True))))
        gi_s = _gi_s_van_rapporten({item["id"] for item in items if item["resource"] == "inspectieonderzoeken"})
        for item in items:  # a GI's own change links to its own page
            if item["resource"] == "instellingen":
                item["instelling"] = item["waarden"].get("afkorting")
            if item["resource"] == "inspectieonderzoeken":  # a report on one GI links to that GI's page
                item["instellingen"] = gi_s.get(item["id"], [])
                if len(item["instellingen"]) == 1:
                    item["instelling"] = item["instellingen"][0]
        return _in_reeksen(items)[:AANTAL]

    def item_title(self, groep):
        if len(groep) == 1:
            return _titel(groep[0])
        eerste = groep[0]
        model = _model(eerste["resource"])
        gis = sorted({i["instelling"] for i in groep if i["instelling"]})
        bij = f" ({', '.join(gis[:5])}{f' en {len(gis) - 5} meer' if len(gis) > 5 else ''})" if gis else ""
        return f"{eerste.get('organisatie') or 'Register'}: {len(groep)} {model._meta.verbose_name_plural} vastgelegd{bij}"

    def item_description(self, groep):
        if len(groep) > 1:
            zinnen = format_html_join("", "<li>{}</li>", ((_zin(i)[:1].upper() + _zin(i)[1:],) for i in groep[:GETOOND_IN_REEKS]))
            rest = len(groep) - GETOOND_IN_REEKS
            meer = format_html("<p>En nog {} andere.</p>", rest) if rest > 0 else ""
            return format_html("<ul>{}</ul>{}", zinnen, meer)
        item = groep[0]
        zin = _zin(item)
        velden = _velden_html(item)
        delen = [format_html("<p>{}.</p>", zin[:1].upper() + zin[1:])]
        if velden:
            delen.append(format_html("<ul>{}</ul>", velden))
        if item.get("reden"):
            delen.append(format_html("<p>Reden: {}</p>", item["reden"]))
        if not velden and item["type"] == "update":
            delen.append(format_html("<p>{}</p>", "Geen openbare velden gewijzigd."))
        return format_html_join("", "{}", ((d,) for d in delen))

    def item_link(self, groep):
        """The page of the GI the change is about; a change of several GI's or of none: the open data page."""
        gis = {i["instelling"] for i in groep}
        if len(gis) == 1 and None not in gis:
            return reverse("register:instelling", args=[gis.pop()])
        return reverse("opendata:index")

    def item_guid(self, groep):
        eerste, laatste = groep[0], groep[-1]
        guid = f"gi-register:{eerste['resource']}:{eerste['id']}:{eerste['tijdstip'].isoformat()}"
        return guid if len(groep) == 1 else f"{guid}:tot:{laatste['id']}"

    item_guid_is_permalink = False

    def item_pubdate(self, groep):
        return groep[-1]["tijdstip"]

    def item_updateddate(self, groep):
        return groep[0]["tijdstip"]
