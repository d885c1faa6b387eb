"""`quiz import`: questions from another format into a bank file, with a summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from quiz.cli.options import NAME, force_option, shared_options
from quiz.cli.output import check_target, err, fail, plain, say, write_file
from quiz.i18n import t

if TYPE_CHECKING:
    from quiz.bank.formats import ImportReport

FORMATS = ["xxqg", "gift", "aiken", "csv"]
SHOWN = 20
"""Skips and duplicates listed one by one; the rest are counted."""


@click.command(name="import")
@shared_options
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True, help="Input format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--section", type=NAME,
              help="Section of the imported questions (default: from the format).")  # fmt: skip
@force_option
def import_(source: Path, fmt: str, output: Path, section: str | None, force: bool) -> None:
    """Import questions from another format into a bank file; prints what was imported,
    skipped (with reasons) and found twice. An existing OUT is replaced only with --force, and
    never when it is the input."""
    from quiz.bank.formats import IMPORTERS, bank_yaml
    from quiz.bank.loader import load_bank
    from quiz.system.files import FileProblem, read_text

    reader = IMPORTERS.get(fmt)
    if reader is None:
        fail(t("import.unsupported", format=fmt))
    check_target(output, force=force, inputs=[source])
    try:
        text = read_text(source)
    except UnicodeDecodeError:
        fail(t("author.not_utf8", path=source))
    except FileProblem as problem:
        fail(t(problem.code, **problem.params))
    report = read_with_progress(reader, text)
    if not report.questions:
        for where, why in report.skipped[:SHOWN]:
            say(f"  {source.name} {t('import.skip_line', where=where, why=why)}", error=True)
        fail(t("import.nothing", path=source))
    origin = str(source.resolve())
    name = section or t(f"import.section.{fmt}")
    write_file(output, bank_yaml(report.questions, section=name, origin=origin), force=force,
               inputs=[source])  # fmt: skip
    kinds = Counter(str(q["type"]) for q in report.questions)
    summary = ", ".join(f"{t(f'type.{k}')} {n}" for k, n in sorted(kinds.items()))
    say(t("import.summary", count=len(report.questions), kinds=summary, path=output,
          skipped=len(report.skipped), duplicates=len(report.duplicates)))  # fmt: skip
    if report.controls:
        say(t("import.controls", count=report.controls))
    # Each skip with its line or record (issue 13.19), so it can be found and fixed.
    for where, why in report.skipped[:SHOWN]:
        say("  " + t("import.skip_line", where=where, why=why))
    if len(report.skipped) > SHOWN:
        say("  " + t("import.more", count=len(report.skipped) - SHOWN))
    for where, what in report.duplicates[:SHOWN]:
        say("  " + t("import.duplicate_line", where=where, what=what))
    if len(report.duplicates) > SHOWN:
        say("  " + t("import.more", count=len(report.duplicates) - SHOWN))
    bank = load_bank([output])
    for error in bank.errors:
        say(error, error=True)
    if bank.errors:
        raise SystemExit(1)


def read_with_progress(reader: Callable[..., ImportReport], text: str) -> ImportReport:
    """Run the importer, with a progress bar on a terminal for large inputs."""
    if plain() or len(text) < 200_000:
        return reader(text)
    from rich.progress import Progress

    with Progress(transient=True, console=err()) as progress:
        task = progress.add_task(t("import.reading"), total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        return reader(text, advance)
