"""The indicator catalogue (data-contract §1): the shipped file, refusals of a broken file in Dutch,
and a gemeente's own catalogue via MONITOR_CATALOGUS that adds a thema without code changes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import LONG_HEADER, run_import, write_csv

from monitor.config import DEFAULT_CATALOGUE
from monitor.domain.catalogue import (
    Catalogue,
    CatalogueError,
    Eenheid,
    Soort,
    catalogue_warnings,
    load_catalogue,
)
from monitor.domain.editions import edition_from_text
from monitor.domain.periods import PeriodKind
from monitor.domain.registry import figure_specs, spec_by_id, thema_figure_id
from monitor.figures.published import CellStatus
from monitor.publication.edition import current_catalogue, published_edition

MONITOR = str(Path(sys.executable).parent / "monitor")


@dataclass(frozen=True)
class Contract:
    """One row of the table in data-contract §1."""

    eenheid: Eenheid
    periodes: frozenset[PeriodKind]  # the periodicities the contract names (may be more)
    peildatum: bool  # a stand on a peildatum rather than a flow over the period
    categorie: bool  # the contract names a category dimension in brackets


M, K, J = PeriodKind.MAAND, PeriodKind.KWARTAAL, PeriodKind.JAAR
EURO, PERSONEN = Eenheid.EURO, Eenheid.PERSONEN


def _row(eenheid: Eenheid, *periodes: PeriodKind, peildatum: bool = False, categorie: bool = False):
    return Contract(eenheid, frozenset(periodes), peildatum, categorie)


CONTRACT_INDICATORS: dict[str, Contract] = {
    "wmo.lasten": _row(EURO, M),
    "wmo.begroting": _row(EURO, J),
    "wmo.prognose": _row(EURO, J),
    "wmo.lasten_berichtenverkeer": _row(EURO, M, categorie=True),
    "wmo.clienten": _row(PERSONEN, M, K, peildatum=True, categorie=True),
    "wmo.instroom": _row(PERSONEN, M, categorie=True),
    "wmo.uitstroom": _row(PERSONEN, M, categorie=True),
    "jeugd.lasten": _row(EURO, M),
    "jeugd.begroting": _row(EURO, J),
    "jeugd.prognose": _row(EURO, J),
    "jeugd.lasten_berichtenverkeer": _row(EURO, M, categorie=True),
    "jeugd.lasten_verwijzer": _row(EURO, K, categorie=True),
    "jeugd.clienten": _row(PERSONEN, M, peildatum=True),
    "jeugd.instroom": _row(PERSONEN, M),
    "jeugd.uitstroom": _row(PERSONEN, M),
    "participatie.lasten": _row(EURO, M),
    "participatie.begroting": _row(EURO, J),
    "participatie.prognose": _row(EURO, J),
    "participatie.uitkeringen": _row(PERSONEN, M, peildatum=True),
    "participatie.instroom": _row(PERSONEN, M),
    "participatie.uitstroom": _row(PERSONEN, M),
    "participatie.uitkeringen_geslacht": _row(PERSONEN, K, peildatum=True, categorie=True),
    "participatie.uitkeringen_leefsituatie": _row(PERSONEN, K, peildatum=True, categorie=True),
    "participatie.uitkeringen_leeftijd": _row(PERSONEN, K, peildatum=True, categorie=True),
    "participatie.uitkeringen_looptijd": _row(PERSONEN, K, peildatum=True, categorie=True),
    "participatie.uitkeringen_trede": _row(PERSONEN, K, peildatum=True, categorie=True),
    "participatie.loonkostensubsidie": _row(PERSONEN, M, peildatum=True),
    "participatie.bijzondere_bijstand": _row(EURO, K, categorie=True),
    "participatie.banenafspraak": _row(Eenheid.BANEN, peildatum=True, categorie=True),
}

# docs/product.md chapter 4: the themes of the sociale basis that the shipped catalogue configures.
SOCIALE_BASIS_THEMAS = (
    "vrijwilligers",
    "mantelzorg",
    "jeugd_en_jongerenwerk",
    "samenlevingsopbouw",
    "ouderenwerk",
    "welzijn_op_recept",
    "maatschappelijke_diensttijd",
    "buurtbemiddeling",
    "vervoer",
    "sociaal_raadslieden",
)

# Words that occur in almost every Dutch sentence and rarely in English ones.
DUTCH_WORDS = re.compile(r"\b(de|het|een|van|op|in|per|dat|die|en|of|voor|aan|met)\b")
# Phrases that pydantic and tomllib produce in English.
ENGLISH_PHRASES = re.compile(
    r"Input should|Field required|Extra inputs|String should|should be|Invalid value|"
    r"Cannot overwrite|Expected|at line",
)

# ----------------------------------------------------------------------------- the shipped file


@pytest.fixture(scope="module")
def shipped() -> Catalogue:
    return load_catalogue(DEFAULT_CATALOGUE)


def test_shipped_catalogue_loads_from_the_project_data_directory(shipped):
    assert DEFAULT_CATALOGUE.name == "catalogus.toml"
    assert DEFAULT_CATALOGUE.parent.name == "data"
    assert len(shipped.all_indicators) >= len(CONTRACT_INDICATORS) + len(SOCIALE_BASIS_THEMAS)
    assert shipped.instellingen.drempel == 10


def test_shipped_catalogue_has_every_indicator_of_the_data_contract(shipped):
    missing = [
        indicator_id for indicator_id in CONTRACT_INDICATORS if shipped.get(indicator_id) is None
    ]
    assert missing == []


@pytest.mark.parametrize("indicator_id", list(CONTRACT_INDICATORS))
def test_contract_indicator_has_the_eenheid_period_and_dimension_of_the_contract(
    shipped, indicator_id
):
    contract = CONTRACT_INDICATORS[indicator_id]
    indicator = shipped.get(indicator_id)
    assert indicator is not None
    assert indicator.hoofdstuk == indicator_id.split(".")[0]
    assert indicator.eenheid is contract.eenheid
    assert contract.periodes <= set(indicator.periodiciteit)
    if contract.peildatum:
        assert indicator.soort is Soort.STAND
    if contract.categorie:
        assert indicator.categorie.strip(), f"{indicator_id} has no category dimension label"


@pytest.mark.parametrize("indicator_id", list(CONTRACT_INDICATORS))
def test_person_counts_of_the_contract_are_gevoelig(shipped, indicator_id):
    indicator = shipped.get(indicator_id)
    assert indicator is not None
    assert indicator.gevoelig == (indicator.eenheid is Eenheid.PERSONEN)


@pytest.mark.parametrize("thema_id", SOCIALE_BASIS_THEMAS)
def test_shipped_catalogue_has_each_sociale_basis_thema_with_an_indicator(shipped, thema_id):
    thema = next((t for t in shipped.thema if t.id == thema_id), None)
    assert thema is not None, f"thema {thema_id} ontbreekt"
    assert thema.titel.strip()
    assert thema.ambitie.strip()
    assert len(thema.indicator) >= 1
    for item in thema.indicator:
        indicator = shipped.get(f"sociale_basis.{thema_id}.{item.naam}")
        assert indicator is not None
        assert indicator.hoofdstuk == "sociale_basis"
        assert indicator.thema == thema_id


def test_every_shipped_thema_is_a_figure_of_the_dashboard(shipped):
    declared = {spec.figure_id for spec in figure_specs(shipped)}
    assert {thema_figure_id(thema_id) for thema_id in SOCIALE_BASIS_THEMAS} <= declared
    assert "sociale-basis-mantelzorg" in declared


def test_every_indicator_has_a_dutch_title_definition_and_source(shipped):
    problems = []
    for indicator in shipped.all_indicators:
        titel, definitie, bron = indicator.titel, indicator.definitie, indicator.bron
        if not titel.strip() or titel == indicator.id or not titel[0].isupper():
            problems.append(f"{indicator.id}: titel {titel!r}")
        if not definitie.strip() or not DUTCH_WORDS.search(definitie):
            problems.append(f"{indicator.id}: definitie {definitie!r}")
        if not definitie.rstrip().endswith("."):
            problems.append(f"{indicator.id}: definitie is geen zin: {definitie!r}")
        if not bron.strip():
            problems.append(f"{indicator.id}: bron {bron!r}")
    assert problems == []


def test_every_figure_has_a_definition_text(shipped):
    undocumented = [
        spec.figure_id for spec in figure_specs(shipped) if not spec.description.strip()
    ]
    assert undocumented == []


def test_streefwaarden_in_the_shipped_catalogue_have_a_richting(shipped):
    for indicator in shipped.all_indicators:
        if indicator.streefwaarde is not None:
            assert indicator.richting is not None, indicator.id


# ----------------------------------------------------------------------------- broken files

INDICATOR_1 = """
[[indicator]]
id = "wmo.lasten"
hoofdstuk = "wmo"
titel = "Lasten Wmo"
eenheid = "euro"
periodiciteit = ["maand"]
soort = "stroom"
gevoelig = false
definitie = "Lasten voor de Wmo die in de maand zijn geboekt."
bron = "Financiële administratie"
"""

INDICATOR_2 = """
[[indicator]]
id = "wmo.clienten"
hoofdstuk = "wmo"
titel = "Cliënten Wmo in zorg"
eenheid = "{eenheid}"
periodiciteit = ["maand", "kwartaal"]
soort = "stand"
gevoelig = {gevoelig}
categorie = "Voorziening"
definitie = "Aantal cliënten met een lopende voorziening op de peildatum."
bron = "Cliëntregistratie Wmo"
{extra}
"""

THEMA = """
[[thema]]
id = "{thema_id}"
titel = "Taalhuis"
ambitie = "Inwoners die moeite hebben met lezen en schrijven vinden hulp in de bibliotheek."
  [[thema.indicator]]
  naam = "cursisten"
  titel = "Cursisten taalhuis"
  eenheid = "{eenheid}"
  periodiciteit = ["jaar"]
  soort = "stroom"
  gevoelig = {gevoelig}
  definitie = "Aantal inwoners dat in het jaar een cursus bij het taalhuis is begonnen."
  bron = "Bibliotheek"
  {extra}
