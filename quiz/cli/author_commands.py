"""Commands for authors: new, derive, coverage (import lives in import_command)."""

from __future__ import annotations

import os
import re
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import click

from quiz.bank.loader import load_bank
from quiz.bank.models import QuestionType
from quiz.cli.bank_commands import load_reporting, write_or_print
from quiz.cli.options import NAME, force_option, shared_options
from quiz.cli.output import check_target, fail, say, write_file
from quiz.cli.settings import current_settings
from quiz.i18n import Plural, t

EXISTING_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)

if TYPE_CHECKING:
    from quiz.author.article import AuthorArticle
    from quiz.bank.models import Question


@click.command()
@shared_options
@click.argument("article", type=EXISTING_FILE)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--section", type=NAME, default="草稿", show_default=True,
              help="Section of the drafts.")  # fmt: skip
@click.option("--all", "everything", is_flag=True,
              help="Also the drafts derive is not sure of, tagged 待定.")  # fmt: skip
@force_option
def derive(article: Path, output: Path | None, section: str, everything: bool, force: bool) -> None:
    """Draft questions from an article (plain text, or with front matter), marked as drafts.
    An existing output file is replaced only with --force, and never when it is the article."""
    from quiz.author.derive import derive as derive_drafts
    from quiz.bank.writing import bank_file_text

    if output is not None:
        check_target(output, force=force, inputs=[article])
    parsed = read_or_fail(article)
    derived = derive_drafts(parsed, section, everything)
    drafts = derived.drafts
    base = (output.parent if output else Path.cwd()).resolve()
    source = os.path.relpath(article.resolve(), base)
    text = bank_file_text(
        drafts,
        section=section,
        source=source,
        comment=t("author.drafts_comment", title=parsed.title),
    )
    # an order draft has no answer field: its options are the answer, in order (say so)
    note = t("author.order_comment")
    text = re.sub(r"^(\s*)type: order$", lambda m: f"{m.group()}\n{m.group(1)}# {note}", text,
                  flags=re.M)  # fmt: skip
    write_or_print(text, output, force=force, inputs=(article,))
    kinds = Counter(str(d["type"]) for d in drafts)
    summary = ", ".join(f"{t(f'type.{k}')} {n}" for k, n in sorted(kinds.items()))
    say(t("author.derived", count=len(drafts), kinds=summary or "—"), error=True)
    if derived.skipped:
        reasons = ", ".join(
            t(f"author.skip.{reason}", count=n) for reason, n in derived.skipped.most_common()
        )
        say(t("author.derive_skipped", reasons=reasons), error=True)


def read_or_fail(article: Path) -> AuthorArticle:
    """The article, or a message and exit 1 (not UTF-8, not a regular file, too large)."""
    from quiz.author.article import read_article
    from quiz.system.files import FileProblem

    try:
        return read_article(article)
    except UnicodeDecodeError:
        fail(t("author.not_utf8", path=article))
    except FileProblem as problem:
        fail(t(problem.code, **problem.params))
    except OSError as exc:
        fail(t("cli.file_failed", path=article, reason=exc.strerror or exc))


@click.command()
@shared_options
@click.argument("article", required=False, type=EXISTING_FILE)
def coverage(article: Path | None) -> None:
    """Sentences of the article no question quotes, and the share covered (default: every
    article the bank cites)."""
    from quiz.author.coverage import coverage as cover
    from quiz.bank.sources import find_source
    from quiz.reports.labels import share_text

    settings = current_settings()
    bank = load_bank([settings.bank])
    by_article: dict[Path, list[Question]] = {}
    drafts: Counter[Path] = Counter()
    for bank_file in bank.files:
        located = find_source(bank_file.path, bank_file.source) if bank_file.source else None
        if located is not None:
            # Drafts are never played: their quotes cover nothing until they are published.
            quoting = by_article.setdefault(located.resolve(), [])
            quoting.extend(q for q in bank_file.questions if not q.draft)
            drafts[located.resolve()] += sum(q.draft for q in bank_file.questions)
    targets = [article.resolve()] if article else sorted(by_article)
    if not targets:
        fail(t("author.no_articles"))
    for target in targets:
        parsed = read_or_fail(target)
        result = cover(parsed, [quote for q in by_article.get(target, []) for quote in q.quotes])
        heading = t("author.coverage", title=parsed.title or target.name, covered=result.covered,
                    total=len(result.sentences), share=share_text(result.share))  # fmt: skip
        if drafts[target]:
            heading += t("author.coverage_drafts", drafts=Plural("count.drafts", drafts[target]))
        if not result.uncovered:
            say(heading, "bold")
            say("  " + t("author.all_covered"))
            continue
        say(heading + t("author.uncovered"), "bold")
        for sentence in result.uncovered:
            say(f"  {target.name}:{sentence.line}  {sentence.span.text}")


