"""`monitor`: import figures, export published figures, load the demo and start the dashboard.

Everything a user types is Dutch (`importeer`, `--bestand`, ...); the old English spellings
stay as aliases for one release."""

from __future__ import annotations

import argparse
import getpass
import os
import re
import subprocess  # nosec B404
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from monitor import config
from monitor.disclosure.model import GateError
from monitor.domain.catalogue import Catalogue, CatalogueError
from monitor.domain.editions import Edition, edition_from_text
from monitor.domain.periods import PeriodError
from monitor.ingest.problems import ImportRefused
from monitor.render.export import EXPORT_FORMATS
from monitor.store.snapshots import StoreError

if TYPE_CHECKING:
    from monitor.publication.edition import PublishedEdition

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


def _author(given: str | None) -> str:
    if given:
        return given
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "onbekend"


def _edition(text: str | None, data_dir: Path) -> Edition:
    from monitor.publication.edition import latest_edition
    from monitor.store.snapshots import current_snapshot

    if text:
        return edition_from_text(text)
    latest = latest_edition(data_dir)
    if latest is None and current_snapshot(data_dir) is not None:
        gemeente = config.gemeente_code() or "de eigen gemeente"
        raise StoreError(
            f"De store heeft geen maand- of kwartaalcijfers voor {gemeente}, dus geen editie om "
            "te kiezen; geef er een op met --editie (bijvoorbeeld --editie 2019-12)."
        )
    if latest is None:
        raise StoreError(
            f"De store in {data_dir} is leeg: importeer eerst cijfers (monitor importeer) of laad de "
            "demo (monitor demo)."
        )
    return latest


def command_import(args: argparse.Namespace) -> int:
    from monitor.ingest.figure_import import import_files
    from monitor.ingest.files import UploadFile

    if args.cbs:
        return _import_cbs(args)
    files = [UploadFile(Path(name), Path(name).name) for name in args.files]
    missing = [f.name for f in files if not f.path.is_file()]
    if missing:
        print(
            f"Bestand niet gevonden: {', '.join(missing)}. Er is niets gewijzigd.", file=sys.stderr
        )
        return EXIT_REFUSED
    if args.records:
        return _import_records(args, files)
    # Only a figure import needs the catalogue (and the gate it comes with): records imports
    # start faster without it.
    from monitor.publication.edition import current_catalogue

    result = import_files(
        config.data_dir(),
        files,
        current_catalogue(),
        author=_author(args.auteur),
        indicator_id=args.indicator,
        dry_run=args.dry_run,
    )
    return _report_import(result.upload.notes, result.diff.report(), result.version)


def _report_import(notes: Sequence[str], diff_report: str, version: int | None) -> int:
    """What a figure or records import prints: validation, notes, differences, the version."""
    print("Validatie: geen fouten gevonden.")
    for note in notes:
        print(f"  {note}")
    print(diff_report)
    if version is None:
        print("Proefimport (--proef): er is niets opgeslagen.")
    else:
        print(f"Opgeslagen als versie {version}.")
    return EXIT_OK


def _import_cbs(args: argparse.Namespace) -> int:
    """`monitor importeer --cbs MAP...`: CBS tables as reference figures, as CBS delivers them."""
    from monitor.ingest.cbs.cbs_import import import_cbs

    result = import_cbs(
        config.data_dir(),
        [Path(name) for name in args.files],
        author=_author(args.auteur),
        dry_run=args.dry_run,
    )
    print("Validatie: geen fouten gevonden.")
    for line in result.report():
        print(f"  {line}")
    if result.version is None:
        print("Proefimport (--proef): er is niets opgeslagen.")
    else:
        print(f"Opgeslagen als versie {result.version}.")
    return EXIT_OK


def _import_records(args: argparse.Namespace, files: list) -> int:
    """`monitor importeer --registraties SOORT BESTAND...`: compute the client figures from records."""
    import datetime as dt

    from monitor.domain.periods import PeriodKind, parse_period, period_containing
    from monitor.ingest.records.compute import RecordKind, import_records

    tot = None
    if args.tot:
        parsed = parse_period(args.tot)
        tot = period_containing(parsed, PeriodKind.MAAND) if isinstance(parsed, dt.date) else parsed
    result = import_records(
        config.data_dir(),
        files,
        RecordKind(args.records),
        author=_author(args.auteur),
        gap_dagen=args.gap_dagen,
        tot=tot,
        dry_run=args.dry_run,
    )
    return _report_import(result.computed.notes, result.diff.report(), result.version)