"""


def catalogue_text(
    eenheid: str = "personen", gevoelig: str = "true", extra: str = "", themas: str = ""
) -> str:
    return (
        INDICATOR_1 + INDICATOR_2.format(eenheid=eenheid, gevoelig=gevoelig, extra=extra) + themas
    )


def thema_text(
    thema_id: str = "taalhuis", eenheid: str = "personen", gevoelig: str = "true", extra: str = ""
) -> str:
    return THEMA.format(thema_id=thema_id, eenheid=eenheid, gevoelig=gevoelig, extra=extra)


def refusal(tmp_path: Path, text: str) -> str:
    path = tmp_path / "catalogus.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(path)
    message = str(raised.value)
    assert str(path) in message  # the beheerder knows which file
    return message


def indicator_nr(number: int) -> re.Pattern[str]:
    """The place as the message names it: `indicator nr. 2` (the TOML table may be bracketed)."""
    return re.compile(rf"\[?indicator\]? nr\. {number}\b")


def test_a_valid_small_catalogue_loads(tmp_path):
    path = tmp_path / "catalogus.toml"
    path.write_text(catalogue_text(themas=thema_text()), encoding="utf-8")
    catalogue = load_catalogue(path)
    assert [i.id for i in catalogue.all_indicators] == [
        "wmo.lasten",
        "wmo.clienten",
        "sociale_basis.taalhuis.cursisten",
    ]


def test_unknown_eenheid_names_indicator_number_id_and_field(tmp_path):
    message = refusal(tmp_path, catalogue_text(eenheid="stuks"))
    assert "niet geldig" in message
    assert indicator_nr(2).search(message), message
    assert "wmo.clienten" in message
    assert "eenheid" in message
    assert "wmo.lasten" not in message  # indicator nr. 1 is fine


def test_duplicate_indicator_id_is_refused_by_name(tmp_path):
    duplicate = INDICATOR_1.replace("Lasten Wmo", "Lasten Wmo (nogmaals)")
    message = refusal(tmp_path, catalogue_text() + duplicate)
    assert "'wmo.lasten'" in message
    assert "meer dan eens" in message


def test_thema_indicator_that_repeats_a_fixed_indicator_id_is_refused(tmp_path):
    fixed = """
