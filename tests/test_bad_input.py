"""Malformed uploads (data-contract §2): every file of tests/corpus/bad/ is refused with Dutch
messages that name the file (and the row and column where the defect sits), the store stays
byte-identical, the `monitor import` command exits 1 without a traceback, and fuzzed files and
cells give either a clean import or a refusal, never another exception.

The corpus is written by tests/corpus/make_bad_corpus.py; files whose name contains `breed` are
wide files and are imported with --indicator wmo.clienten.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from conftest import LONG_HEADER, run_import, tree_digest, write_csv
from hypothesis import HealthCheck, assume, event, example, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from monitor.config import DEFAULT_CATALOGUE
from monitor.domain.catalogue import Catalogue, load_catalogue
from monitor.domain.numbers import Notation, NumberError, parse_number
from monitor.domain.periods import Period, PeriodError, parse_period
from monitor.ingest.figure_import import import_files
from monitor.ingest.files import UploadFile
from monitor.ingest.problems import ImportRefused, Problem
from monitor.ingest.reading import MAX_FIGURE_FILE_BYTES

CORPUS = Path(__file__).parent / "corpus" / "bad"
OVERSIZED = "te_groot_voor_de_grens.csv"  # made at test time: 50 MB does not belong in git
NAMES = [*sorted(path.name for path in CORPUS.iterdir()), OVERSIZED]
WIDE_INDICATOR = "wmo.clienten"
MONITOR = str(Path(sys.executable).parent / "monitor")

# Words that betray an English (or Python) message instead of a Dutch sentence.
ENGLISH = (
    "traceback",
    "error",
    "invalid",
    "expected",
    "codec",
    "line ",
    "field",
    "exception",
    "cannot",
    "not found",
    "'none'",
)

# Where the defect sits: (row, column) that at least one problem must name; None = not applicable.
LOCATIONS: dict[str, tuple[int | None, str | None]] = {
    "aanhalingsteken_gevolgd_door_tekst.csv": (3, None),
    "aanhalingsteken_niet_gesloten.csv": (3, None),
    "afgebroken_in_aanhalingstekens.csv": (3, None),
    "afgebroken_in_utf8_teken_categorie.csv": (3, None),
    "afgebroken_in_utf8_teken_waarde.csv": (3, "waarde"),
    "afgebroken_midden_in_rij.csv": (3, None),
    "breed_bsn_categorie.csv": (None, "Voorziening"),
    "breed_dubbele_categorie.csv": (3, None),
    "breed_dubbele_kolom.csv": (1, "mrt-24"),
    "breed_dubbele_periode.csv": (1, "2024-03"),
    "breed_formule.csv": (2, "jun-24"),
    "breed_geen_perioden.csv": (1, "Aantal"),
    "breed_kleiner_dan_10.csv": (2, "jun-24"),
    "breed_kop_lege_cel_met_gegevens.csv": (1, None),
    "breed_negatief.csv": (2, "jun-24"),
    "breed_periode_onbekend.csv": (1, "Q5 2024"),
    "breed_rij_te_lang.csv": (2, None),
    "bsn_als_categorie.csv": (None, "categorie"),
    "bsn_met_punten.csv": (None, "categorie"),
    "bsn_met_spaties.csv": (None, "categorie"),
    "bsn_met_woord.csv": (None, "categorie"),
    "bsn_volle_breedte.csv": (None, "categorie"),
    "bsn_kolom.csv": (None, "bsn"),
    "categorie_bij_indicator_zonder_categorie.csv": (3, "categorie"),
    "cel_te_lang.csv": (3, None),
    "codering_bom_met_cp1252.csv": (2, None),
    "codering_dubbele_bom.csv": (1, None),
    "codering_utf8_en_cp1252.csv": (3, None),
    "codering_utf8_onleesbaar_als_cp1252.csv": (2, None),
    "dubbele_sleutel.csv": (3, None),
    "dubbele_sleutel_totaal.csv": (4, None),
    "formule_cmd_categorie.csv": (3, "categorie"),
    "formule_cmd_waarde.csv": (3, "waarde"),
    "formule_hyperlink_categorie.csv": (3, "categorie"),
    "formule_hyperlink_waarde.csv": (3, "waarde"),
    "formule_som_waarde.csv": (3, "waarde"),
    "formule_sum_categorie.csv": (3, "categorie"),
    "formule_sum_waarde.csv": (3, "waarde"),
    "formule_na_spatie_categorie.csv": (3, "categorie"),
    "formule_na_tab_categorie.csv": (3, "categorie"),
    "formule_volle_breedte_categorie.csv": (3, "categorie"),
    "formule_min_categorie.csv": (3, "categorie"),
    "gemeente_geen_cbs_code.csv": (2, "gemeente"),
    "groot_19_negens.csv": (3, "waarde"),
    "groot_1e400.csv": (3, "waarde"),
    "groot_40_cijfers.csv": (3, "waarde"),
    "groot_getal.xlsx": (3, "waarde"),
    "groot_getal_1e20.xlsx": (3, "waarde"),
    "groot_negatief.csv": (3, "waarde"),
    "indicator_leeg.csv": (3, "indicator"),
    "kop_dubbele_waarde.csv": (1, "waarde"),
    "kop_lege_cel_met_gegevens.csv": (1, None),
    "kop_zonder_waarde.csv": (1, None),
    "kruistabel_zonder_indicator.csv": (1, None),
    "onbekende_indicator.csv": (3, "indicator"),
    "periode_2024_00.csv": (3, "periode"),
    "periode_2024_13.csv": (3, "periode"),
    "periode_2024_Q5.csv": (3, "periode"),
    "periode_29_02_2023.csv": (3, "periode"),
    "periode_31_02_2024.csv": (3, "periode"),
    "periode_geen_peildatum.csv": (3, "periode"),
    "periode_jaar_1850.csv": (3, "periode"),
    "periode_kwartaal_bij_maandindicator.csv": (3, "periode"),
    "periode_leeg.csv": (3, "periode"),
    "periode_onbekend_woord.csv": (3, "periode"),
    "rij_te_veel_kolommen.csv": (3, None),
    "rij_te_weinig_kolommen.csv": (3, None),
    "scheidingsteken_gemengd_rij.csv": (3, None),
    "scheidingsteken_komma_kop_puntkomma_rijen.csv": (2, None),
    "scheidingsteken_pijp.csv": (1, None),
    "scheidingsteken_spatie.csv": (1, None),
    "waarde_decimaal_personen.csv": (3, "waarde"),
    "waarde_gemengde_notatie.csv": (4, "waarde"),
    "waarde_kleiner_dan_10.csv": (3, "waarde"),
    "waarde_kleiner_dan_spatie_10.csv": (3, "waarde"),
    "waarde_nan.csv": (3, "waarde"),
    "waarde_negatief_personen.csv": (3, "waarde"),
    "waarde_nvt.csv": (3, "waarde"),
    "waarde_streepje.csv": (3, "waarde"),
    "waarde_twee_decimaaltekens.csv": (3, "waarde"),
    "xlsx_bsn_kolom.xlsx": (None, "bsn"),
    "xlsx_datum_als_waarde.xlsx": (3, "waarde"),
    "xlsx_dubbel_over_bladen.xlsx": (2, None),
    "xlsx_formule_zonder_waarde.xlsx": (3, "waarde"),
    "xlsx_periode_leeg.xlsx": (3, "periode"),
    "xlsx_samengevoegde_cellen.xlsx": (3, "waarde"),
    "xlsx_samengevoegd_hele_blad.xlsx": (1, "periode"),
    "tekst_verticale_tab_categorie.csv": (3, "categorie"),
    "tekst_leesrichting_categorie.csv": (3, "categorie"),
    "tekst_nulbreedte_spatie_indicator.csv": (3, "indicator"),
    "tekst_vervangingsteken_categorie.csv": (3, "categorie"),
    "tekst_prive_teken_gemeente.csv": (2, "gemeente"),
    "tekst_stuurteken_kolomnaam.csv": (1, "kolom 5"),
    "breed_tekst_verticale_tab.csv": (2, "Voorziening"),
    "xlsx_tekst_leesrichting.xlsx": (3, "categorie"),
    "xlsx_cel_in_laatste_rij_en_kolom.xlsx": (1, "kolom 16384"),
    "xlsx_waar_als_waarde.xlsx": (3, "waarde"),
}

CLI_FILES = [
    "leeg.csv",
    "codering_utf16_le.csv",
    "afgebroken_in_aanhalingstekens.csv",
    "breed_dubbele_periode.csv",
    "xlsx_zipbom.xlsx",
    "groot_getal.xlsx",
]


def english_in(text: str) -> list[str]:
    lowered = text.lower()
    return [phrase for phrase in ENGLISH if phrase in lowered]


def indicator_for(name: str) -> str | None:
    return WIDE_INDICATOR if "breed" in name else None


def corpus_file(name: str, directory: Path) -> Path:
    if name != OVERSIZED:
        return CORPUS / name
    path = directory / name
    with path.open("wb") as handle:  # sparse: the size check comes before any reading
        handle.write(LONG_HEADER.encode())
        handle.truncate(MAX_FIGURE_FILE_BYTES + 1)
    return path


@pytest.fixture(scope="module")
def published_template(tmp_path_factory: pytest.TempPathFactory, catalogue: Catalogue) -> Path:
    """A store holding one published version, copied for every test that needs one."""
    work = tmp_path_factory.mktemp("gepubliceerd")
    directory = work / "data"
    earlier = write_csv(work / "eerder.csv", LONG_HEADER + "wmo.lasten;2024-01;;1.000\n")
    run_import(directory, catalogue, earlier)
    return directory


@pytest.fixture(params=["lege store", "store met een gepubliceerde versie"])
def store(request, tmp_path: Path, published_template: Path) -> Path:
    directory = tmp_path / "data"
    if request.param != "lege store":
        shutil.copytree(published_template, directory)
    return directory


# ---------------------------------------------------------------- the corpus itself


def test_the_corpus_is_large_enough_and_small_enough_to_commit():
    sizes = {path.name: path.stat().st_size for path in CORPUS.iterdir()}

    assert len(sizes) >= 50
    assert max(sizes.values()) < 300_000, max(sizes, key=sizes.get)
    assert sum(sizes.values()) < 2_000_000
    assert set(LOCATIONS) <= set(sizes), set(LOCATIONS) - set(sizes)


# ---------------------------------------------------------------- every file is refused


@pytest.mark.parametrize("name", NAMES)
def test_a_malformed_file_is_refused_in_dutch_and_changes_nothing(name, store, catalogue, tmp_path):
    path = corpus_file(name, tmp_path)
    before = tree_digest(store)

    with pytest.raises(ImportRefused) as raised:
        import_files(
            store,
            [UploadFile(path, name)],
            catalogue,
            author="test",
            indicator_id=indicator_for(name),
        )

    assert tree_digest(store) == before
    problems: list[Problem] = list(raised.value.problems)
    assert problems
    for problem in problems:
        assert problem.file == name, str(problem)
        assert str(problem).startswith(name), str(problem)
        assert not english_in(problem.message), (english_in(problem.message), str(problem))
    assert "Er is niets gewijzigd" in str(raised.value)
    if name in LOCATIONS:
        row, column = LOCATIONS[name]
        places = [(p.row, p.column) for p in problems]
        assert any(
            (row is None or p.row == row) and (column is None or p.column == column)
            for p in problems
        ), f"verwacht rij {row}, kolom {column}; gemeld: {places}"


# ---------------------------------------------------------------- through the command line


@pytest.fixture(scope="module")
def cli_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, str, str, Path]]:
    """`monitor import FILE` for a handful of corpus files, run side by side (each start of the
    command costs seconds); per file the exit code, stdout, stderr and its store directory."""
    work = tmp_path_factory.mktemp("cli")
    running = {}
    for name in CLI_FILES:
        data_dir = work / name / "data"
        env = {**os.environ, "MONITOR_DATA_DIR": str(data_dir)}
        args = [MONITOR, "importeer", str(CORPUS / name)]
        if indicator_for(name):
            args += ["--indicator", WIDE_INDICATOR]
        process = subprocess.Popen(
            args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
        )
        running[name] = (process, data_dir)
    results = {}
    for name, (process, data_dir) in running.items():
        out, err = process.communicate(timeout=180)
        results[name] = (process.returncode, out, err, data_dir)
    return results


@pytest.mark.slow
@pytest.mark.parametrize("name", CLI_FILES)
def test_the_import_command_refuses_a_malformed_file_with_exit_code_1(name, cli_runs):
    code, out, err, data_dir = cli_runs[name]

    assert "Traceback" not in err, err
    assert code == 1, (out, err)
    assert name in err
    assert "Er is niets gewijzigd" in err
    assert not english_in(err), (english_in(err), err)
    assert tree_digest(data_dir) == {}


# ---------------------------------------------------------------- fuzzing

_CATALOGUE = load_catalogue(DEFAULT_CATALOGUE)
_IDS = sorted(_CATALOGUE.by_id)
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(scope="module")
def attempt(published_template: Path):
    """Import one file into a fresh copy of a published store: it is published or refused, and a
    refusal leaves the copy byte-identical. Any other exception fails the test. (Module-scoped:
    every call works in its own temporary directory, so examples share no state.)"""

    def run(
        data: bytes,
        suffix: str = ".csv",
        indicator_id: str | None = None,
        dry_run: bool = False,
        must_refuse: bool = False,
    ) -> None:
        with tempfile.TemporaryDirectory() as work:
            data_dir = Path(work) / "data"
            shutil.copytree(published_template, data_dir)
            path = Path(work) / f"upload{suffix}"
            path.write_bytes(data)
            before = tree_digest(data_dir)
            try:
                result = import_files(
                    data_dir,
                    [UploadFile(path, path.name)],
                    _CATALOGUE,
                    author="fuzz",
                    indicator_id=indicator_id,
                    dry_run=dry_run,
                )
            except ImportRefused as refused:
                event(f"geweigerd: {refused.problems[0].message[:40]}")
                assert tree_digest(data_dir) == before
                assert refused.problems
                assert all(problem.file == path.name for problem in refused.problems)
                return
            assert not must_refuse, "this file must be refused, but it was imported"
            event("gepubliceerd" if not dry_run else "goedgekeurd (proefimport)")
            assert result.version == (None if dry_run else 2)
            if dry_run:
                assert tree_digest(data_dir) == before

    return run


SEPARATORS = st.sampled_from([";", ",", "\t", "|", " "])
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"])
NOISE = st.text(
    alphabet=st.sampled_from(list(";,\t|\"'\n\r =+-@<>.€0123456789abcQ\x00ë")) | st.characters(),
    max_size=30,
)
PERIODS = (
    st.sampled_from(
        [
            "2024-03",
            "mrt-24",
            "maart 2024",
            "2024-Q1",
            "Q1 2024",
            "2024 Q1",
            "2024",
            "2024-03-31",
            "31-03-2024",
            "2024-13",
            "2024-Q5",
            "31-02-2024",
            "feb 2024",
            "",
            "1989",
            "okt. '24",
        ]
    )
    | NOISE
)
VALUES = (
    st.sampled_from(
        [
            "1.464.689",
            "1464689",
            "€ 1.464.689",
            "44.583€",
            "12,5",
            "-3.000",
            "12.5",
            "<10",
            "< 10",
            "n.v.t.",
            "-",
            "",
            "1e400",
            "9" * 40,
            "9999999999999999999",
            "0,00000000001",
            "3.000-",
            "1,464,689.50",
            "+7",
            "50%",
        ]
    )
    | st.integers(-(10**20), 10**20).map(str)
    | NOISE
)
CATEGORIES = (
    st.sampled_from(
        [
            "",
            "Totaal",
            "Begeleiding",
            "Hulp bij het huishouden",
            "Vrouw",
            '=HYPERLINK("x")',
            "123456782",
        ]
    )
    | NOISE
)
INDICATORS = st.sampled_from(_IDS) | NOISE


def encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


@FUZZ
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".csv", ".xlsx", ".txt", ".xls"]))
def test_random_bytes_are_imported_or_refused(data, suffix, attempt):
    attempt(data, suffix)


@FUZZ
@given(
    data=st.one_of(st.binary(max_size=200), st.just(b"")).map(lambda b: b"PK\x03\x04" + b),
)
def test_random_bytes_that_look_like_a_zip_are_refused(data, attempt):
    attempt(data, ".xlsx", must_refuse=True)


@FUZZ
@given(
    text=st.text(alphabet=st.sampled_from(list(";,\t|\"'\n\r ")) | st.characters(), max_size=300),
    header=st.booleans(),
    encoding=ENCODINGS,
)
def test_random_text_with_separators_quotes_and_newlines_is_imported_or_refused(
    text, header, encoding, attempt
):
    attempt(encode((LONG_HEADER if header else "") + text, encoding))


@FUZZ
@given(
    rows=st.lists(
        st.tuples(INDICATORS, PERIODS, CATEGORIES, VALUES).map(list) | st.lists(NOISE, max_size=6),
        min_size=1,
        max_size=6,
    ),
    separator=SEPARATORS,
    quoted=st.booleans(),
    encoding=ENCODINGS,
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_random_cells_in_a_long_csv_are_imported_or_refused(
    rows, separator, quoted, encoding, newline, attempt
):
    lines = [["indicator", "periode", "categorie", "waarde"], *rows]
    if quoted:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=separator, lineterminator=newline)
        writer.writerows(lines)
        text = buffer.getvalue()
    else:
        text = "".join(separator.join(line) + newline for line in lines)
    attempt(encode(text, encoding))


@FUZZ
@given(
    dimension=st.sampled_from(["Voorziening", "", "Geslacht"]) | NOISE,
    periods=st.lists(PERIODS, min_size=1, max_size=5),
    rows=st.lists(st.tuples(CATEGORIES, st.lists(VALUES, max_size=6)), min_size=1, max_size=5),
    separator=st.sampled_from([";", ",", "\t"]),
    indicator=st.sampled_from([WIDE_INDICATOR, "wmo.lasten", "participatie.uitkeringen_geslacht"])
    | NOISE,
)
def test_random_cells_in_a_wide_csv_are_imported_or_refused(
    dimension, periods, rows, separator, indicator, attempt
):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\n")
    writer.writerow([dimension, *periods])
    for categorie, values in rows:
        writer.writerow([categorie, *values])
    attempt(encode(buffer.getvalue(), "utf-8"), indicator_id=indicator or None)


def xlsx_bytes(title: str, rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = title
    buffer = io.BytesIO()
    try:
        for row in rows:
            worksheet.append(row)
        workbook.save(buffer)
    except IllegalCharacterError:
        assume(False)  # a text openpyxl itself cannot write
    return buffer.getvalue()


XLSX_TEXT = st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=20)
XLSX_DATES = st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2200, 1, 1))
XLSX_CELLS = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False),
    st.integers(-(10**30), 10**30),
    st.none(),
    st.booleans(),
    XLSX_DATES,
    VALUES.filter(lambda text: "\x00" not in text) | XLSX_TEXT,
)


@settings(FUZZ, max_examples=40)
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(["wmo.lasten", "wmo.clienten", "wmo.begroting", *_IDS])
            | XLSX_TEXT
            | st.none(),
            st.sampled_from(["2024-03", "2024-03-31", "2024", "mrt-24"])
            | XLSX_DATES
            | st.integers(1980, 2110)
            | XLSX_TEXT,
            st.sampled_from(["", "Totaal", "Begeleiding"]) | XLSX_TEXT | st.none(),
            XLSX_CELLS,
        ).map(list),
        min_size=1,
        max_size=5,
    ),
    title=st.sampled_from(["Blad1", WIDE_INDICATOR]),
)
def test_random_cells_in_a_long_xlsx_sheet_are_imported_or_refused(rows, title, attempt):
    header = ["indicator", "periode", "categorie", "waarde"]
    attempt(xlsx_bytes(title, [header, *rows]), ".xlsx")


@settings(FUZZ, max_examples=40)
@example(indicator="wmo.lasten", values=[1e28])  # found by this test: see the report
@example(indicator="wmo.lasten", values=[10**20])
@given(
    indicator=st.sampled_from(["wmo.lasten", "wmo.clienten", "participatie.uitkeringen"]),
    values=st.lists(XLSX_CELLS, min_size=1, max_size=6),
)
def test_random_value_cells_in_an_otherwise_valid_xlsx_sheet_are_imported_or_refused(
    indicator, values, attempt
):
    rows = [["indicator", "periode", "categorie", "waarde"]]
    rows += [[indicator, f"2024-{month:02d}", None, value] for month, value in enumerate(values, 1)]
    # A proefimport runs every step but the publish, which keeps shrinking a failure quick.
    attempt(xlsx_bytes("Blad1", rows), ".xlsx", dry_run=True)


@settings(max_examples=400, deadline=None)
@given(text=st.text() | NOISE | VALUES, notation=st.sampled_from(Notation))
def test_parse_number_gives_a_number_or_a_number_error(text, notation):
    try:
        number = parse_number(text, notation)
    except NumberError as error:
        # The message quotes the text as given; the rest of it must be Dutch.
        assert not english_in(str(error).replace(text.strip(), ""))
        return
    assert isinstance(number, Decimal)
    assert number.is_finite() and abs(number) < Decimal("1e15")


@settings(max_examples=400, deadline=None)
@given(
    text=st.text()
    | PERIODS
    | st.from_regex(r"\A[0-9]{1,6}[-/ ]?(q|Q)?[0-9]{1,6}([- ][0-9]{1,6})?\Z")
)
def test_parse_period_gives_a_period_or_a_period_error(text):
    try:
        period = parse_period(text)
    except PeriodError as error:
        assert not english_in(str(error).replace(text.strip(), ""))
        return
    assert isinstance(period, Period) or hasattr(period, "isoformat")
    assert 1990 <= period.year <= 2100
