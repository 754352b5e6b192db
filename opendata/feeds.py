"""The Atom feed of public changes (DESIGN.md §6), with Django's syndication framework.

It is the change feed of the API (register/wijzigingen.py) read as the public reads it: the confidentiality policy
(register/vertrouwelijkheid.py) decides there which changes and fields an anonymous reader sees, so an edit of
confidential fields only is absent, confidential values never appear, and the reason of a change to a model with
confidential fields is withheld. Nothing is decided here."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from register import tekens, wijzigingen

AANTAL = 50
SOORT_TEKST = {"create": "nieuw", "update": "gewijzigd", "delete": "verwijderd"}


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
        pagina = list(rijen[max(0, totaal - AANTAL):totaal])
        # XML 1.0 holds no control character: text stored before the register refused them still renders.
        return tekens.leesbaar_in(list(reversed(wijzigingen.wijzigingen(pagina, lezer=publiek))))

    def item_title(self, item):
        instelling = item["gegevens"].get("instelling")
        over = f" ({instelling})" if isinstance(instelling, str) else ""
        return f"{item['resource']} {item['id']}{over}: {SOORT_TEKST.get(item['type'], item['type'])}"

    def item_description(self, item):
        regels = [f"{sleutel}: {waarde}" for sleutel, waarde in item["gegevens"].items()]
        if item.get("reden"):
            regels.append(f"reden: {item['reden']}")
        if item.get("organisatie"):
            regels.append(f"door: {item['organisatie']}")
        return "\n".join(regels) or "Geen openbare velden gewijzigd."

    def item_link(self, item):
        """The record in the API; an oordeel, a GI of a report and a GI have no resource by id there, so their list
        (an oordeel and a GI of a report: the list of reports)."""
        if item["resource"] in ("oordelen", "onderzochte_instellingen"):
            return "/api/v1/inspectieonderzoeken"
        if item["resource"] in ("instellingen", "themas"):
            return f"/api/v1/{item['resource']}"
        return f"/api/v1/{item['resource']}/{item['id']}"

    def item_guid(self, item):
        return f"gi-register:{item['resource']}:{item['id']}:{item['tijdstip'].isoformat()}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item["tijdstip"]

    def item_updateddate(self, item):
        return item["tijdstip"]