[[indicator]]
id = "sociale_basis.taalhuis.cursisten"
hoofdstuk = "sociale_basis"
titel = "Cursisten"
eenheid = "personen"
periodiciteit = ["jaar"]
soort = "stroom"
gevoelig = true
definitie = "Aantal cursisten in het jaar."
bron = "Bibliotheek"
"""
    message = refusal(tmp_path, catalogue_text() + fixed + thema_text())
    assert "sociale_basis.taalhuis.cursisten" in message
    assert "meer dan eens" in message


def test_gevoelig_indicator_with_eenheid_euro_is_refused(tmp_path):
    message = refusal(tmp_path, catalogue_text(eenheid="euro", gevoelig="true"))
    assert indicator_nr(2).search(message), message
    assert "wmo.clienten" in message
    assert "gevoelig" in message
    assert "personen" in message


def test_streefwaarde_without_richting_is_refused(tmp_path):
    message = refusal(tmp_path, catalogue_text(extra="streefwaarde = 300"))
    assert indicator_nr(2).search(message), message
    assert "wmo.clienten" in message
    assert "streefwaarde" in message
    assert "richting" in message
    assert "'hoger' of 'lager'" in message


def test_streefwaarde_with_richting_is_accepted(tmp_path):
    path = tmp_path / "catalogus.toml"
    path.write_text(catalogue_text(extra='streefwaarde = 300\nrichting = "lager"'), "utf-8")
    indicator = load_catalogue(path).get("wmo.clienten")
    assert indicator is not None
    assert indicator.streefwaarde == 300


def test_unknown_hoofdstuk_lists_the_valid_ones(tmp_path):
    text = catalogue_text().replace(
        'hoofdstuk = "wmo"\ntitel = "Lasten', 'hoofdstuk = "zorg"\ntitel = "Lasten'
    )
    message = refusal(tmp_path, text)
    assert indicator_nr(1).search(message), message
    assert "'zorg'" in message
    assert "wmo, jeugd, participatie, sociale_basis" in message


def test_invalid_toml_is_refused_with_the_line(tmp_path):
    text = catalogue_text(gevoelig="ja")  # not a TOML value: quotes are missing
    line = next(n for n, t in enumerate(text.splitlines(), start=1) if t == "gevoelig = ja")
    message = refusal(tmp_path, text)
    assert "geen geldige TOML" in message
    assert str(line) in message


def test_missing_catalogue_file_is_refused(tmp_path):
    path = tmp_path / "bestaat-niet.toml"
    with pytest.raises(CatalogueError, match="bestaat niet") as raised:
        load_catalogue(path)
    assert str(path) in str(raised.value)


def test_catalogue_without_indicators_is_refused(tmp_path):
    message = refusal(tmp_path, "[instellingen]\ngemeente_naam = 'Gemeente Zuid'\n")
    assert "indicator" in message


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(catalogue_text(eenheid="stuks"), id="unknown-eenheid"),
        pytest.param(catalogue_text(extra='kleur = "rood"'), id="unknown-field"),
        pytest.param(
            catalogue_text().replace('bron = "Cliëntregistratie Wmo"', ""), id="missing-bron"
        ),
        pytest.param(
            catalogue_text().replace('id = "wmo.clienten"', 'id = "Wmo clienten"'), id="bad-id"
        ),
        pytest.param(catalogue_text(gevoelig="ja"), id="invalid-toml"),
    ],
)
def test_catalogue_messages_are_dutch_sentences(tmp_path, text):
    message = refusal(tmp_path, text)
    assert not ENGLISH_PHRASES.search(message), message


@pytest.mark.parametrize(
    "mistake",
    [
        pytest.param({"extra": "streefwaarde = 5"}, id="streefwaarde-without-richting"),
        pytest.param({"eenheid": "aantal", "gevoelig": "true"}, id="gevoelig-aantal"),
    ],
)
def test_refused_thema_indicator_names_its_thema_and_naam(tmp_path, mistake):
    message = refusal(tmp_path, catalogue_text(themas=thema_text(**mistake)))
    assert "taalhuis" in message
    assert "cursisten" in message


def test_duplicate_thema_id_is_refused_by_name(tmp_path):
    other_naam = thema_text().replace('naam = "cursisten"', 'naam = "vrijwilligers"')
    message = refusal(tmp_path, catalogue_text(themas=thema_text() + other_naam))
    assert "thema" in message
    assert "'taalhuis'" in message


def test_catalogue_saved_as_windows_1252_is_refused_in_dutch(tmp_path):
    path = tmp_path / "catalogus.toml"
    path.write_bytes(catalogue_text().encode("cp1252"))
    with pytest.raises(CatalogueError, match="UTF-8"):
        load_catalogue(path)


def test_title_of_only_spaces_is_refused(tmp_path):
    message = refusal(tmp_path, catalogue_text().replace('"Lasten Wmo"', '"   "'))
    assert "titel" in message


# ----------------------------------------------------------------------------- a gemeente's file

GEMEENTE_THEMA = "taalhuis"
GEMEENTE_INDICATOR = f"sociale_basis.{GEMEENTE_THEMA}.cursisten"


@pytest.fixture
def gemeente_catalogue(tmp_path, monkeypatch) -> Path:
    """The shipped catalogue plus a thema of its own, configured as a gemeente would."""
    path = tmp_path / "gemeente" / "catalogus.toml"
    path.parent.mkdir()
    shipped_text = DEFAULT_CATALOGUE.read_text(encoding="utf-8")
    own = shipped_text.replace(
        'gemeente_naam = "Gemeente Voorbeeld"', 'gemeente_naam = "Gemeente Zuid"'
    )
    path.write_text(own + thema_text(GEMEENTE_THEMA), encoding="utf-8")
    monkeypatch.setenv("MONITOR_CATALOGUS", str(path))
    return path


def test_current_catalogue_is_the_file_named_by_monitor_catalogus(gemeente_catalogue):
    catalogue = current_catalogue()
    assert catalogue.instellingen.gemeente_naam == "Gemeente Zuid"
    assert catalogue.get(GEMEENTE_INDICATOR) is not None
    assert catalogue.get("wmo.clienten") is not None


def test_current_catalogue_without_the_variable_is_the_shipped_one(monkeypatch):
    monkeypatch.delenv("MONITOR_CATALOGUS", raising=False)
    catalogue = current_catalogue()
    assert catalogue.instellingen.gemeente_naam == "Gemeente Voorbeeld"
    assert catalogue.get(GEMEENTE_INDICATOR) is None


def test_current_catalogue_rereads_a_changed_file(gemeente_catalogue):
    assert current_catalogue().instellingen.gemeente_naam == "Gemeente Zuid"
    text = gemeente_catalogue.read_text(encoding="utf-8")
    gemeente_catalogue.write_text(text.replace("Gemeente Zuid", "Gemeente Noord"), "utf-8")
    stat = gemeente_catalogue.stat()
    os.utime(gemeente_catalogue, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert current_catalogue().instellingen.gemeente_naam == "Gemeente Noord"


def test_configured_catalogue_that_does_not_exist_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("MONITOR_CATALOGUS", str(tmp_path / "weg.toml"))
    with pytest.raises(CatalogueError, match="bestaat niet"):
        current_catalogue()


def test_new_thema_in_the_gemeente_catalogue_is_a_figure(gemeente_catalogue):
    catalogue = current_catalogue()
    figure_id = f"sociale-basis-{GEMEENTE_THEMA}"
    spec = spec_by_id(catalogue, figure_id)
    assert spec is not None
    assert spec.chapter == "sociale_basis"
    assert spec.indicators == (GEMEENTE_INDICATOR,)
    assert spec.section == f"4.{len(SOCIALE_BASIS_THEMAS) + 1}"
    assert "Inwoners die moeite hebben met lezen" in spec.description
    # The shipped themes are still there, in their order.
    themed = [s.figure_id for s in figure_specs(catalogue) if s.chapter == "sociale_basis"]
    assert themed[:-1] == [thema_figure_id(t) for t in SOCIALE_BASIS_THEMAS]
    assert themed[-1] == figure_id


def test_figures_for_the_new_thema_import_and_publish(gemeente_catalogue, data_dir):
    catalogue = current_catalogue()
    upload = write_csv(
        data_dir.parent / "taalhuis.csv",
        LONG_HEADER + f"{GEMEENTE_INDICATOR};2023;;37\n{GEMEENTE_INDICATOR};2024;;52\n",
    )
    result = run_import(data_dir, catalogue, upload)
    assert result.version == 1
    assert len(result.diff.new) == 2
    edition = edition_from_text("2024-12")
    figure = published_edition(data_dir, edition, catalogue).figure(
        f"sociale-basis-{GEMEENTE_THEMA}"
    )
    assert figure.rows == ("Cursisten taalhuis",)
    assert figure.columns == ("2023", "2024")
    cells = figure.row_cells("Cursisten taalhuis")
    assert [cell.status for cell in cells] == [CellStatus.WAARDE, CellStatus.WAARDE]
    assert [cell.value for cell in cells] == [Decimal(37), Decimal(52)]


def test_new_thema_indicator_is_unknown_to_the_shipped_catalogue(data_dir, catalogue):
    from monitor.ingest.problems import ImportRefused

    upload = write_csv(
        data_dir.parent / "taalhuis.csv", LONG_HEADER + f"{GEMEENTE_INDICATOR};2024;;52\n"
    )
    with pytest.raises(ImportRefused) as refused:
        run_import(data_dir, catalogue, upload)
    assert GEMEENTE_INDICATOR in refused.value.report()
    assert not data_dir.exists()


@pytest.mark.slow
def test_cli_lists_the_new_thema_figure_with_the_gemeente_catalogue(gemeente_catalogue, data_dir):
    env = {**os.environ, "MONITOR_DATA_DIR": str(data_dir)}
    listed = subprocess.run(
        [MONITOR, "figuren"], capture_output=True, text=True, env=env, timeout=120
    )
    assert listed.returncode == 0, listed.stderr
    assert f"sociale-basis-{GEMEENTE_THEMA}" in listed.stdout


# ------------------------------------------------------------- counts of persons are sensitive


def test_every_shipped_count_of_persons_is_sensitive() -> None:
    catalogue = load_catalogue(DEFAULT_CATALOGUE)
    assert catalogue_warnings(catalogue) == []
    vrijwilligers = catalogue.by_id["sociale_basis.vrijwilligers.bemiddelde_vrijwilligers"]
    assert vrijwilligers.eenheid is PERSONEN and vrijwilligers.gevoelig


def test_a_title_that_speaks_of_persons_without_the_avg_rule_is_a_warning(tmp_path, monkeypatch):
    text = DEFAULT_CATALOGUE.read_text(encoding="utf-8").replace(
        """  titel = "Bemiddelde vrijwilligers"
  eenheid = "personen"
  periodiciteit = ["jaar"]
  soort = "stroom"
  gevoelig = true