def command_export(args: argparse.Namespace) -> int:
    from monitor.domain.registry import figure_specs
    from monitor.publication.edition import current_catalogue
    from monitor.render.export import export_bytes

    # Checked against the catalogue first, so a typing error is named even in an empty store;
    # then against the edition, whose own (published) catalogue may differ.
    known = [spec.figure_id for spec in figure_specs(current_catalogue())]
    if args.figure_id in known:
        _, edition, published, _ = _chosen_edition(args.editie, args.concept)
        known = [figure.figure_id for figure in published.figures]
    if args.figure_id not in known:
        print(
            f"Figuur '{args.figure_id}' bestaat niet. Kies uit: {', '.join(known)}.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    figure = published.figure(args.figure_id)
    data = export_bytes(figure, args.format, long=args.long)
    if args.out:
        Path(args.out).write_bytes(data)
        print(f"{args.figure_id} ({edition.label}) geschreven naar {args.out}.", file=sys.stderr)
    elif args.format in ("csv", "svg", "vega"):
        sys.stdout.buffer.write(data)
    else:
        print(f"Geef voor {args.format} een bestand op met --bestand.", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def _chosen_publication(editie: str | None, concept: bool) -> tuple[Path, Edition, int | None]:
    """The store, the edition and the version that published it (None for the draft). A
    published edition is the one readers saw, as it was published, whatever the store and the
    catalogue hold now; `--concept`, or an edition never published, gives the draft from the
    current store. Without `--editie`: the newest published edition."""
    from monitor.domain.numbers import format_moment
    from monitor.publication.editorial import published_editions

    data_dir = config.data_dir()
    infos = [] if concept else published_editions(data_dir)
    wanted = edition_from_text(editie) if editie else None
    info = next((i for i in infos if wanted in (None, i.edition)), None)
    if info is not None:
        when = format_moment(info.published_at)
        print(f"Editie {info.edition.label}, gepubliceerd op {when} (versie {info.version}).",
              file=sys.stderr)  # fmt: skip
        return data_dir, info.edition, info.version
    edition = wanted or _edition(None, data_dir)
    print(f"Editie {edition.label}: concept uit de huidige store (niet gepubliceerd).",
          file=sys.stderr)  # fmt: skip
    return data_dir, edition, None


def _chosen_edition(
    editie: str | None, concept: bool
) -> tuple[Path, Edition, PublishedEdition, int | None]:
    """As `_chosen_publication`, with the edition's figures."""
    from monitor.publication.edition import current_catalogue, published_edition

    data_dir, edition, version = _chosen_publication(editie, concept)
    catalogue = None if version is not None else current_catalogue()
    return (
        data_dir,
        edition,
        published_edition(data_dir, edition, catalogue, version=version),
        version,
    )


def command_audit(args: argparse.Namespace) -> int:
    import tempfile

    from monitor.render.artefact_audit import audit_edition

    _, edition, published, _ = _chosen_edition(args.editie, args.concept)
    with tempfile.TemporaryDirectory() as work:
        directory = Path(args.map) if args.map else Path(work)
        findings = audit_edition(published, directory, published.catalogue)
    hidden = sum(
        cell.is_hidden and cell.marker in ("<10", "x")
        for f in published.figures
        for cell in f.cells
    )
    if findings:
        print(
            f"AVG-controle van editie {edition.label}: {len(findings)} bevindingen.",
            file=sys.stderr,
        )
        for finding in findings:
            print(f"- {finding}", file=sys.stderr)
        return EXIT_REFUSED
    print(
        f"AVG-controle van editie {edition.label}: geslaagd. {len(published.figures)} figuren, "
        f"{hidden} afgeschermde cellen; geen afgeschermd aantal is terug te rekenen."
    )
    return EXIT_OK


def command_report(args: argparse.Namespace) -> int:
    from monitor.publication.edition import current_catalogue, published_edition
    from monitor.publication.editorial import texts_for
    from monitor.render.report import published_report, report_pdf

    data_dir, edition, version = _chosen_publication(args.editie, args.concept)
    if version is None:
        draft = published_edition(data_dir, edition, current_catalogue())
        pdf = report_pdf(draft, draft.catalogue, texts_for(data_dir, edition))
    else:
        pdf = published_report(data_dir, edition, version)
    Path(args.out).write_bytes(pdf)
    print(f"Rapport {edition.label} geschreven naar {args.out} ({len(pdf) // 1024} kB).")
    return EXIT_OK


def command_figures(args: argparse.Namespace) -> int:
    from monitor.domain.registry import figure_specs
    from monitor.publication.edition import current_catalogue

    catalogue = current_catalogue()
    source = (
        f"de [[figuur]]-blokken van {config.catalogue_path()}"
        if catalogue.figuur
        else f"de standaardfiguren ({config.STANDARD_FIGURES}): de catalogus heeft geen [[figuur]]"
    )
    specs = figure_specs(catalogue)
    print(f"{len(specs)} figuren; hoofdstukken wmo, jeugd en participatie uit {source}.")
    for spec in specs:
        shown = ", ".join(spec.indicators)
        if spec.categorie:
            shown += f" (categorie {spec.categorie})"
        elif spec.categories:
            shown += f" (categorieën {', '.join(spec.categories)})"
        print(f"{spec.figure_id:40} {spec.section:5} {spec.shape.value:22} {spec.title}")
        if shown:
            print(f"{'':46} {shown}")
    return EXIT_OK


def command_catalogue(args: argparse.Namespace) -> int:
    from monitor.domain.catalogue import catalogue_warnings
    from monitor.publication.edition import current_catalogue

    catalogue = current_catalogue()
    print(
        f"Catalogus {config.catalogue_path()}: {len(catalogue.all_indicators)} indicatoren, "
        f"{len(catalogue.thema)} thema's, AVG-drempel {catalogue.instellingen.drempel}."
    )
    warnings = catalogue_warnings(catalogue)
    for warning in warnings:
        print(f"Let op: {warning}")
    return EXIT_REFUSED if warnings and args.streng else EXIT_OK


def command_versions(args: argparse.Namespace) -> int:
    from monitor.store.history import version_lines

    for line in version_lines(config.data_dir()):
        print(line)
    return EXIT_OK


def command_rollback(args: argparse.Namespace) -> int:
    from monitor.store.history import rollback

    version = rollback(config.data_dir(), args.versie, _author(args.auteur))
    print(f"Teruggedraaid naar versie {args.versie}; dat is nu versie {version}.")
    return EXIT_OK


def command_demo(args: argparse.Namespace) -> int:
    from monitor.demo.data import load_demo
    from monitor.demo.texts import DEMO_EDITIONS, publish_demo_editions
    from monitor.domain.editions import edition_from_text
    from monitor.publication.edition import current_catalogue
    from monitor.render.artefact_audit import exported_findings
    from monitor.store.history import current_version

    catalogue = current_catalogue()
    if args.gemeente == "klein":
        return _small_demo(catalogue)
    load_demo(config.data_dir(), catalogue, replace=args.vervang)
    publish_demo_editions(
        config.data_dir(),
        catalogue,
        [edition_from_text(e) for e in DEMO_EDITIONS],
        exported_findings,
    )
    # Publishing the texts and editions adds versions of its own: name the one now current.
    version = current_version(config.data_dir())
    print(
        f"Demodata van {catalogue.instellingen.gemeente_naam} geladen (versie {version}); "
        f"edities {', '.join(DEMO_EDITIONS)} gepubliceerd met voorbeeldteksten."
    )
    return EXIT_OK


def _small_demo(catalogue: Catalogue) -> int:
    import tempfile

    from monitor.demo.data import load_demo
    from monitor.demo.small import SMALL_NAME, load_small_demo, voorbeeld_rows
    from monitor.demo.texts import publish_demo_editions
    from monitor.domain.editions import edition_from_text
    from monitor.render.artefact_audit import exported_findings
    from monitor.store.history import current_version

    data_dir = config.data_dir()
    with tempfile.TemporaryDirectory(prefix="monitor-voorbeeld-") as temporary:
        load_demo(Path(temporary), catalogue)
        voorbeeld = voorbeeld_rows(Path(temporary))
    load_small_demo(
        data_dir,
        catalogue,
        voorbeeld,
        lambda key: publish_demo_editions(
            data_dir, catalogue, [edition_from_text(key)], exported_findings
        ),
    )
    version = current_version(data_dir)  # after the last publication, not the last import
    print(
        f"Demodata van {SMALL_NAME} geladen (versie {version}): weinig inwoners, weinig "
        "combinaties van voorzieningen, onbekende leeftijden, een herziening tussen de edities "
        "2026-06 en 2026-09 (beide gepubliceerd)."
    )
    return EXIT_OK


def command_publish(args: argparse.Namespace) -> int:
    from monitor.ingest.plausibility import edition_deviations
    from monitor.publication.completeness import completeness
    from monitor.publication.edition import current_catalogue
    from monitor.publication.editorial import publish_edition
    from monitor.render.artefact_audit import exported_findings
    from monitor.store.snapshots import current_version

    data_dir = config.data_dir()
    # The version the checks below read is the one published, or nothing is.
    reviewed = current_version(data_dir) if args.store_versie is None else args.store_versie
    edition = _edition(args.editie, data_dir)
    catalogue = current_catalogue()
    found = completeness(data_dir, edition, catalogue)
    print(found.report())
    if not found.complete and not args.onvolledig:
        print(
            "Niet gepubliceerd: niet alle indicatoren lopen tot de peildatum. Geef --onvolledig "
            "om toch te publiceren; lezers zien dan welke cijfers eerder stoppen.",
            file=sys.stderr,
        )
        return EXIT_REFUSED
    deviations = edition_deviations(data_dir, edition, catalogue)
    if deviations:
        print("Cijfers die sterk afwijken van hun eigen geschiedenis:")
        print("\n".join(f"  {deviation.describe()}" for deviation in deviations))
        if not args.afwijkingen_gezien:
            print(
                "Niet gepubliceerd: controleer deze cijfers. Geef --afwijkingen-gezien om toch te "
                "publiceren.",
                file=sys.stderr,
            )
            return EXIT_REFUSED
    version = publish_edition(data_dir, edition, catalogue, _author(args.auteur),
                              audit=exported_findings, gaps_acknowledged=args.onvolledig,
                              deviations_acknowledged=args.afwijkingen_gezien,
                              reviewed_version=reviewed)  # fmt: skip
    print(f"Editie {edition.label} gepubliceerd (versie {version}).")
    from monitor.publication.editorial import report_path
    from monitor.render.report import published_report

    published_report(data_dir, edition, version)
    print(f"Rapport opgeslagen bij de editie: {report_path(data_dir, edition, version)}.")
    return EXIT_OK


def command_withdraw(args: argparse.Namespace) -> int:
    from monitor.publication.editorial import published_editions, withdraw_edition

    data_dir = config.data_dir()
    edition = edition_from_text(args.editie)
    version = withdraw_edition(data_dir, edition, args.reden, _author(args.auteur))
    remaining = published_editions(data_dir)
    default = f"; lezers zien nu editie {remaining[0].edition.label}" if remaining else ""
    print(f"Editie {edition.label} ingetrokken (versie {version}){default}.")
    return EXIT_OK


def command_sign_out(args: argparse.Namespace) -> int:
    from monitor.store.logins import LoginRegisterError, end_logins_of

    try:
        end_logins_of(config.data_dir(), args.gebruiker)
    except LoginRegisterError as error:
        print(str(error), file=sys.stderr)
        return EXIT_REFUSED
    print(
        f"Alle inlogsessies van {args.gebruiker} zijn beëindigd; bij de volgende keer inloggen "
        "gelden de rollen die de inlogdienst dan meegeeft."
    )
    return EXIT_OK


def command_dashboard(args: argparse.Namespace) -> int:
    from monitor.demo.login import demo_login
    from monitor.store.snapshots import current_snapshot

    if args.demo and current_snapshot(config.data_dir()) is None:
        command_demo(argparse.Namespace(vervang=False))
    app = config.PROJECT_ROOT / "app.py"
    command = [sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(args.port)]
    if args.headless:
        command += ["--server.headless", "true"]
    if not args.login:
        # Our own interpreter and app with fixed arguments.
        os.execv(sys.executable, command)  # nosec B606
    with demo_login(args.port) as secrets_file:
        command += ["--secrets.files", str(secrets_file)]
        print(
            "Inloggen: klik op Inloggen en kies bij de test-inlogdienst de gebruiker "
            "'beleid' (beleidsmedewerker) of 'beheer' (beheerder)."
        )
        return subprocess.call(command)  # nosec B603


# argparse's own words (usage, group titles, errors) in Dutch, so the command speaks one language.
ARGPARSE_ERRORS = (
    (re.compile(r"the following arguments are required: (.*)"), r"deze argumenten ontbreken: \1"),
    (re.compile(r"unrecognized arguments: (.*)"), r"onbekende argumenten: \1"),
    (re.compile(r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)"),
     r"argument \1: ongeldige keuze \2 (kies uit \3)"),
    (re.compile(r"argument (\S+): expected one argument"), r"argument \1: hier hoort één waarde bij"),
    (re.compile(r"argument (\S+): invalid (\S+) value: (.*)"), r"argument \1: ongeldige waarde \3"),
    (re.compile(r"ambiguous option: (\S+) could match (.*)"), r"optie \1 is niet eenduidig: \2"),
)  # fmt: skip


def dutch_argparse_error(message: str) -> str:
    for pattern, dutch in ARGPARSE_ERRORS:
        if pattern.fullmatch(message):
            return pattern.sub(dutch, message)
    return message


class DutchHelpFormatter(argparse.HelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "gebruik: " if prefix is None else prefix)


class DutchArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose help and errors are Dutch; subcommands inherit it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", DutchHelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumenten"
        self._optionals.title = "opties"
        self.add_argument(
            "-h", "--help", action="help", default=argparse.SUPPRESS, help="deze hulp tonen"
        )

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fout: {dutch_argparse_error(message)}\n")


def _edition_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--editie",
        help="peildatum van de editie, bijvoorbeeld 2024-03 (standaard: de nieuwste gepubliceerde)",
    )
    parser.add_argument(
        "--concept",
        action="store_true",
        help="het concept uit de huidige store in plaats van de editie zoals die is gepubliceerd",
    )


def _old(spelling: str) -> str:
    """The help-text note for a spelling kept as an alias for one release."""
    return f"oude spelling {spelling}: verouderd, werkt nog één release"


def _add_import_command(commands: argparse._SubParsersAction) -> None:
    """importeer: cijferbestanden and registraties."""

    importing = commands.add_parser(
        "importeer",
        aliases=["import"],
        help=f"cijferbestanden (CSV/XLSX) importeren ({_old('import')})",
    )
    importing.add_argument("files", nargs="+", metavar="BESTAND")
    importing.add_argument("--indicator", help="indicator-id voor een breed bestand")
    importing.add_argument(
        "--proef",
        "--dry-run",
        dest="dry_run",
        action="store_true",
        help=f"alleen controleren en verschillen tonen, niets publiceren ({_old('--dry-run')})",
    )
    importing.add_argument("--auteur", help="naam in de historie (standaard de gebruiker)")
    importing.add_argument(
        "--registraties",
        "--records",
        dest="records",
        choices=("wmo", "jeugd", "participatie"),
        metavar="SOORT",
        help="gepseudonimiseerde registraties (indicaties of uitkeringen) van wmo, jeugd of "
        f"participatie: de cliëntcijfers worden berekend ({_old('--records')})",
    )
    importing.add_argument(
        "--onderbreking-dagen",
        "--gap-dagen",
        dest="gap_dagen",
        type=int,
        default=1,
        metavar="DAGEN",
        help="registraties: indicaties met een onderbreking korter dan dit aantal dagen vormen "
        f"één zorgperiode (standaard 1; {_old('--gap-dagen')})",
    )
    importing.add_argument(
        "--tot",
        metavar="PERIODE",
        help="registraties: laatste maand met cijfers, bijvoorbeeld 2024-09",
    )
    importing.add_argument(
        "--cbs",
        action="store_true",
        help="CBS-tabellen als vergelijkingscijfers: elk BESTAND is de map van een CBS-download "
        "in OData-formaat (TypedDataSet.csv, DataProperties.csv, TableInfos.csv, RegioS.csv, "
        "Perioden.csv, …) of een bestand daarin",
    )
    importing.set_defaults(handler=command_import)


def _add_output_commands(commands: argparse._SubParsersAction) -> None:
    """exporteer, controleer, rapport: what leaves the system for an edition."""
    exporting = commands.add_parser(
        "exporteer",
        aliases=["export"],
        help=f"een gepubliceerde figuur exporteren ({_old('export')})",
    )
    exporting.add_argument("figure_id", metavar="FIGUUR")
    _edition_options(exporting)
    exporting.add_argument(
        "--formaat",
        "--format",
        dest="format",
        choices=EXPORT_FORMATS,
        default="csv",
        help=f"bestandsformaat (standaard csv; {_old('--format')})",
    )
    exporting.add_argument(
        "--lang",
        "--long",
        dest="long",
        action="store_true",
        help=f"lang formaat: rijen periode;categorie;waarde ({_old('--long')})",
    )
    exporting.add_argument(
        "--bestand",
        "--out",
        dest="out",
        metavar="BESTAND",
        help=f"bestand om naar te schrijven (standaard: scherm; {_old('--out')})",
    )
    exporting.set_defaults(handler=command_export)

    auditing = commands.add_parser(
        "controleer",
        aliases=["audit"],
        help=f"de AVG-controle van een editie opnieuw doen ({_old('audit')})",
    )
    _edition_options(auditing)
    auditing.add_argument("--map", help="bewaar de gecontroleerde exportbestanden in deze map")
    auditing.set_defaults(handler=command_audit)

    report = commands.add_parser(
        "rapport",
        aliases=["report"],
        help=f"het rapport van een editie als pdf ({_old('report')})",
    )
    _edition_options(report)
    report.add_argument(
        "--bestand",
        "--out",
        dest="out",
        metavar="BESTAND",
        required=True,
        help=f"het pdf-bestand om te schrijven ({_old('--out')})",
    )
    report.set_defaults(handler=command_report)


def _add_store_commands(commands: argparse._SubParsersAction) -> None:
    """catalogus, figuren, versies, terugdraaien, publiceer, intrekken: the store and its
    editions."""
    checking = commands.add_parser(
        "catalogus", help="de catalogus controleren (ook op aantallen personen zonder AVG-regel)"
    )
    checking.add_argument(
        "--streng", action="store_true", help="afsluiten met code 1 als er waarschuwingen zijn"
    )
    checking.set_defaults(handler=command_catalogue)
    listing = commands.add_parser("figuren", help="alle figuur-ids tonen")
    listing.set_defaults(handler=command_figures)

    versions = commands.add_parser("versies", help="de historie van de store tonen")
    versions.set_defaults(handler=command_versions)

    undo = commands.add_parser("terugdraaien", help="de cijfers van een eerdere versie herstellen")
    undo.add_argument("versie", type=int, metavar="VERSIE")
    undo.add_argument("--auteur", help="naam in de historie (standaard de gebruiker)")
    undo.set_defaults(handler=command_rollback)

    publishing = commands.add_parser("publiceer", help="een editie publiceren (vastleggen)")
    publishing.add_argument(
        "--editie", help="peildatum, bijvoorbeeld 2024-03 (standaard de laatste)"
    )
    publishing.add_argument("--auteur", help="naam in de historie (standaard de gebruiker)")
    publishing.add_argument(
        "--onvolledig",
        action="store_true",
        help="ook publiceren als niet alle indicatoren tot de peildatum lopen (lezers zien dat)",
    )
    publishing.add_argument(
        "--afwijkingen-gezien",
        action="store_true",
        help="ook publiceren als cijfers van dit jaar sterk afwijken van hun eigen geschiedenis "
        "(meer dan 10× of minder dan een tiende van de mediaan ervoor): u heeft ze gecontroleerd",
    )
    publishing.add_argument(
        "--store-versie",
        type=int,
        help="de versie van de store die u heeft gecontroleerd (zie `monitor versies`); is de "
        "store sindsdien veranderd, dan wordt er niets gepubliceerd",
    )
    publishing.set_defaults(handler=command_publish)

    withdrawing = commands.add_parser(
        "intrekken", help="een gepubliceerde editie intrekken, met reden (er wordt niets gewist)"
    )
    withdrawing.add_argument("--editie", required=True, help="peildatum, bijvoorbeeld 2026-12")
    withdrawing.add_argument(
        "--reden", required=True, help="waarom; raadsleden krijgen de reden te zien"
    )
    withdrawing.add_argument("--auteur", help="naam in de historie (standaard de gebruiker)")
    withdrawing.set_defaults(handler=command_withdraw)


def _add_run_commands(commands: argparse._SubParsersAction) -> None:
    """demo and dashboard."""
    demo = commands.add_parser("demo", help="demodata van Gemeente Voorbeeld laden")
    demo.add_argument("--vervang", action="store_true", help="ook als de store niet leeg is")
    demo.add_argument(
        "--gemeente",
        choices=["voorbeeld", "klein"],
        default="voorbeeld",
        help="voorbeeld: Gemeente Voorbeeld (standaard); klein: een kleine gemeente (ongeveer "
        "8.000 inwoners) die moeilijk te beschermen is",
    )
    demo.set_defaults(handler=command_demo)

    signing_out = commands.add_parser(
        "afmelden",
        help="alle inlogsessies van een gebruiker beëindigen (na een rolwijziging of verloren laptop)",
    )
    signing_out.add_argument(
        "--gebruiker", required=True, help="e-mailadres (of subject) van de gebruiker"
    )
    signing_out.set_defaults(handler=command_sign_out)

    dashboard = commands.add_parser("dashboard", help="het dashboard starten")
    dashboard.add_argument(
        "--demo", action="store_true", help="demodata laden als de store leeg is"
    )
    dashboard.add_argument(
        "--poort",
        "--port",
        dest="port",
        type=int,
        default=8501,
        metavar="POORT",
        help="de poort waarop het dashboard luistert, bijvoorbeeld http://localhost:POORT "
        f"(standaard %(default)s; {_old('--port')})",
    )
    dashboard.add_argument(
        "--zonder-browser",
        "--headless",
        dest="headless",
        action="store_true",
        help=f"geen browser openen ({_old('--headless')})",
    )
    dashboard.add_argument(
        "--login",
        action="store_true",
        help="demo-inlog: start een lokale test-inlogdienst (OIDC) met een beleidsmedewerker en beheerder",
    )
    dashboard.set_defaults(handler=command_dashboard)


def build_parser() -> argparse.ArgumentParser:
    """Dutch names for everything a user types; each old (English) spelling still works, as an
    alias, for one release."""
    parser = DutchArgumentParser(
        prog="monitor",
        description="Monitor Sociaal Domein. De store staat in MONITOR_DATA_DIR (standaard data/).",
        epilog="Oude spellingen (import, export, audit, report, --out, --format, ...) werken nog "
        "één release; ze zijn verouderd.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="OPDRACHT")
    for add in (_add_import_command, _add_output_commands, _add_store_commands, _add_run_commands):
        add(commands)
    return parser


def _warn_if_damaged() -> None:
    from monitor.store.snapshots import store_damage

    damage = store_damage(config.data_dir())
    if damage is not None:
        print(f"Let op: {damage}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        _warn_if_damaged()
        return args.handler(args)
    except ImportRefused as refused:
        print("De import is geweigerd:", file=sys.stderr)
        print(refused.report(), file=sys.stderr)
        return EXIT_REFUSED
    except (CatalogueError, StoreError, PeriodError, ValueError, GateError) as error:
        print(f"Fout: {error}", file=sys.stderr)
        return EXIT_REFUSED


if __name__ == "__main__":
    sys.exit(main())
