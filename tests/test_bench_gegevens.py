"""The benchmarks' synthetic register and the records their writer corrects (bench/kameroverzicht.py, bench/api.py)
follow the model: a benchmark that no longer runs after a change of the model measures nothing. The timing itself is
no test (bench/ prints figures)."""

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _laden(naam: str, bestand: str):
    """A benchmark script as a module of its own name (bench/api.py is not the project's api package)."""
    spec = importlib.util.spec_from_file_location(naam, BENCH / bestand)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def bench_modules(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCH))  # bench/api.py imports its generator as ``kameroverzicht``
    generator = _laden("kameroverzicht", "kameroverzicht.py")
    monkeypatch.setitem(sys.modules, "kameroverzicht", generator)
    yield generator, _laden("bench_api", "api.py")


@pytest.mark.django_db
def test_synthetisch_register_en_de_records_van_de_schrijver(bench_modules):
    from register.models import Instelling
    from supervision.models import Inspectieonderzoek

    generator, bench_api = bench_modules
    aantallen = generator._vullen(3, 2, 6, 2025)
    assert Instelling.objects.count() == 3 and Inspectieonderzoek.objects.exists()
    assert all(waarde >= 0 for waarde in aantallen.values())
    afkorting = Instelling.objects.order_by("afkorting").values_list("afkorting", flat=True).first()
    bench_api._schrijvers_en_records(afkorting)
    # every resource the writer corrects has records, each named with the GI it belongs to
    for naam in bench_api.SCHRIJVER:
        records = bench_api.RECORDS[naam]
        assert records, naam
        assert {afk for _, afk in records} <= set(Instelling.objects.values_list("afkorting", flat=True))
    assert set(bench_api.TOKENS) == {"kmi", "inspectie"}
