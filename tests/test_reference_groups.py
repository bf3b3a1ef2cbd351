"""Reference groups computed from real CBS figures (Kerncijfers wijken en buurten 2020, 84799NED,
tests/fixtures/cbs, Bron: CBS) the way CBS defines a rate: a ratio of sums over the members with
both cijfers published, never an average of their rates; a member CBS suppressed is left out,
not counted as zero."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from monitor.figures.reference_groups import (
    RateDefinition,
    group_rates,
    size_class,
    size_class_label,
    size_class_rates,
)
from monitor.ingest.cbs.cbs_import import import_cbs
from monitor.store.snapshots import reading

KWB_2020 = (
    Path(__file__).parent
    / "fixtures"
    / "cbs"
    / "kwb2020_84799NED_gemeente_wijk_buurt_uitkeringen.csv"
)
BIJSTAND_PER_1000 = RateDefinition(
    "84799NED", "PersonenPerSoortUitkeringBijstand_83", "84799NED", "AantalInwoners_5", 1000
)


@pytest.fixture(scope="module")
def kwb_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("kwb")
    import_cbs(data_dir, [KWB_2020], author="test")
    return data_dir


def rates(data_dir: Path, group: str, members: list[str]):
    with reading(data_dir) as con:
        return group_rates(con, BIJSTAND_PER_1000, group, members)


def test_peers_are_a_ratio_of_sums_as_computed_by_hand(kwb_store):
    # Read from the file: Aa en Hunze 380 bijstand / 25.445 inwoners, Aalsmeer 270 / 31.859,
    # Aalten 290 / 27.121. Ratio of sums: 940 / 84.425 × 1.000 = 11,134…; the average of the
    # three rates would be (14,93 + 8,47 + 10,69) / 3 = 11,37.
    (rate,) = rates(kwb_store, "gekozen gemeenten", ["GM1680", "GM0358", "GM0197"])

    assert (rate.periode, rate.periode_label) == ("2020JJ00", "2020")
    assert rate.waarde.quantize(Decimal("0.001")) == Decimal("11.134")
    assert rate.coverage() == "3 van 3 met cijfers"


def test_nederland_is_cbs_own_national_figure(kwb_store):
    (rate,) = rates(kwb_store, "Nederland", ["NL00", "NL01"])

    # 421.110 / 17.407.585 × 1.000; the sum over the 355 gemeenten is 421.230 (each rounded to
    # tens), which is why Nederland is CBS's own row and not a sum of ours.
    assert rate.waarde.quantize(Decimal("0.0001")) == Decimal("24.1912")


def test_a_suppressed_member_is_left_out_and_said(kwb_store):
    # BU16800309 (Aa en Hunze, 15 inwoners) has its bijstand suppressed by CBS; BU16800100 has
    # 20 / 1.255.
    (rate,) = rates(kwb_store, "buurten", ["BU16800309", "BU16800100"])

    assert rate.waarde.quantize(Decimal("0.01")) == Decimal("15.94")
    assert rate.coverage() == "1 van 2 met cijfers"


def test_gemeenten_of_the_same_size_class_against_the_file(kwb_store):
    with KWB_2020.open(encoding="utf-8") as handle:
        gemeenten = [r for r in csv.DictReader(handle) if r["SoortRegio_2"].strip() == "Gemeente"]
    same = [r for r in gemeenten if 20_000 <= int(r["AantalInwoners_5"]) < 50_000]
    expected = (
        Decimal(1000)
        * sum(Decimal(r["PersonenPerSoortUitkeringBijstand_83"]) for r in same)
        / sum(Decimal(r["AantalInwoners_5"]) for r in same)
    )

    with reading(kwb_store) as con:
        (rate,) = size_class_rates(
            con, BIJSTAND_PER_1000, ("84799NED", "AantalInwoners_5"), "GM1680"
        )

    assert rate.group == "gemeenten met 20.000 tot 50.000 inwoners"
    assert (rate.leden_met_cijfers, rate.leden) == (len(same), len(same)) == (186, 186)
    assert rate.waarde.quantize(Decimal("0.0001")) == expected.quantize(Decimal("0.0001"))


@pytest.mark.parametrize(
    ("inwoners", "label"),
    [
        (947, "gemeenten met minder dan 5.000 inwoners"),
        (20_000, "gemeenten met 20.000 tot 50.000 inwoners"),
        (49_999, "gemeenten met 20.000 tot 50.000 inwoners"),
        (211_893, "gemeenten met 150.000 tot 250.000 inwoners"),
        (872_757, "gemeenten met 250.000 inwoners of meer"),
    ],
)
def test_cbs_size_classes(inwoners, label):
    assert size_class_label(size_class(inwoners)) == label