@click.command()
@shared_options
@click.option("--type", "qtype", type=click.Choice([q.value for q in QuestionType]))
@click.option("--file", "target", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--ask/--no-ask", default=None, help="Ask for the fields (default: in a terminal).")
def new(qtype: str | None, target: Path | None, ask: bool | None) -> None:
    """Append a template question with a fresh id to a bank file (asks for the fields when run
    in a terminal); once filled in, it validates."""
    from quiz.author.template import appended, ids_in, list_indent, next_id, template
    from quiz.bank.writing import bank_file_text

    settings = current_settings()
    interactive = sys.stdin.isatty() if ask is None else ask
    kind = QuestionType(qtype) if qtype else None
    if kind is None:
        kind = QuestionType(
            click.prompt(t("author.ask_type"), type=click.Choice([q.value for q in QuestionType]),
                         default="single") if interactive else "single"
        )  # fmt: skip
    target = target or settings.bank / "new.yaml"
    bank = load_bank([settings.bank])
    if target.exists():
        text = read_existing(target)
    else:
        sources = Counter(f.source for f in bank.files if f.source)
        source = sources.most_common(1)[0][0] if sources else None
        text = bank_file_text([], section=t("author.new_section"), source=source)
    has_source = "\nsource:" in f"\n{text}"
    qid = next_id(ids_in(text), (q.id for q in bank.questions))
    values = ask_fields(kind, has_source) if interactive else None
    added = appended(text, template(kind, qid, values, with_quote=has_source,
                                    indent=list_indent(text)))  # fmt: skip
    # The whole file written anew and swapped in at once: a full disk leaves it as it was.
    write_file(target, added, force=True, announce=False)
    say(t("author.appended", id=qid, path=target), error=True)
    if values:
        load_reporting([target])


def read_existing(target: Path) -> str:
    from quiz.system.files import FileProblem, read_text

    try:
        return read_text(target)
    except UnicodeDecodeError:
        fail(t("author.not_utf8", path=target))
    except FileProblem as problem:
        fail(t(problem.code, **problem.params))
    except OSError as exc:
        fail(t("cli.file_failed", path=target, reason=exc.strerror or exc))


def ask_fields(kind: QuestionType, with_quote: bool) -> dict[str, object]:
    """The question's fields, asked one by one."""
    values: dict[str, object] = {"prompt": click.prompt(t("author.ask_prompt"))}
    if kind in (QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.ORDER):
        raw = click.prompt(t("author.ask_options"))
        values["options"] = [o.strip() for o in raw.split("|") if o.strip()]
    if kind is QuestionType.SINGLE:
        values["answer"] = click.prompt(t("author.ask_answer"))
    elif kind is QuestionType.MULTIPLE:
        values["answer"] = [a.strip() for a in click.prompt(t("author.ask_answers")).split("|")]
    elif kind is QuestionType.JUDGE:
        values["answer"] = click.confirm(t("author.ask_true"))
    elif kind is QuestionType.FILL:
        blanks = click.prompt(t("author.ask_blanks")).split(";")
        values["answer"] = [[a.strip() for a in b.split("|") if a.strip()] for b in blanks]
    values["explanation"] = click.prompt(t("author.ask_explanation"))
    if with_quote:
        values["quote"] = click.prompt(t("author.ask_quote"))
    values["difficulty"] = click.prompt(t("author.ask_difficulty"), type=click.IntRange(1, 3),
                                        default=2)  # fmt: skip
    return values
