"""`quiz import`: questions from another format into a bank file, with a summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from quiz.cli.options import shared_options
from quiz.cli.output import err, out, plain
from quiz.i18n import t

if TYPE_CHECKING:
    from quiz.bank.formats import ImportReport

FORMATS = ["xxqg", "gift", "aiken", "csv"]


@click.command(name="import")
@shared_options
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True, help="Input format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--section", help="Section of the imported questions (default: from the format).")
def import_(source: Path, fmt: str, output: Path, section: str | None) -> None:
    """Import questions from another format into a bank file; prints what was imported,
    skipped (with reasons) and found twice."""
    from quiz.bank import load_bank
    from quiz.bank.formats import IMPORTERS, bank_yaml

    reader = IMPORTERS.get(fmt)
    if reader is None:
        raise click.ClickException(t("import.unsupported", format=fmt))
    try:
        text = source.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise click.ClickException(t("author.not_utf8", path=source)) from None
    report = read_with_progress(reader, text)
    if not report.questions:
        for where, why in report.skipped[:20]:
            err().print(f"  {source.name}: {where}: {why}", markup=False)
        raise click.ClickException(t("import.nothing", path=source))
    origin = str(source.resolve())
    name = section or t(f"import.section.{fmt}")
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(bank_yaml(report.questions, section=name, origin=origin), "utf-8")
    except OSError as exc:
        raise click.ClickException(t("cli.write_failed", path=output, reason=exc.strerror)) from exc
    kinds = Counter(str(q["type"]) for q in report.questions)
    summary = ", ".join(f"{t(f'type.{k}')} {n}" for k, n in sorted(kinds.items()))
    console = out()
    console.print(t("import.summary", count=len(report.questions), kinds=summary, path=output,
                    skipped=len(report.skipped), duplicates=len(report.duplicates)),
                  markup=False)  # fmt: skip
    reasons = Counter(why for _, why in report.skipped)
    for why, n in reasons.most_common(10):
        console.print(f"  {t('import.skipped')} ×{n}: {why}", markup=False)
    for where, what in report.duplicates[:10]:
        console.print(f"  {t('import.duplicate')} {where}: {what}", markup=False)
    bank = load_bank([output])
    for error in bank.errors:
        err().print(str(error), markup=False)
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
