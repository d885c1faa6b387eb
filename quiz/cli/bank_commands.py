"""Commands on the bank itself: validate, schema, export, seeds."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click
from rich.table import Table

from quiz.bank import Bank, load_bank
from quiz.bank.models import QuestionType
from quiz.cli.options import shared_options
from quiz.cli.output import err, out
from quiz.cli.settings import current_settings
from quiz.i18n import t
from quiz.paths import bank_cache

EXISTING = click.Path(exists=True, path_type=Path)


def load_reporting(paths: list[Path]) -> Bank:
    """The bank, with each of its errors printed to stderr (file:line:column: field: what)."""
    bank = load_bank(paths, bank_cache())  # unchanged files as validated before: no parsing
    for error in bank.errors:
        err().print(str(error), markup=False)
    return bank


def write_or_print(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(t("cli.write_failed", path=output, reason=exc.strerror)) from exc
    err().print(t("cli.written", path=output), markup=False)


@click.command()
@shared_options
@click.argument("targets", nargs=-1, type=EXISTING)
def validate(targets: tuple[Path, ...]) -> None:
    """Check bank files (default: the whole bank) and print a summary.

    Exit status: 0 valid, 1 errors found, 2 usage error.
    """
    bank = load_reporting(list(targets) or [current_settings().bank])
    questions = bank.questions
    console = out()
    console.print(t("cli.summary_files", files=len(bank.files), questions=len(questions)))
    summary = Table.grid(padding=(0, 2))
    by_type = Counter(q.type for q in questions)
    by_section = Counter(q.section for q in questions)
    type_counts = "  ".join(f"{t(f'type.{kind}')} {by_type[kind]}" for kind in QuestionType)
    summary.add_row(t("cli.by_type"), type_counts)
    for index, (section, count) in enumerate(by_section.items()):
        summary.add_row(t("cli.by_section") if index == 0 else "", f"{section}  {count}")
    console.print(summary)
    if bank.errors:
        err().print(t("cli.invalid", count=len(bank.errors)), style="bold red", markup=False)
        raise SystemExit(1)
    console.print(t("cli.valid"), style="bold green", markup=False)


@click.command()
@shared_options
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path))
def schema(output: Path | None) -> None:
    """Print the JSON Schema of bank files (questions/schema.json is this output)."""
    from quiz.bank.schema import schema_text

    write_or_print(schema_text(), output)


@click.command()
@shared_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "gift", "aiken", "csv"]),
    default="json",
    show_default=True,
    help="Output format.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path))
def export(fmt: str, output: Path | None) -> None:
    """Print the whole bank, normalised (JSON: the shape documented in the README), or as
    Moodle GIFT or Aiken, or CSV (drafts are left out of the other formats)."""
    bank = load_reporting([current_settings().bank])
    if bank.errors:
        err().print(t("cli.export_refused"), style="bold red", markup=False)
        raise SystemExit(1)
    if fmt == "json":
        from quiz.bank.export import to_json

        write_or_print(to_json(bank.questions), output)
        return
    from quiz.bank.formats import EXPORTERS

    text, skipped = EXPORTERS[fmt]([q for q in bank.questions if not q.draft])
    write_or_print(text, output)
    if skipped:
        err().print(t("cli.export_skipped", count=len(skipped), format=fmt,
                      ids=", ".join(skipped[:12])), markup=False)  # fmt: skip


@click.command()
@shared_options
def seeds() -> None:
    """List the source articles and how many questions quote each."""
    from quiz import paths
    from quiz.bank.seeds import list_articles

    settings = current_settings()
    folder = paths.seeds_dir(settings.bank)
    articles = list_articles(folder)
    if not articles:
        err().print(t("cli.no_seeds", path=folder), markup=False)
        raise SystemExit(1)
    bank = load_bank([settings.bank], bank_cache())
    cited = Counter(Path(q.source).name for q in bank.questions if q.source)
    console = out()
    for article in articles:
        published = article.published.strftime("%Y-%m-%d %H:%M") if article.published else "—"
        details = Table.grid(padding=(0, 2))
        details.add_row(t("seeds.title"), article.title)
        details.add_row(t("seeds.publisher"), f"{article.publisher or '—'} · {published}")
        details.add_row(
            t("seeds.size"),
            t("seeds.counts", chars=len(article.text), questions=cited[article.path.name]),
        )
        console.print(article.path.name, style="bold", markup=False)
        console.print(details)
