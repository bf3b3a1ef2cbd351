"""Write the corpus of malformed upload files in tests/corpus/bad/ (run once; deterministic).

    uv run python tests/corpus/make_bad_corpus.py

Every file holds one defect and is otherwise a valid upload, so a refusal is about that defect.
Files whose name contains `breed` are wide files that the tests import with
`--indicator wmo.clienten`. The one file too large to commit (over the 50 MB figure limit) is made
at test time by tests/test_bad_input.py.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import shutil
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import openpyxl

from monitor.domain.workbooks import pinned_zip

BAD = Path(__file__).resolve().parent / "bad"
HEADER = "indicator;periode;categorie;waarde\n"
GOOD = "wmo.lasten;2024-02;;100\n"  # a valid first data row, so the defect is in row 3
FIXED_TIME = (2024, 1, 1, 0, 0, 0)


def long_csv(*rows: str) -> bytes:
    return (HEADER + GOOD + "".join(row + "\n" for row in rows)).encode("utf-8")


def utf8(text: str) -> bytes:
    return text.encode("utf-8")


# ---------------------------------------------------------------- XLSX helpers


def xlsx(
    sheets: dict[str, list[list[object]]],
    adjust: Callable[[openpyxl.Workbook], None] | None = None,
) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        worksheet = workbook.create_sheet(title)
        for row in rows:
            worksheet.append(row)
    if adjust:
        adjust(workbook)
    fixed = dt.datetime(2024, 1, 1)
    workbook.properties.created = fixed
    workbook.properties.creator = "corpus"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return pinned_zip(buffer.getvalue(), dt.datetime(*FIXED_TIME))


LONG_XLSX_HEADER = ["indicator", "periode", "categorie", "waarde"]
WIDE_XLSX_HEADER = ["Voorziening", "mrt-24", "jun-24"]


def _merge_values(workbook: openpyxl.Workbook) -> None:
    # One value cell spread over the rows of two voorzieningen: which one does it belong to?
    workbook["Blad1"].merge_cells("D2:D3")


def _hide_data_sheet(workbook: openpyxl.Workbook) -> None:
    workbook["wmo.clienten"].sheet_state = "hidden"


def with_sheet_xml(data: bytes, change: Callable[[bytes], bytes]) -> bytes:
    """`data` (a workbook) with the XML of its first sheet changed, pinned again."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = change(content)
            archive.writestr(info.filename, content)
    return pinned_zip(out.getvalue(), dt.datetime(*FIXED_TIME))


def _merge_a1_a2(workbook: openpyxl.Workbook) -> None:
    workbook["Blad1"].merge_cells("A1:A2")


def _whole_sheet_merged(xml: bytes) -> bytes:
    # openpyxl itself would make a cell object for every merged cell: write the range in the XML.
    return xml.replace(b'ref="A1:A2"', b'ref="A1:XFD1048576"')


def _cell_in_last_row_and_column(xml: bytes) -> bytes:
    return xml.replace(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
    )


def _cut_inside_a_tag(xml: bytes) -> bytes:
    return xml.replace(b"</sheetData>", b"<row><c><v>1</sheetData>")


LAUGHS = b"".join(
    b'<!ENTITY lol%d "%s">' % (level, b"".join(b"&lol%d;" % (level - 1) for _ in range(10)))
    for level in range(1, 10)
)


def _billion_laughs(xml: bytes) -> bytes:
    declaration = b'<!DOCTYPE worksheet [<!ENTITY lol0 "lol">' + LAUGHS + b"]>"
    return declaration + xml.replace(b"<v>100</v>", b"<v>&lol9;</v>")


def _external_entity(xml: bytes) -> bytes:
    declaration = b'<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    return declaration + xml.replace(b"<v>100</v>", b"<v>&xxe;</v>")


