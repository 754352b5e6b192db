"""Every existing report becomes a one-GI report, with its history.

- Each inspectieonderzoek gets one OnderzochteInstelling: its instelling, without a zienswijze (none was recorded).
- The history of those records is rebuilt from the report's own history, so the register as recorded on an earlier
  peildatum (signalen/selectors.py ``zoals_vastgelegd``) still shows the report at its GI: the GI is added at the
  moment of the report's first version, and when a correction moved the report to another GI, the one GI is
  removed and the other added at the moment of that correction (same user and reason as that version).
- Each oordeel, and each historical version of it, gets the GI its report had at that moment.
- Oorzaken: the report-level ``oorzaken`` stays as it is, as the report's own summary; every oordeel's own oorzaken
  starts as 'onbekend'. The summary is not copied into the oordelen: it does not say which oordeel it is about,
  and a cause per oordeel that no source gives would be invented (README, "Oorzaken").

A report deleted outright (the services never do that: a report is declared void) has no record left to attach
a GI to; its history is left as it is. Backwards, a report with more than one GI cannot become a one-GI report and
the migration refuses.
"""

from django.db import migrations


def _tijdlijnen(HOnderzoek):
    """Per report id: its versions (history_date, history_id, instelling_id, history_type, user, reason) in order."""
    result = {}
    for v in HOnderzoek.objects.order_by("id", "history_date", "history_id").values(
        "id", "history_date", "instelling_id", "history_type", "history_user_id", "history_change_reason"
    ):
        result.setdefault(v["id"], []).append(v)
    return result


def naar_onderzochte_instellingen(apps, schema_editor):
    Onderzoek = apps.get_model("supervision", "Inspectieonderzoek")
    HOnderzoek = apps.get_model("supervision", "HistoricalInspectieonderzoek")
    Onderzocht = apps.get_model("supervision", "OnderzochteInstelling")
    HOnderzocht = apps.get_model("supervision", "HistoricalOnderzochteInstelling")
    Oordeel = apps.get_model("supervision", "Oordeel")
    HOordeel = apps.get_model("supervision", "HistoricalOordeel")

    huidig = dict(Onderzoek.objects.values_list("id", "instelling_id"))
    koppeling = {}  # (onderzoek, instelling) -> id of its OnderzochteInstelling
    for onderzoek_id, instelling_id in sorted(huidig.items()):
        koppeling[(onderzoek_id, instelling_id)] = Onderzocht.objects.create(
            onderzoek_id=onderzoek_id, instelling_id=instelling_id
        ).id

    tijdlijnen = _tijdlijnen(HOnderzoek)
    historie = []
    for onderzoek_id, versies in tijdlijnen.items():
        if onderzoek_id not in huidig:
            continue
        vorige = None
        for v in versies:
            nieuw = None if v["history_type"] == "-" else v["instelling_id"]
            if nieuw == vorige:
                continue
            for instelling_id, soort in ((vorige, "-"), (nieuw, "+")):
                if instelling_id is None:
                    continue
                sleutel = (onderzoek_id, instelling_id)
                if sleutel not in koppeling:
                    # A GI the report had earlier: a record id of its own, so the as-recorded read never mixes it up
                    # with another (the record itself is gone, as it was removed by the correction).
                    tijdelijk = Onderzocht.objects.create(onderzoek_id=onderzoek_id, instelling_id=instelling_id)
                    koppeling[sleutel] = tijdelijk.id
                    tijdelijk.delete()
                historie.append(HOnderzocht(
                    id=koppeling[sleutel], onderzoek_id=onderzoek_id, instelling_id=instelling_id, zienswijze="",
                    zienswijze_bron="", history_date=v["history_date"], history_type=soort,
                    history_user_id=v["history_user_id"], history_change_reason=v["history_change_reason"],
                ))
            vorige = nieuw
    HOnderzocht.objects.bulk_create(historie, batch_size=1000)

    for oordeel in Oordeel.objects.filter(instelling_id__isnull=True).only("id", "onderzoek_id"):
        oordeel.instelling_id = huidig[oordeel.onderzoek_id]
        oordeel.save(update_fields=["instelling_id"])

    versies = list(HOordeel.objects.filter(instelling_id__isnull=True).only("history_id", "onderzoek_id", "history_date"))
    for versie in versies:
        instelling_id = huidig.get(versie.onderzoek_id)
        for v in tijdlijnen.get(versie.onderzoek_id, []):  # the report's GI at the moment of this version
            if v["history_date"] <= versie.history_date and v["history_type"] != "-":
                instelling_id = v["instelling_id"]
        if instelling_id is None and tijdlijnen.get(versie.onderzoek_id):
            instelling_id = tijdlijnen[versie.onderzoek_id][0]["instelling_id"]
        versie.instelling_id = instelling_id
    HOordeel.objects.bulk_update(versies, ["instelling_id"], batch_size=1000)


def naar_een_instelling(apps, schema_editor):
    Onderzoek = apps.get_model("supervision", "Inspectieonderzoek")
    HOnderzoek = apps.get_model("supervision", "HistoricalInspectieonderzoek")
    Onderzocht = apps.get_model("supervision", "OnderzochteInstelling")
    per_onderzoek = {}
    for onderzoek_id, instelling_id in Onderzocht.objects.order_by("id").values_list("onderzoek_id", "instelling_id"):
        per_onderzoek.setdefault(onderzoek_id, []).append(instelling_id)
    meer = sorted(o for o, gis in per_onderzoek.items() if len(gis) > 1)
    if meer:
        raise RuntimeError(
            f"Terugdraaien kan niet: de onderzoeken {meer} gaan over meer dan één instelling; een onderzoek had toen "
            "precies één instelling."
        )
    for onderzoek_id, [instelling_id] in per_onderzoek.items():
        Onderzoek.objects.filter(id=onderzoek_id).update(instelling_id=instelling_id)
        HOnderzoek.objects.filter(id=onderzoek_id).update(instelling_id=instelling_id)


class Migration(migrations.Migration):

    dependencies = [
        ("supervision", "0005_b_onderzochte_instellingen"),
    ]

    operations = [
        migrations.RunPython(naar_onderzochte_instellingen, naar_een_instelling),
    ]
