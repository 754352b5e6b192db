"""The buttons Importeren / Exporteren on the admin list of every kind that can be imported (historisch/soorten.py):
importing for the role that writes the kind, exporting for every role."""

from django import template
from django.urls import reverse

from historisch.soorten import PER_MODEL
from register import domein, roles

register = template.Library()


@register.inclusion_tag("admin/historisch/knoppen.html", takes_context=True)
def historisch_knoppen(context):
    request = context["request"]
    cl = context.get("cl")
    definitie = PER_MODEL.get(cl.model) if cl is not None else None
    if definitie is None or not roles.mag_inzien(request.user):
        return {"knoppen": []}
    filters = request.GET.urlencode()
    knoppen = []
    if domein.mag_schrijven(request.user, definitie.model):
        knoppen.append(("Importeren", reverse("historisch:importeren", args=[definitie.naam])))
    for formaat in ("csv", "xlsx"):
        url = reverse("historisch:exporteren", args=[definitie.naam, formaat])
        knoppen.append((f"Exporteren ({formaat.upper()})", f"{url}?{filters}" if filters else url))
    return {"knoppen": knoppen}
