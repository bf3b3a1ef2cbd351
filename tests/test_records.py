"""Importing pseudonymised records (data-contract §3): the SQL against the pandas reference, the
stock-flow identity, and the refusals that leave the store unchanged."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from monitor.domain.periods import Period
from monitor.ingest.files import UploadFile
from monitor.ingest.problems import ImportRefused
from monitor.ingest.records.compute import RecordKind, compute_records, import_records
from monitor.store.snapshots import current_snapshot
from tests.conftest import tree_digest, write_csv
from tests.oracles.records_reference import figures_from_records, read_records

KEY = ["indicator", "periode", "periode_soort", "categorie", "gemeente"]
MONITOR = str(Path(sys.executable).parent / "monitor")
WMO_HEADER = "client;voorziening;begindatum;einddatum\n"
BSN = "111222333"  # passes the elfproef


def sql_figures(path: Path, kind: RecordKind, **options: object) -> pd.DataFrame:
    computed = compute_records([UploadFile(path, path.name)], kind, **options)
    frame = computed.figures.to_pandas()
    frame["waarde"] = frame["waarde"].astype(int)
    return frame


def as_table(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[[*KEY, "waarde"]].sort_values(KEY).reset_index(drop=True)


def value(frame: pd.DataFrame, indicator: str, periode: str, categorie: str = "") -> int:
    rows = frame[
        (frame.indicator == indicator) & (frame.periode == periode) & (frame.categorie == categorie)
    ]
    assert len(rows) == 1, (indicator, periode, categorie)
    return int(rows.waarde.iloc[0])


def assert_stock_flow_identity(frame: pd.DataFrame, stand: str, instroom: str, uitstroom: str):
    monthly = frame[
        (frame.periode_soort == "maand") & frame.indicator.isin([stand, instroom, uitstroom])
    ]
    for (gemeente, categorie), group in monthly.groupby(["gemeente", "categorie"]):
        series = group.pivot_table(index="periode", columns="indicator", values="waarde")
        previous = 0
        for periode, row in series.sort_index().iterrows():
            assert row[stand] == previous + row[instroom] - row[uitstroom], (
                gemeente, categorie, periode,
            )  # fmt: skip
            previous = row[stand]


# ---------------------------------------------------------------- worked examples


def test_a_herindicatie_that_follows_without_a_gap_is_neither_instroom_nor_uitstroom(tmp_path):
    path = write_csv(
        tmp_path / "wmo.csv",
        WMO_HEADER + "a;Begeleiding;2024-01-15;2024-03-31\na;Begeleiding;2024-04-01;\n",
    )
    figures = sql_figures(path, RecordKind.WMO)
    assert value(figures, "wmo.instroom", "2024-01", "Begeleiding") == 1
    assert value(figures, "wmo.uitstroom", "2024-03", "Begeleiding") == 0
    assert value(figures, "wmo.instroom", "2024-04", "Begeleiding") == 0
    assert value(figures, "wmo.clienten", "2024-04", "Begeleiding") == 1


def test_a_gap_of_one_day_starts_a_new_zorgperiode_unless_the_gap_parameter_allows_it(tmp_path):
    path = write_csv(
        tmp_path / "wmo.csv",
        WMO_HEADER + "a;Begeleiding;2024-01-15;2024-03-30\na;Begeleiding;2024-04-01;2024-05-10\n",
    )
    strict = sql_figures(path, RecordKind.WMO)
    assert value(strict, "wmo.uitstroom", "2024-03", "Begeleiding") == 1
    assert value(strict, "wmo.instroom", "2024-04", "Begeleiding") == 1
    lenient = sql_figures(path, RecordKind.WMO, gap_dagen=30)
    assert value(lenient, "wmo.uitstroom", "2024-03", "Begeleiding") == 0
    assert value(lenient, "wmo.instroom", "2024-04", "Begeleiding") == 0


def test_a_zorgperiode_ending_on_the_peildatum_is_uitstroom_and_not_in_the_stand(tmp_path):
    path = write_csv(tmp_path / "wmo.csv", WMO_HEADER + "a;Hulpmiddelen;2024-01-10;31-3-2024\n")
    figures = sql_figures(path, RecordKind.WMO)
    assert value(figures, "wmo.clienten", "2024-02", "Hulpmiddelen") == 1
    assert value(figures, "wmo.clienten", "2024-03", "Hulpmiddelen") == 0
    assert value(figures, "wmo.uitstroom", "2024-03", "Hulpmiddelen") == 1
    assert value(figures, "wmo.uitstroom", "2024-Q1", "Hulpmiddelen") == 1


def test_a_client_with_two_voorzieningen_counts_once_in_the_total(tmp_path):
    path = write_csv(
        tmp_path / "wmo.csv",
        WMO_HEADER + "a;Begeleiding;2024-01-01;\na;Hulpmiddelen;2024-02-01;2024-02-20\n",
    )
    figures = sql_figures(path, RecordKind.WMO, tot=Period.month(2024, 2))
    assert value(figures, "wmo.clienten", "2024-02", "Begeleiding") == 1
    assert value(figures, "wmo.instroom", "2024-02", "Hulpmiddelen") == 1
    assert value(figures, "wmo.instroom", "2024-02", "") == 0
    assert value(figures, "wmo.clienten", "2024-02", "") == 1


def test_months_run_from_the_first_begindatum_through_the_latest_date_or_tot(tmp_path):
    """Without --tot the month of the latest date ends the figures; with it, that month."""
    path = write_csv(tmp_path / "wmo.csv", WMO_HEADER + "a;Begeleiding;2023-11-05;2025-02-28\n")
    periods = set(sql_figures(path, RecordKind.WMO).periode)
    assert min(periods) == "2023-11" and "2025-02" in periods and "2025-03" not in periods
    capped = sql_figures(path, RecordKind.WMO, tot=Period.quarter(2024, 2))
    assert max(p for p in capped.periode if "Q" not in p) == "2024-06"
    assert "2023-Q4" not in set(capped.periode)  # November and December only: no full quarter


def test_vanaf_leaves_out_earlier_months_but_the_stand_keeps_earlier_clients(tmp_path):
    path = write_csv(tmp_path / "wmo.csv", WMO_HEADER + "a;Begeleiding;2019-05-01;\n")
    figures = sql_figures(
        path, RecordKind.WMO, tot=Period.month(2024, 3), vanaf=Period.month(2024, 1)
    )
    assert min(figures.periode) == "2024-01"
    assert value(figures, "wmo.clienten", "2024-01", "") == 1


# ---------------------------------------------------------------- the oracle


DATES = st.dates(dt.date(2023, 1, 1), dt.date(2024, 12, 31))
PEILDATA = st.sampled_from([dt.date(2023, m, 28) for m in range(1, 13)]).map(
    lambda d: (d.replace(day=1) + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
)
STEPS = st.sampled_from([-40, -3, 0, 1, 2, 5, 31, 90])  # overlap … aansluitend … gaps


@st.composite
def indicatie_sets(draw: st.DrawFn, categories: tuple[str, ...]) -> list[dict[str, object]]:
    """Chains of indicaties per client and category: overlaps, aansluitende herindicaties,
    one-day gaps, open ends, and begin or end dates on a peildatum."""
    records = []
    for client in range(draw(st.integers(1, 6))):
        for categorie in draw(
            st.lists(st.sampled_from(categories), min_size=1, max_size=3, unique=True)
        ):
            begin = draw(st.one_of(DATES, PEILDATA))
            for _ in range(draw(st.integers(1, 4))):
                length = draw(st.sampled_from([0, 1, 10, 29, 45, 120, 400]))
                end = begin + dt.timedelta(days=length)
                if draw(st.booleans()) and draw(st.booleans()):
                    end = draw(PEILDATA.filter(lambda d, b=begin: d >= b) | st.just(end))
                is_open = draw(st.integers(0, 5)) == 0
                records.append(
                    {"client": f"k{client}", "categorie": categorie, "begindatum": begin,
                     "einddatum": None if is_open else end}
                )  # fmt: skip
                begin = end + dt.timedelta(days=draw(STEPS))
    return records


def notation(draw: st.DrawFn, day: dt.date | None) -> str:
    if day is None:
        return ""
    style = draw(st.sampled_from(["iso", "nl", "kort"]))
    if style == "iso":
        return day.isoformat()
    if style == "nl":
        return day.strftime("%d-%m-%Y")
    return f"{day.day}-{day.month}-{day.year}"


def write_records(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    lines = [";".join(header), *(";".join(row) for row in rows)]
    return write_csv(path, "\n".join(lines) + "\n")


@pytest.mark.slow
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.data(),
    records=indicatie_sets(("Hulp bij het huishouden", "Begeleiding", "Beschermd Wonen")),
    gap=st.sampled_from([0, 1, 2, 30]),
    tot=st.one_of(st.none(), st.sampled_from([Period.month(2023, 6), Period.month(2024, 3)])),
)
def test_sql_figures_equal_the_reference_for_random_indicaties(tmp_path, data, records, gap, tot):
    rows = [
        [r["client"], r["categorie"], notation(data.draw, r["begindatum"]), notation(data.draw, r["einddatum"])]
        for r in records
    ]  # fmt: skip
    if tot is not None and min(r["begindatum"] for r in records) > tot.end:
        return  # nothing before tot: refused, tested elsewhere
    path = write_records(
        tmp_path / "wmo.csv", ["client", "voorziening", "begindatum", "einddatum"], rows
    )
    sql = sql_figures(path, RecordKind.WMO, gap_dagen=gap, tot=tot)
    reference = figures_from_records(
        read_records(path), "wmo", gap_dagen=gap, tot=None if tot is None else tot.end
    )
    pd.testing.assert_frame_equal(as_table(sql), as_table(reference))
    assert_stock_flow_identity(sql, "wmo.clienten", "wmo.instroom", "wmo.uitstroom")


@pytest.mark.slow
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.data(),
    records=indicatie_sets(("Participatiewet", "IOAW", "IOAZ")),
    gap=st.sampled_from([1, 30]),
)
def test_participatie_figures_and_kenmerken_equal_the_reference(tmp_path, data, records, gap):
    header = ["client", "regeling", "begindatum", "einddatum", "geslacht", "geboortejaar",
              "leefsituatie", "trede", "loonkostensubsidie"]  # fmt: skip
    rows = [
        [r["client"], r["categorie"], notation(data.draw, r["begindatum"]),
         notation(data.draw, r["einddatum"]), data.draw(st.sampled_from(["M", "v", "", "X"])),
         str(data.draw(st.integers(1950, 2008))),
         data.draw(st.sampled_from(["Alleenstaand", "Alleenstaande ouder", ""])),
         data.draw(st.sampled_from(["", "1", "Trede 4", "6"])),
         data.draw(st.sampled_from(["ja", "nee", "", "1"]))]
        for r in records
    ]  # fmt: skip
    if not any(r["categorie"] != "IOAZ" for r in records):
        return
    path = write_records(tmp_path / "uitkeringen.csv", header, rows)
    sql = sql_figures(path, RecordKind.PARTICIPATIE, gap_dagen=gap)
    reference = figures_from_records(read_records(path), "participatie", gap_dagen=gap)
    pd.testing.assert_frame_equal(as_table(sql), as_table(reference))
    assert_stock_flow_identity(
        sql, "participatie.uitkeringen", "participatie.instroom", "participatie.uitstroom"
    )
    stand = sql[sql.indicator == "participatie.uitkeringen"].set_index("periode").waarde
    for indicator, group in sql[sql.indicator.str.startswith("participatie.uitkeringen_")].groupby(
        "indicator"
    ):
        sums = group.groupby("periode").waarde.sum()
        assert all(sums[p] == stand[p] for p in sums.index), indicator  # kenmerken add up


def test_kenmerken_use_age_classes_looptijd_and_the_latest_trede(tmp_path):
    path = write_records(
        tmp_path / "uitkeringen.csv",
        ["client", "regeling", "begindatum", "einddatum", "geslacht", "geboortejaar",
         "leefsituatie", "trede"],
        [["a", "P-wet", "2019-01-01", "2022-12-31", "V", "1957", "Alleenstaand", "2"],
         ["a", "IOAW", "2023-01-01", "", "V", "1957", "Alleenstaand", ""],
         ["b", "Participatiewet", "2023-10-05", "2024-06-30", "m", "2001", "Gehuwd of samenwonend",
          "Trede 5"]],
    )  # fmt: skip
    figures = sql_figures(path, RecordKind.PARTICIPATIE, tot=Period.month(2024, 3))
    assert (
        value(figures, "participatie.uitkeringen_leeftijd", "2024-03", "AOW-leeftijd of ouder") == 1
    )
    assert value(figures, "participatie.uitkeringen_leeftijd", "2024-03", "18-26 jaar") == 1
    assert value(figures, "participatie.uitkeringen_looptijd", "2024-03", "5 jaar of langer") == 1
    assert value(figures, "participatie.uitkeringen_looptijd", "2024-03", "Korter dan 1 jaar") == 1
    assert value(figures, "participatie.uitkeringen_trede", "2024-03", "Trede 2") == 1
    assert value(figures, "participatie.uitkeringen_trede", "2024-03", "Trede 5") == 1
    assert value(figures, "participatie.instroom", "2023-01") == 0  # P-wet to IOAW: one uitkering


# ---------------------------------------------------------------- reading


def test_windows_1252_comma_separated_xlsx_and_gemeente_columns_are_read(tmp_path):
    cp = write_csv(
        tmp_path / "jeugd.csv",
        "Cliënt,Productcategorie,Begindatum,Einddatum,Gemeente\n"
        "x1,Jeugd-GGZ,01-02-2024,,gm0098\nx2,Jeugd-GGZ,2024-02-03,2024-03-01,GM0099\n",
        encoding="cp1252",
    )
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(
        [
            "gemeente",
            "client",
            "voorziening_of_productcategorie",
            "begindatum",
            "einddatum",
            "verwijzer",
        ]
    )
    sheet.append(["GM0098", "x3", "Pleegzorg", dt.datetime(2024, 2, 10), None, "Huisarts"])
    xlsx = tmp_path / "jeugd.xlsx"
    workbook.save(xlsx)
    computed = compute_records(
        [UploadFile(cp, cp.name), UploadFile(xlsx, xlsx.name)], RecordKind.JEUGD
    )
    figures = computed.figures.to_pandas()
    own = figures[figures.gemeente == "GM0098"]
    assert value(own, "jeugd.clienten", "2024-02") == 2
    assert value(figures[figures.gemeente == "GM0099"], "jeugd.uitstroom", "2024-03") == 1
    assert any("Windows-1252" in note for note in computed.notes)
    assert [f.data_rows for f in computed.files] == [2, 1]


# ---------------------------------------------------------------- refusals


def refused(
    tmp_path: Path, text: str, kind: RecordKind = RecordKind.WMO, encoding: str = "utf-8"
) -> list[str]:
    path = write_csv(tmp_path / "records.csv", text, encoding)
    with pytest.raises(ImportRefused) as error:
        compute_records([UploadFile(path, path.name)], kind)
    return [str(problem) for problem in error.value.problems]


def test_a_bad_date_is_reported_with_file_row_and_column_counting_empty_lines(tmp_path):
    problems = refused(
        tmp_path,
        "client;Voorziening;begindatum;einddatum\na;Hbh;2024-01-01;\n\nb;Hbh;2024-13-01;\n",
    )
    assert problems == [
        "records.csv, rij 4, kolom 'begindatum': '2024-13-01' is geen datum. Gebruik een datum "
        "als 2024-03-31, 31-03-2024 of 31-3-2024."
    ]


def test_an_einddatum_before_the_begindatum_is_refused(tmp_path):
    problems = refused(tmp_path, WMO_HEADER + "a;Hbh;2024-03-01;2024-02-01\n")
    assert problems[0].startswith("records.csv, rij 2, kolom 'einddatum': de einddatum 01-02-2024")


def test_a_column_of_bsns_is_refused_even_when_it_is_not_part_of_the_format(tmp_path):
    problems = refused(tmp_path, "client;voorziening;begindatum;einddatum;nummer\n"
                                 f"a;Hbh;2024-01-01;;{BSN}\n")  # fmt: skip
    assert any("kolom 'nummer'" in p and "burgerservicenummers" in p for p in problems)
    problems = refused(tmp_path, WMO_HEADER + f"{BSN};Hbh;2024-01-01;\n")
    assert any("kolom 'client'" in p for p in problems)
    for written in ("1112.22.333", "111 222 333", "BSN 111222333", "１１１２２２３３３"):
        problems = refused(tmp_path, WMO_HEADER + f"{written};Hbh;2024-01-01;\n")
        assert any("kolom 'client'" in p and "burgerservicenummers" in p for p in problems)


def test_missing_columns_and_rows_with_too_many_columns_are_refused(tmp_path):
    assert "ontbreekt" in refused(tmp_path, "client;voorziening;begindatum\na;b;2024-01-01\n")[0]
    problems = refused(tmp_path, WMO_HEADER + "a;Hbh;2024-01-01;\nb;Hbh;2024-01-01;;extra\n")
    assert problems[0].startswith("records.csv, rij 3: deze rij heeft 5 kolommen en de kopregel 4")


def test_participatie_values_are_checked(tmp_path):
    problems = refused(
        tmp_path,
        "client;regeling;begindatum;einddatum;geslacht;geboortejaar;leefsituatie;trede\n"
        "a;WW;2024-01-01;;Q;19x5;Alleenstaand;9\n",
        RecordKind.PARTICIPATIE,
    )
    assert [p.split(":")[0] for p in problems] == [
        "records.csv, rij 2, kolom 'regeling'",
        "records.csv, rij 2, kolom 'geslacht'",
        "records.csv, rij 2, kolom 'geboortejaar'",
        "records.csv, rij 2, kolom 'trede'",
    ]


def test_a_refused_records_import_leaves_the_store_byte_identical(tmp_path, data_dir):
    good = write_csv(tmp_path / "goed.csv", WMO_HEADER + "a;Hbh;2024-01-01;\n")
    import_records(data_dir, [UploadFile(good, good.name)], RecordKind.WMO, author="test")
    before = tree_digest(data_dir)
    bad = write_csv(tmp_path / "fout.csv", WMO_HEADER + "a;Hbh;2024-01-01;\nb;Hbh;gisteren;\n")
    with pytest.raises(ImportRefused):
        import_records(data_dir, [UploadFile(bad, bad.name)], RecordKind.WMO, author="test")
    assert tree_digest(data_dir) == before


# ---------------------------------------------------------------- publishing


def test_records_are_published_with_bron_records_and_provenance(tmp_path, data_dir):
    path = write_csv(tmp_path / "wmo.csv", WMO_HEADER + "a;Hbh;2024-01-01;\nb;Hbh;2024-02-01;\n")
    result = import_records(
        data_dir, [UploadFile(path, path.name)], RecordKind.WMO, author="test", gap_dagen=30
    )
    con = duckdb.connect(str(current_snapshot(data_dir)), read_only=True)
    try:
        bronnen = con.sql("SELECT DISTINCT bron FROM cijfers").fetchall()
        stand = con.sql(
            "SELECT waarde FROM cijfers WHERE indicator = 'wmo.clienten' AND periode = '2024-02' "
            "AND categorie = ''"
        ).fetchall()[0]
        description = con.sql("SELECT description FROM versions").fetchall()[0][0]
        files = con.sql("SELECT file_name, data_rows, length(sha256) FROM version_files").fetchall()
    finally:
        con.close()
    assert result.version == 1 and bronnen == [("records",)] and stand == (2,)
    assert "Wmo" in description and "korter dan 30 dagen" in description
    assert files == [("wmo.csv", 2, 64)]


@pytest.mark.slow
def test_the_cli_imports_records_and_refuses_with_a_dutch_message(tmp_path):
    good = write_csv(tmp_path / "wmo.csv", WMO_HEADER + "a;Hbh;2024-01-01;2024-05-03\n")
    env = {"MONITOR_DATA_DIR": str(tmp_path / "data"), "PATH": "/usr/bin:/bin"}
    ok = subprocess.run(
        [MONITOR, "importeer", "--registraties", "wmo", "--onderbreking-dagen", "1", "--tot", "2024-03", str(good)],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert ok.returncode == 0, ok.stderr
    assert "Opgeslagen als versie 1" in ok.stdout and "jan-24 t/m mrt-24" in ok.stdout
    bad = write_csv(tmp_path / "fout.csv", WMO_HEADER + "a;Hbh;2024-01-01;32-01-2024\n")
    refused_run = subprocess.run(
        [MONITOR, "importeer", "--registraties", "wmo", str(bad)],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert refused_run.returncode == 1
    assert "fout.csv, rij 2, kolom 'einddatum'" in refused_run.stderr


def test_an_error_in_an_excel_sheet_names_the_sheet_and_the_row_excel_shows(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Indicaties"
    sheet.append(["Overzicht Wmo-indicaties"])  # a title row above the header
    sheet.append(["client", "voorziening", "begindatum", "einddatum"])
    sheet.append(["a", "Hbh", dt.date(2024, 1, 1), None])
    sheet.append([])
    sheet.append(["b", None, "2024-02-01", None])
    path = tmp_path / "wmo.xlsx"
    workbook.save(path)
    with pytest.raises(ImportRefused) as error:
        compute_records([UploadFile(path, path.name)], RecordKind.WMO)
    assert str(error.value.problems[0]).startswith(
        "wmo.xlsx, blad 'Indicaties', rij 5, kolom 'voorziening': deze cel is leeg"
    )


def test_a_half_written_last_row_is_refused(tmp_path):
    problems = refused(tmp_path, WMO_HEADER + "a;Hbh;2024-01-01;\nb;Hb")
    assert problems[0].startswith("records.csv, rij 3: deze rij heeft 2 kolommen")


def test_a_dry_run_computes_and_diffs_but_publishes_nothing(tmp_path, data_dir):
    path = write_csv(tmp_path / "wmo.csv", WMO_HEADER + "a;Hbh;2024-01-01;\n")
    result = import_records(
        data_dir, [UploadFile(path, path.name)], RecordKind.WMO, author="test", dry_run=True
    )
    assert result.version is None and result.diff.new == result.computed.figures.num_rows
    assert tree_digest(data_dir) == {}


def test_a_records_workbook_that_unpacks_beyond_the_limit_is_refused(tmp_path, monkeypatch):
    import zipfile

    import openpyxl

    from monitor.ingest.records import reading

    # The real limit is 1 GiB; a smaller one keeps the file quick to write, the check is the same.
    monkeypatch.setattr(reading, "MAX_RECORDS_XLSX_UNCOMPRESSED_BYTES", 2 * (1 << 20))
    path = tmp_path / "indicaties.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["client", "voorziening", "begindatum", "einddatum"])
    workbook.save(path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/nullen.bin", bytes(3 * (1 << 20)))

    with pytest.raises(ImportRefused) as refused:
        compute_records([UploadFile(path, "indicaties.xlsx")], RecordKind.WMO)

    (problem,) = refused.value.problems
    assert problem.file == "indicaties.xlsx"
    assert (
        "pakt uit tot 3 MB; de grens is 2 MB. Lever grote bestanden aan als CSV." in problem.message
    )


# ---------------------------------------------------------------- unsafe text and broken files


def test_a_control_or_invisible_character_in_a_records_file_is_refused_where_it_sits(tmp_path):
    problems = refused(tmp_path, WMO_HEADER + "a;Hbh;2024-01-01;\nb;Hulp\x0bbij;2024-01-01;\n")
    assert problems == [
        "records.csv, rij 3, kolom 'voorziening': deze tekst bevat een verticale tab (U+000B). "
        "Tekst uit een bestand wordt een label in de monitor en mag geen stuurtekens of "
        "onzichtbare tekens bevatten; verwijder het teken."
    ]
    problems = refused(tmp_path, "client;voorziening;begindatum;einddatum;opm\u202e\n"
                                 "a;Hbh;2024-01-01;;x\n")  # fmt: skip
    assert problems[0].startswith("records.csv, rij 1, kolom 'kolom 5': deze tekst bevat een "
                                  "teken dat de leesrichting omdraait (U+202E)")  # fmt: skip


def test_an_invisible_character_in_a_records_workbook_names_the_row_excel_shows(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Overzicht"])
    sheet.append(["client", "voorziening", "begindatum", "einddatum"])
    sheet.append(["a", "Hbh", "2024-01-01", None])
    sheet.append(["b", "Hbh\u200b", "2024-01-01", None])
    path = tmp_path / "wmo.xlsx"
    workbook.save(path)
    with pytest.raises(ImportRefused) as error:
        compute_records([UploadFile(path, path.name)], RecordKind.WMO)
    assert str(error.value.problems[0]).startswith(
        "wmo.xlsx, blad 'Sheet', rij 4, kolom 'voorziening': deze tekst bevat een onzichtbare spatie"
    )


@pytest.mark.parametrize(
    "name", ["xlsx_zip_zonder_werkmap.xlsx", "xlsx_kapotte_xml.xlsx", "xlsx_xml_entiteiten.xlsx"]
)
def test_a_broken_records_workbook_is_refused_in_dutch(name):
    path = Path(__file__).parent / "corpus" / "bad" / name
    with pytest.raises(ImportRefused) as error:
        compute_records([UploadFile(path, name)], RecordKind.WMO)
    (problem,) = error.value.problems
    assert problem.file == name and "Excel" in problem.message


def test_old_mac_line_endings_are_named_as_such(tmp_path):
    problems = refused(tmp_path, "client;Voorziening;begindatum;einddatum\ra;Hbh;2024-01-01;\r")
    assert problems == [
        "records.csv: de regels eindigen alleen op CR (een oud Mac-formaat), zodat het hele "
        "bestand één regel lijkt. Sla het op als 'CSV UTF-8' met gewone regeleinden (Windows of "
        "Unix)."
    ]