def zip_bomb() -> bytes:
    """A valid zip whose member unpacks to 210 MB of zeros (about 200 KB on disk)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(
            zipfile.ZipInfo("[Content_Types].xml", date_time=FIXED_TIME),
            '<?xml version="1.0"?><Types/>',
        )
        member = zipfile.ZipInfo("xl/worksheets/sheet1.xml", date_time=FIXED_TIME)
        member.compress_type = zipfile.ZIP_DEFLATED
        block = bytes(1 << 20)
        with archive.open(member, "w", force_zip64=True) as handle:
            for _ in range(210):
                handle.write(block)
    return out.getvalue()


def zip_without_workbook() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("leesmij.txt", date_time=FIXED_TIME), "geen werkmap\n")
    return out.getvalue()


def png() -> bytes:
    def chunk(kind: bytes, payload: bytes) -> bytes:
        body = kind + payload
        return struct.pack(">I", len(payload)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"".join(b"\x00" + b"\xff\x00\x00" * 4 for _ in range(4)))
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def garbage(seed: int, size: int) -> bytes:
    return random.Random(seed).randbytes(size)


# ---------------------------------------------------------------- the corpus

WIDE = "Voorziening;mrt-24;jun-24\n"
VALID_XLSX = xlsx({"Blad1": [LONG_XLSX_HEADER, ["wmo.lasten", "2024-03", None, 100]]})


def corpus() -> dict[str, bytes]:
    files: dict[str, bytes] = {
        # separators
        "scheidingsteken_pijp.csv": utf8(
            "indicator|periode|categorie|waarde\nwmo.lasten|2024-03||100\n"
        ),
        "scheidingsteken_spatie.csv": utf8(
            "indicator periode categorie waarde\nwmo.lasten 2024-03 - 100\n"
        ),
        "scheidingsteken_gemengd_rij.csv": long_csv("wmo.lasten,2024-03,,100"),
        "scheidingsteken_komma_kop_puntkomma_rijen.csv": utf8(
            "indicator,periode,categorie,waarde\nwmo.lasten;2024-03;;100\n"
        ),
        # encodings
        "codering_utf8_en_cp1252.csv": HEADER.encode()
        + "wmo.clienten;2024-03;Cliëntondersteuning;12\n".encode()
        + "wmo.clienten;2024-03;Cliëntondersteuning ëë;13\n".encode("cp1252"),
        "codering_utf8_onleesbaar_als_cp1252.csv": HEADER.encode()
        + "wmo.clienten;2024-03;Ðeelname;12\n".encode()  # Ð = C3 90: 0x90 is no cp1252 char
        + "wmo.clienten;2024-03;Cliënt;13\n".encode("cp1252"),
        "codering_bom_met_cp1252.csv": b"\xef\xbb\xbf"
        + HEADER.encode()
        + "wmo.clienten;2024-03;Cliënt;13\n".encode("cp1252"),
        "codering_utf16_le.csv": (HEADER + GOOD).encode("utf-16"),
        "codering_utf16_zonder_bom.csv": (HEADER + GOOD).encode("utf-16-le"),
        "codering_dubbele_bom.csv": ("\ufeff\ufeff" + HEADER + GOOD).encode("utf-8"),
        # truncated
        "afgebroken_midden_in_rij.csv": utf8(HEADER + GOOD + "wmo.lasten;2024-0"),
        "afgebroken_in_aanhalingstekens.csv": utf8(
            HEADER + GOOD + 'wmo.clienten;2024-03;"Hulp bij'
        ),
        "afgebroken_in_utf8_teken_categorie.csv": (
            HEADER + GOOD + "wmo.clienten;2024-03;Cliënt"
        ).encode()[:-4],
        "afgebroken_in_utf8_teken_waarde.csv": (HEADER + GOOD + "wmo.lasten;2024-03;;12€").encode()[
            :-1
        ],
        "aanhalingsteken_niet_gesloten.csv": utf8(
            HEADER + GOOD + 'wmo.clienten;2024-03;"Begeleiding;12\nwmo.lasten;2024-04;;100\n'
        ),
        "aanhalingsteken_gevolgd_door_tekst.csv": utf8(
            HEADER + GOOD + 'wmo.clienten;2024-03;"Begeleiding"x;12\n'
        ),
        # formulas
        "formule_hyperlink_categorie.csv": long_csv(
            'wmo.clienten;2024-03;"=HYPERLINK(""http://example.org"";""Klik"")";12'
        ),
        "formule_cmd_categorie.csv": long_csv("wmo.clienten;2024-03;+cmd|' /C calc'!A0;12"),
        "formule_sum_categorie.csv": long_csv("wmo.clienten;2024-03;@SUM(1);12"),
        "formule_hyperlink_waarde.csv": long_csv(
            'wmo.lasten;2024-03;;"=HYPERLINK(""http://example.org"";""12"")"'
        ),
        "formule_cmd_waarde.csv": long_csv("wmo.lasten;2024-03;;+cmd|' /C calc'!A0"),
        "formule_sum_waarde.csv": long_csv("wmo.lasten;2024-03;;@SUM(1)"),
        "formule_som_waarde.csv": long_csv("wmo.lasten;2024-03;;=1+1"),
        "formule_na_spatie_categorie.csv": long_csv('wmo.clienten;2024-03; =HYPERLINK("x");12'),
        "formule_na_tab_categorie.csv": long_csv("wmo.clienten;2024-03;\t=1+1;12"),
        "formule_volle_breedte_categorie.csv": long_csv("wmo.clienten;2024-03;＝1+1;12"),
        "formule_min_categorie.csv": long_csv("wmo.clienten;2024-03;-cmd|' /C calc'!A0;12"),
        # huge numbers
        "groot_1e400.csv": long_csv("wmo.lasten;2024-03;;1e400"),
        "groot_40_cijfers.csv": long_csv("wmo.lasten;2024-03;;" + "9" * 40),
        "groot_19_negens.csv": long_csv("wmo.lasten;2024-03;;9999999999999999999"),
        "groot_negatief.csv": long_csv("wmo.lasten;2024-03;;-" + "1" * 30),
        "groot_getal.xlsx": xlsx(
            {
                "Blad1": [
                    LONG_XLSX_HEADER,
                    ["wmo.lasten", "2024-02", None, 100],
                    ["wmo.lasten", "2024-03", None, 1e300],
                ]
            }
        ),
        "groot_getal_1e20.xlsx": xlsx(
            {
                "Blad1": [
                    LONG_XLSX_HEADER,
                    ["wmo.lasten", "2024-02", None, 100],
                    ["wmo.lasten", "2024-03", None, 1e20],
                ]
            }
        ),
        # impossible periods
        "periode_31_02_2024.csv": long_csv("wmo.lasten;31-02-2024;;100"),
        "periode_29_02_2023.csv": long_csv("wmo.lasten;29-02-2023;;100"),
        "periode_2024_13.csv": long_csv("wmo.lasten;2024-13;;100"),
        "periode_2024_00.csv": long_csv("wmo.lasten;2024-00;;100"),
        "periode_2024_Q5.csv": long_csv("wmo.clienten;2024-Q5;;100"),
        "periode_jaar_1850.csv": long_csv("wmo.begroting;1850;;100"),
        "periode_onbekend_woord.csv": long_csv("wmo.lasten;febuari 2024;;100"),
        "periode_leeg.csv": long_csv("wmo.lasten;;;100"),
        "periode_kwartaal_bij_maandindicator.csv": long_csv("wmo.lasten;2024-Q1;;100"),
        "periode_geen_peildatum.csv": long_csv(
            "participatie.uitkeringen_geslacht;feb-24;Vrouw;100"
        ),
        # values
        "waarde_negatief_personen.csv": long_csv("wmo.clienten;2024-03;Begeleiding;-3"),
        "waarde_decimaal_personen.csv": long_csv("wmo.clienten;2024-03;Begeleiding;3,5"),
        "waarde_kleiner_dan_10.csv": long_csv("wmo.clienten;2024-03;Begeleiding;<10"),
        "waarde_kleiner_dan_spatie_10.csv": long_csv("wmo.clienten;2024-03;Begeleiding;< 10"),
        "waarde_nvt.csv": long_csv("wmo.lasten;2024-03;;n.v.t."),
        "waarde_streepje.csv": long_csv("wmo.lasten;2024-03;;-"),
        "waarde_nan.csv": long_csv("wmo.lasten;2024-03;;NaN"),
        "waarde_twee_decimaaltekens.csv": long_csv("wmo.lasten;2024-03;;12,5,0"),
        "waarde_gemengde_notatie.csv": long_csv(
            "wmo.lasten;2024-03;;12,5", "wmo.lasten;2024-04;;12.5"
        ),
        # headers
        "kop_lege_cel_met_gegevens.csv": utf8(
            "indicator;periode;;waarde\nwmo.clienten;2024-03;Begeleiding;12\n"
        ),
        "kop_dubbele_waarde.csv": utf8(
            "indicator;periode;categorie;waarde;waarde\nwmo.lasten;2024-03;;100;200\n"
        ),
        "kop_zonder_waarde.csv": utf8("indicator;periode;categorie\nwmo.lasten;2024-03;\n"),
        "kop_alleen.csv": utf8(HEADER),
        # empty and not a CSV at all
        "leeg.csv": b"",
        "alleen_witruimte.csv": b"  \r\n\t\n   \n",
        "alleen_bom.csv": b"\xef\xbb\xbf",
        "binaire_rommel.csv": garbage(1, 4096),
        "png_hernoemd.csv": png(),
        "png_hernoemd.xlsx": png(),
        "pdf_hernoemd.csv": b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
        "nul_byte_in_cel.csv": long_csv("wmo.clienten;2024-03;Begel\x00eiding;12"),
        "cel_te_lang.csv": long_csv("wmo.clienten;2024-03;" + "x" * 140_000 + ";12"),
        "oud_excel.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
        # XLSX
        "xlsx_afgebroken.xlsx": VALID_XLSX[: len(VALID_XLSX) // 2],
        "xlsx_zip_zonder_werkmap.xlsx": zip_without_workbook(),
        "xlsx_zipbom.xlsx": zip_bomb(),
        "xlsx_samengevoegd_hele_blad.xlsx": with_sheet_xml(
            xlsx({"Blad1": [LONG_XLSX_HEADER, ["wmo.lasten", "2024-03", None, 100]]}, _merge_a1_a2),
            _whole_sheet_merged,
        ),
        "xlsx_cel_in_laatste_rij_en_kolom.xlsx": with_sheet_xml(
            VALID_XLSX, _cell_in_last_row_and_column
        ),
        "xlsx_kapotte_xml.xlsx": with_sheet_xml(VALID_XLSX, _cut_inside_a_tag),
        "xlsx_xml_entiteiten.xlsx": with_sheet_xml(VALID_XLSX, _billion_laughs),
        "xlsx_externe_entiteit.xlsx": with_sheet_xml(VALID_XLSX, _external_entity),
        "xlsx_samengevoegde_cellen.xlsx": xlsx(
            {
                "Blad1": [
                    LONG_XLSX_HEADER,
                    ["wmo.clienten", "2024-03", "Begeleiding", 12],
                    ["wmo.clienten", "2024-03", "Hulp bij het huishouden", 30],
                ]
            },
            _merge_values,
        ),
        "xlsx_alleen_verborgen_blad.xlsx": xlsx(
            {"Leeg": [], "wmo.clienten": [WIDE_XLSX_HEADER, ["Begeleiding", 12, 13]]},
            _hide_data_sheet,
        ),
        "xlsx_leeg_blad.xlsx": xlsx({"Blad1": []}),
        "xlsx_onbekende_indicator_als_bladnaam.xlsx": xlsx(
            {"wmo.clienton": [WIDE_XLSX_HEADER, ["Begeleiding", 12, 13]]}
        ),
        "xlsx_kruistabel_zonder_indicatornaam.xlsx": xlsx(
            {"Blad1": [WIDE_XLSX_HEADER, ["Begeleiding", 12, 13]]}
        ),
        "xlsx_formule_zonder_waarde.xlsx": xlsx(
            {
                "Blad1": [
                    LONG_XLSX_HEADER,
                    ["wmo.lasten", "2024-02", None, 100],
                    ["wmo.lasten", "2024-03", None, "=SUM(1,2)"],
                ]
            }
        ),
        "xlsx_datum_als_waarde.xlsx": xlsx(
            {
                "Blad1": [
                    LONG_XLSX_HEADER,
                    ["wmo.lasten", "2024-02", None, 100],
                    ["wmo.lasten", "2024-03", None, dt.datetime(2024, 3, 1)],
                ]
            }
        ),
        "xlsx_periode_leeg.xlsx": xlsx(
            {
                "Blad1": [
                    LONG_XLSX_HEADER,
                    ["wmo.lasten", "2024-02", None, 100],
                    ["wmo.lasten", None, None, 100],
                ]
            }
        ),
        "xlsx_waar_als_waarde.xlsx": xlsx(
            {
                "Blad1": [
                    LONG_XLSX_HEADER,
                    ["wmo.lasten", "2024-02", None, 100],
                    ["wmo.lasten", "2024-03", None, True],
                ]
            }
        ),
        "xlsx_bsn_kolom.xlsx": xlsx(
            {
                "Blad1": [
                    ["bsn", *LONG_XLSX_HEADER],
                    [111222333, "wmo.lasten", "2024-01", None, 100],
                    [123456782, "wmo.lasten", "2024-02", None, 200],
                ]
            }
        ),
        "xlsx_dubbel_over_bladen.xlsx": xlsx(
            {
                "Januari": [LONG_XLSX_HEADER, ["wmo.lasten", "2024-01", None, 100]],
                "Correctie": [LONG_XLSX_HEADER, ["wmo.lasten", "jan-24", None, 110]],
            }
        ),
        # unsafe text: control, format and private-use characters, U+FFFD
        "tekst_verticale_tab_categorie.csv": long_csv("wmo.clienten;2024-03;Hulp\x0bbij;12"),
        "tekst_leesrichting_categorie.csv": long_csv("wmo.clienten;2024-03;Hulp\u202ebij;12"),
        "tekst_nulbreedte_spatie_indicator.csv": long_csv("wmo.lasten\u200b;2024-03;;12"),
        "tekst_vervangingsteken_categorie.csv": long_csv("wmo.clienten;2024-03;Cli\ufffdnt;12"),
        "tekst_prive_teken_gemeente.csv": utf8(
            "indicator;periode;categorie;waarde;gemeente\nwmo.lasten;2024-03;;100;GM0098\ue000\n"
        ),
        "tekst_stuurteken_kolomnaam.csv": utf8(
            "indicator;periode;categorie;waarde;opmerking\x07\nwmo.lasten;2024-03;;100;x\n"
        ),
        "breed_tekst_verticale_tab.csv": utf8(WIDE + "Begeleiding\x0b;12;13\n"),
        "xlsx_tekst_leesrichting.xlsx": xlsx(
            {
                "Blad1": [
                    LONG_XLSX_HEADER,
                    ["wmo.lasten", "2024-02", None, 100],
                    ["wmo.clienten", "2024-03", "Hulp\u202ebij", 12],
                ]
            }
        ),
        "xlsx_tekst_leesrichting_bladnaam.xlsx": xlsx(
            {"wmo.clienten\u202e": [WIDE_XLSX_HEADER, ["Begeleiding", 12, 13]]}
        ),
        # semantics
        "bsn_kolom.csv": utf8(
            "bsn;indicator;periode;categorie;waarde\n111222333;wmo.lasten;2024-01;;100\n"
            "123456782;wmo.lasten;2024-02;;200\n"
        ),
        "bsn_als_categorie.csv": long_csv("wmo.clienten;2024-03;123456782;1"),
        "bsn_met_punten.csv": long_csv("wmo.clienten;2024-03;1234.56.782;1"),
        "bsn_met_spaties.csv": long_csv("wmo.clienten;2024-03;123 456 782;1"),
        "bsn_met_woord.csv": long_csv("wmo.clienten;2024-03;BSN 123456782;1"),
        "bsn_volle_breedte.csv": long_csv("wmo.clienten;2024-03;１２３４５６７８２;1"),
        "onbekende_indicator.csv": long_csv("wmo.clienton;2024-03;;12"),
        "indicator_leeg.csv": long_csv(";2024-03;;12"),
        "dubbele_sleutel.csv": long_csv("wmo.lasten;feb-24;;200"),
        "dubbele_sleutel_totaal.csv": long_csv(
            "wmo.clienten;2024-03;;12", "wmo.clienten;2024-03;Totaal;13"
        ),
        "categorie_bij_indicator_zonder_categorie.csv": long_csv("wmo.lasten;2024-03;Hulp;100"),
        "gemeente_geen_cbs_code.csv": utf8(
            "indicator;periode;categorie;waarde;gemeente\nwmo.lasten;2024-03;;100;Amsterdam\n"
        ),
        "rij_te_veel_kolommen.csv": long_csv("wmo.lasten;2024-03;;100;7"),
        "rij_te_weinig_kolommen.csv": long_csv("wmo.lasten;2024-03;100"),
        "kruistabel_zonder_indicator.csv": utf8(WIDE + "Begeleiding;12;13\n"),
        # wide files (imported with --indicator wmo.clienten)
        "breed_dubbele_periode.csv": utf8("Voorziening;mrt-24;2024-03\nBegeleiding;12;13\n"),
        "breed_dubbele_kolom.csv": utf8("Voorziening;mrt-24;mrt-24\nBegeleiding;12;13\n"),
        "breed_periode_onbekend.csv": utf8("Voorziening;mrt-24;Q5 2024\nBegeleiding;12;13\n"),
        "breed_geen_perioden.csv": utf8("Voorziening;Aantal;Opmerking\nBegeleiding;12;13\n"),
        "breed_kop_lege_cel_met_gegevens.csv": utf8(
            "Voorziening;mrt-24;;jun-24\nBegeleiding;12;99;13\n"
        ),
        "breed_kleiner_dan_10.csv": utf8(WIDE + "Begeleiding;12;<10\n"),
        "breed_negatief.csv": utf8(WIDE + "Begeleiding;12;-1\n"),
        "breed_formule.csv": utf8(WIDE + "Begeleiding;12;=B2+1\n"),
        "breed_rij_te_lang.csv": utf8(WIDE + "Begeleiding;12;13;14\n"),
        "breed_dubbele_categorie.csv": utf8(WIDE + "Begeleiding;12;13\nBegeleiding;14;15\n"),
        "breed_bsn_categorie.csv": utf8(WIDE + "111222333;12;13\n123456782;14;15\n"),
    }
    return files


def main() -> None:
    files = corpus()
    if BAD.exists():
        shutil.rmtree(BAD)
    BAD.mkdir(parents=True)
    for name, data in sorted(files.items()):
        (BAD / name).write_bytes(data)
    total = sum(len(data) for data in files.values())
    print(f"{len(files)} bestanden geschreven naar {BAD} ({total // 1024} kB)")


if __name__ == "__main__":
    main()
