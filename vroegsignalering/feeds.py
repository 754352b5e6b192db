"""The Atom feed of the signaalmeldingen for the toezichthouders and the ministerie, with Django's syndication framework
like the public change feed (opendata/feeds.py). Who may read it is decided by the view (vroegsignalering/views.py);
each reader gets the meldingen of their variant (the ministerie: those from the public facts only)."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from vroegsignalering import berichten, selectors

AANTAL = 50


class Signaalmeldingen(Feed):
    feed_type = Atom1Feed
    title = "GI-register: signaalmeldingen"
    subtitle = (
        "Signalen (ernst hoog of aandacht) die voor een gecertificeerde instelling begonnen of eindigden, zodra het "
        "register ze na een wijziging vaststelde; voor de toezichthouders (KMI, inspecties, RvA) en het ministerie."
    )
    author_name = "GI-register"

    def link(self):
        return reverse("admin:vroegsignalering_opensignaal_changelist")

    def get_object(self, request, *args, **kwargs):
        return selectors.variant_voor(request.user)

    def items(self, variant):
        return selectors.recente_meldingen(AANTAL, variant)

    def item_title(self, item):
        soort = "begonnen" if item.soort == "gestart" else "beëindigd"
        return f"{item.instelling.afkorting}: signaal {soort}: {item.titel} ({item.ernst}, {item.jaar})"

    def item_description(self, item):
        return berichten.melding_tekst(item)

    def item_link(self, item):
        return f"{reverse('admin:vroegsignalering_opensignaal_changelist')}#melding-{item.pk}"

    def item_guid(self, item):
        return f"gi-register:signaalmelding:{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.aangemaakt_op

    def item_updateddate(self, item):
        return item.aangemaakt_op
