"""The `monitor` command speaks Dutch; every old (English) spelling still works for one release."""

from __future__ import annotations

import argparse

import pytest

from monitor.cli import build_parser

DUTCH_COMMANDS = {"importeer", "exporteer", "controleer", "rapport", "catalogus", "figuren", "versies",
                  "terugdraaien", "publiceer", "intrekken", "demo", "afmelden", "dashboard"}  # fmt: skip

# (new spelling, old spelling): each pair must parse to the same arguments.
PAIRS = [
    (["importeer", "a.csv"], ["import", "a.csv"]),
    (["importeer", "a.csv", "--proef"], ["importeer", "a.csv", "--dry-run"]),
    (["importeer", "a.csv", "--registraties", "wmo"], ["importeer", "a.csv", "--records", "wmo"]),
    (["importeer", "a.csv", "--onderbreking-dagen", "30"], ["importeer", "a.csv", "--gap-dagen", "30"]),
    (["importeer", "a.csv", "--indicator", "wmo.clienten", "--proef"],
     ["import", "a.csv", "--indicator", "wmo.clienten", "--dry-run"]),
    (["exporteer", "wmo-lasten"], ["export", "wmo-lasten"]),
    (["exporteer", "wmo-lasten", "--formaat", "xlsx"], ["exporteer", "wmo-lasten", "--format", "xlsx"]),
    (["exporteer", "wmo-lasten", "--lang"], ["exporteer", "wmo-lasten", "--long"]),
    (["exporteer", "wmo-lasten", "--bestand", "x.csv"], ["exporteer", "wmo-lasten", "--out", "x.csv"]),
    (["exporteer", "wmo-lasten", "--formaat", "png", "--bestand", "x.png"],
     ["export", "wmo-lasten", "--format=png", "--out=x.png"]),
    (["controleer", "--editie", "2024-03"], ["audit", "--editie", "2024-03"]),
    (["rapport", "--bestand", "r.pdf"], ["report", "--bestand", "r.pdf"]),
    (["rapport", "--bestand", "r.pdf"], ["rapport", "--out", "r.pdf"]),
    (["dashboard", "--poort", "8600"], ["dashboard", "--port", "8600"]),
    (["dashboard", "--zonder-browser"], ["dashboard", "--headless"]),
]  # fmt: skip


def parsed(argv: list[str]) -> dict[str, object]:
    """The parsed arguments, without the name the subcommand was called by."""
    values = vars(build_parser().parse_args(argv))
    values.pop("command")
    return values


@pytest.mark.parametrize(("new", "old"), PAIRS, ids=[" ".join(old) for _, old in PAIRS])
def test_the_old_spelling_parses_to_the_same_arguments_as_the_new(new, old):
    assert parsed(old) == parsed(new)


def subcommand_actions(parser: argparse.ArgumentParser) -> argparse._SubParsersAction:
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


def test_help_lists_only_dutch_command_names_as_primary():
    parser = build_parser()
    primary = [choice.dest for choice in subcommand_actions(parser)._choices_actions]
    assert set(primary) == DUTCH_COMMANDS
    listed = [
        line.split()[0]
        for line in parser.format_help().splitlines()
        if line.startswith("    ") and not line.startswith("     ")
    ]
    assert listed == primary


def test_help_marks_every_old_command_name_as_deprecated():
    text = " ".join(build_parser().format_help().split())
    for old in ("import", "export", "audit", "report"):
        assert f"oude spelling {old}: verouderd, werkt nog één release" in text


def test_dashboard_help_explains_the_port_and_its_old_spelling(capsys):
    with pytest.raises(SystemExit):
        build_parser().parse_args(["dashboard", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "--poort POORT, --port POORT" in text
    assert "de poort waarop het dashboard luistert" in text
    assert "oude spelling --port: verouderd, werkt nog één release" in text


def test_help_is_dutch_including_argparse_own_words(capsys):
    with pytest.raises(SystemExit) as stopped:
        build_parser().parse_args(["exporteer", "--help"])
    assert stopped.value.code == 0
    shown = capsys.readouterr().out
    assert shown.startswith("gebruik: monitor exporteer")
    assert "opties:" in shown and "argumenten:" in shown and "deze hulp tonen" in shown
    for english in ("usage:", "options:", "positional arguments", "show this help"):
        assert english not in shown


@pytest.mark.parametrize(
    ("argv", "dutch"),
    [
        (["importeer"], "monitor importeer: fout: deze argumenten ontbreken: BESTAND"),
        (["exporteer", "wmo-lasten", "--formaat", "doc"],
         "argument --formaat/--format: ongeldige keuze 'doc' (kies uit 'csv', 'xlsx', 'png', 'svg', 'vega')"),
        (["versies", "--bla"], "monitor: fout: onbekende argumenten: --bla"),
        (["exporteer", "wmo-lasten", "--editie"], "argument --editie: hier hoort één waarde bij"),
    ],
)  # fmt: skip
def test_a_wrong_command_line_is_refused_in_dutch(argv, dutch, capsys):
    with pytest.raises(SystemExit) as stopped:
        build_parser().parse_args(argv)
    assert stopped.value.code == 2
    assert dutch in capsys.readouterr().err
