"""Public pages of the register: public fields only."""

import datetime as dt

from django.http import Http404
from django.shortcuts import render

from register import klok, selectors
from register.models import Instelling


def index(request):
    waarde = request.GET.get("datum")
    fout = None
    try:
        datum = dt.date.fromisoformat(waarde) if waarde else klok.vandaag()
    except ValueError:
        datum = klok.vandaag()
        fout = f"'{waarde}' is geen bestaande datum; gebruik de vorm JJJJ-MM-DD, bijvoorbeeld 2025-09-16."
    context = {"datum": datum, "fout": fout, "statussen": selectors.statussen_op(datum)}
    return render(request, "register/index.html", context, status=400 if fout else 200)


def instelling(request, afkorting: str):
    try:
        gi = Instelling.objects.get(afkorting=afkorting, vervallen=False)
    except Instelling.DoesNotExist:
        raise Http404("Deze instelling staat niet in het register.") from None
    return render(request, "register/instelling.html", {"tijdlijn": selectors.tijdlijn(gi)})


def toegankelijkheid(request):
    return render(request, "register/toegankelijkheid.html")
