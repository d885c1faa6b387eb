"""Commands on the bank itself: validate, schema, export, seeds."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

from quiz.bank.loader import load_bank
from quiz.bank.models import Bank, QuestionType
from quiz.cli.options import force_option, shared_options
from quiz.cli.output import check_target, echo, fail, grid, say, write_file
from quiz.cli.settings import current_settings
from quiz.i18n import t
from quiz.system.paths import bank_cache

EXISTING = click.Path(exists=True, path_type=Path)


def load_reporting(paths: list[Path]) -> Bank:
    """The bank, with each of its errors printed to stderr (file:line:column: field: what)."""
    bank = load_bank(paths, bank_cache())  # unchanged files as validated before: no parsing
    for error in bank.errors:
        say(error, error=True)
    return bank


def write_or_print(
    text: str, output: Path | None, *, force: bool = False, inputs: tuple[Path, ...] = ()
) -> None:
    """To the output file (atomically; an existing one only with --force), else to stdout."""
    if output is None:
        echo(text, nl=False)
        return
    write_file(output, text, force=force, inputs=inputs)


@click.command()
@shared_options
@click.argument("targets", nargs=-1, type=EXISTING)
def validate(targets: tuple[Path, ...]) -> None:
    """Check bank files (default: the whole bank) and print a summary.

    Exit status: 0 valid, 1 errors found, 2 usage error.
    """
    bank = load_reporting(list(targets) or [current_settings().bank])
    questions = bank.questions
    say(t("cli.summary_files", files=len(bank.files), questions=len(questions)))
    by_type = Counter(q.type for q in questions)
    by_section = Counter(q.section for q in questions)
    from rich.cells import cell_len

    type_counts = "  ".join(f"{t(f'type.{kind}')} {by_type[kind]}" for kind in QuestionType)
    labels = [t("cli.by_type"), t("cli.by_section")]
    indent = max(cell_len(label) for label in labels) + 2
    say(pad(labels[0], indent) + type_counts)
    # The sections in a column, their counts right-aligned in the next.
    names = max((cell_len(section) for section in by_section), default=0) + 2
    digits = max((len(str(count)) for count in by_section.values()), default=0)
    for index, (section, count) in enumerate(by_section.items()):
        label = labels[1] if index == 0 else ""
        say(pad(label, indent) + pad(section, names) + f"{count:>{digits}}")
    if bank.errors:
        fail(t("cli.invalid", count=len(bank.errors)))
    say(t("cli.valid"), "bold green")


def pad(text: str, cells: int) -> str:
    """`text` and spaces up to `cells` terminal cells (a Chinese character takes two)."""
    from rich.cells import cell_len

    return text + " " * (cells - cell_len(text))


@click.command()
@shared_options
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path))
@force_option
def schema(output: Path | None, force: bool) -> None:
    """Print the JSON Schema of bank files (questions/schema.json is this output)."""
    from quiz.bank.schema import schema_text

    write_or_print(schema_text(), output, force=force)


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
@force_option
def export(fmt: str, output: Path | None, force: bool) -> None:
    """Print the whole bank, normalised (JSON: the shape in docs/authoring.md), or as
    Moodle GIFT or Aiken, or CSV (drafts are left out of the other formats)."""
    from quiz.bank.loader import bank_files

    bank_dir = current_settings().bank
    inputs = tuple(bank_files([bank_dir])[0])
    if output is not None:
        check_target(output, force=force, inputs=inputs)
    bank = load_reporting([bank_dir])
    if bank.errors:
        fail(t("cli.export_refused"))
    if fmt == "json":
        from quiz.bank.export import to_json

        write_or_print(to_json(bank.questions), output, force=force, inputs=inputs)
        return
    from quiz.bank.formats import EXPORTERS

    text, skipped = EXPORTERS[fmt]([q for q in bank.questions if not q.draft])
    write_or_print(text, output, force=force, inputs=inputs)
    if skipped:
        say(t("cli.export_skipped", count=len(skipped), format=fmt, ids=", ".join(skipped[:12])),
            error=True)  # fmt: skip


@click.command()
@shared_options
def seeds() -> None:
    """List the source articles and how many questions quote each."""
    from quiz.bank.seeds import list_articles
    from quiz.system import paths

    settings = current_settings()
    folder = paths.seeds_dir(settings.bank)
    articles = list_articles(folder)
    if not articles:
        fail(t("cli.no_seeds", path=folder))
    bank = load_bank([settings.bank], bank_cache())
    cited = Counter(Path(q.source).name for q in bank.questions if q.source)
    for article in articles:
        published = article.published.strftime("%Y-%m-%d %H:%M") if article.published else "—"
        say(article.path.name, "bold")
        grid([
            [t("seeds.title"), article.title],
            [t("seeds.publisher"), f"{article.publisher or '—'} · {published}"],
            [t("seeds.size"),
             t("seeds.counts", chars=len(article.text), questions=cited[article.path.name])],
        ])  # fmt: skip
