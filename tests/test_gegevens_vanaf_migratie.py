"""The data migration to gegevens vanaf per side keeps today's meaning: the one gegevens vanaf becomes both
certificering vanaf and toezicht vanaf, in the current rows and in their history (so an overview as recorded on an
earlier peildatum reads the same); an empty one stays empty on both sides."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from register.models import Instelling

VOOR = [("register", "0004_gegevens_vanaf")]
NA = [("register", "0007_k_gegevens_vanaf_per_kant_en_omvang")]


@pytest.mark.django_db(transaction=True)
def test_de_ene_datum_wordt_die_van_beide_kanten_ook_in_de_historie():
    executor = MigrationExecutor(connection)
    executor.migrate(VOOR)
    try:
        oud = executor.loader.project_state(VOOR).apps
        model, historie = oud.get_model("register", "Instelling"), oud.get_model("register", "HistoricalInstelling")
        met = model.objects.create(naam="Met", afkorting="MET", soort="regionaal", bron="b",
                                   gegevens_vanaf=dt.date(2024, 1, 1))
        zonder = model.objects.create(naam="Zonder", afkorting="ZONDER", soort="regionaal", bron="b")
        historie.objects.create(id=met.pk, naam="Met", afkorting="MET", soort="regionaal", bron="b",
                                gegevens_vanaf=dt.date(2023, 6, 1), history_date=dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc),
                                history_type="+", vervallen=False, datum_bij_benadering=False,
                                aangemaakt_op=dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc),
                                gewijzigd_op=dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc))
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(NA)
        # Going back to VOOR also took back the later migrations of other apps: every app to its latest state again.
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
    met, zonder = Instelling.objects.get(afkorting="MET"), Instelling.objects.get(afkorting="ZONDER")
    assert (met.certificering_vanaf, met.toezicht_vanaf, met.nog_niets_vastgelegd) == (dt.date(2024, 1, 1), dt.date(2024, 1, 1), False)
    assert (zonder.certificering_vanaf, zonder.toezicht_vanaf) == (None, None)
    [versie] = Instelling.history.filter(id=met.pk)
    assert (versie.certificering_vanaf, versie.toezicht_vanaf) == (dt.date(2023, 6, 1), dt.date(2023, 6, 1))
