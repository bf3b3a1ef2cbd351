"""A store and catalogue for the comparison figure on real CBS data: the demo's own cijfers with
the Kerncijfers wijken en buurten 2020 (84799NED, Bron: CBS) imported, and a catalogue that names
Aa en Hunze (GM1680) as the gemeente, Drenthe as its region and two peers. The gemeente name in
the catalogue says which gemeente's CBS figures are shown, so nothing reads as fictional data."""

from __future__ import annotations

import shutil
from pathlib import Path

from monitor.config import DEFAULT_CATALOGUE
from monitor.ingest.cbs.cbs_import import import_cbs

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "cbs"
KWB_2020 = FIXTURES / "kwb2020_84799NED_gemeente_wijk_buurt_uitkeringen.csv"
DRENTHE = ("GM1680", "GM0106", "GM1681", "GM0109", "GM1690", "GM0114", "GM0118", "GM0119",
           "GM1731", "GM1699", "GM1730", "GM1701")  # fmt: skip
COMPARISON = f"""
[vergelijking]
gemeente = "GM1680"
regio_naam = "Drenthe"
regio = [{", ".join(f'"{code}"' for code in DRENTHE)}]
vergelijkbaar = ["GM0358", "GM0197"]

[[vergelijking.cijfer]]
id = "bijstand"
hoofdstuk = "participatie"
titel = "Personen met bijstand per 1.000 inwoners"
teller = "84799NED:PersonenPerSoortUitkeringBijstand_83"
noemer = "84799NED:AantalInwoners_5"
definitie = "Personen met een bijstandsuitkering op 1 januari, per 1.000 inwoners."
verschil_met_eigen_cijfers = "CBS telt personen met bijstand, de gemeente telt uitkeringen."
"""
SENTENCE = (
    "Het aantal personen met bijstand per 1.000 inwoners ligt in 2020 in Gemeente Aa en Hunze "
    "met 14,9 onder het landelijk cijfer van 24,2."
)


def comparison_catalogue(directory: Path) -> Path:
    text = DEFAULT_CATALOGUE.read_text(encoding="utf-8").replace(
        'gemeente_naam = "Gemeente Voorbeeld"', 'gemeente_naam = "Gemeente Aa en Hunze"'
    )
    path = directory / "catalogus.toml"
    path.write_text(text + COMPARISON, encoding="utf-8")
    return path


def comparison_store(demo: Path, directory: Path) -> Path:
    data_dir = directory / "data"
    shutil.copytree(demo, data_dir)
    import_cbs(data_dir, [KWB_2020], author="test")
    return data_dir