""",
        """  titel = "Bemiddelde vrijwilligers"
  eenheid = "aantal"
  periodiciteit = ["jaar"]
  soort = "stroom"
""",
    )
    path = tmp_path / "catalogus.toml"
    path.write_text(text, encoding="utf-8")
    warnings = catalogue_warnings(load_catalogue(path))
    assert warnings == [
        "Indicator 'sociale_basis.vrijwilligers.bemiddelde_vrijwilligers' ('Bemiddelde "
        "vrijwilligers') spreekt van vrijwilligers, maar heeft eenheid 'aantal' en is niet "
        "gevoelig: een aantal personen krijgt eenheid 'personen' en gevoelig = true, anders geldt "
        "de AVG-regel (<10) er niet voor."
    ]
    env = {**os.environ, "MONITOR_CATALOGUS": str(path)}
    strict = subprocess.run([MONITOR, "catalogus", "--streng"], capture_output=True, text=True,
                            env=env, timeout=60)  # fmt: skip
    assert strict.returncode == 1
    assert f"Let op: {warnings[0]}" in strict.stdout
    relaxed = subprocess.run([MONITOR, "catalogus"], capture_output=True, text=True, env=env,
                             timeout=60)  # fmt: skip
    assert relaxed.returncode == 0 and "Let op:" in relaxed.stdout


def test_an_amount_per_person_is_not_a_count_of_persons() -> None:
    catalogue = load_catalogue(DEFAULT_CATALOGUE)
    lasten = catalogue.by_id["wmo.lasten"].model_copy(update={"titel": "Lasten per cliënt"})
    changed = catalogue.model_copy(update={"indicator": [lasten, *catalogue.indicator[1:]]})
    assert catalogue_warnings(changed) == []


def test_seven_bemiddelde_vrijwilligers_are_published_as_under_ten(data_dir, catalogue, tmp_path):
    indicator = "sociale_basis.vrijwilligers.bemiddelde_vrijwilligers"
    rows = "".join(f"{indicator};{year};;{value}\n" for year, value in ((2024, 7), (2025, 150)))
    run_import(data_dir, catalogue, write_csv(tmp_path / "sb.csv", LONG_HEADER + rows))
    figure = published_edition(data_dir, edition_from_text("2026-03"), catalogue).figure(
        thema_figure_id("vrijwilligers")
    )
    statuses = {cell.periode: cell.status for cell in figure.cells if cell.periode}
    assert statuses["2024"] is CellStatus.PRIMAIR
    assert all(cell.value != Decimal(7) for cell in figure.cells)
