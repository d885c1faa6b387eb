"""原文: the source article, with the sentences the bank quotes marked (for authors: what is
covered and what is not)."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from quiz.author.article import AuthorArticle, read_article
from quiz.author.coverage import Coverage, coverage
from quiz.bank.seeds import find_source
from quiz.i18n import t
from quiz.tui.base import QuizScreen
from quiz.tui.widgets.wrap import WrapText

COVERED_STYLE = "green"
UNCOVERED_STYLE = "bold yellow"


def cited_articles(files: list[tuple[Path, str | None]]) -> list[Path]:
    """The articles the bank files point to, in bank order, each once."""
    seen: dict[Path, None] = {}
    for path, source in files:
        located = find_source(path, source) if source else None
        if located is not None:
            seen.setdefault(located.resolve(), None)
    return list(seen)


def paragraphs(article: AuthorArticle, result: Coverage) -> list[Text]:
    """The body as paragraphs, each sentence styled by whether a question quotes it."""
    marks = {(s.span.start, s.span.end): s.covered for s in result.sentences}
    texts: list[Text] = []
    current = Text()
    cursor = article.body_start
    for (start, end), covered in sorted(marks.items()):
        gap = article.text[cursor:start]
        if "\n" in gap and current.plain:
            texts.append(current)
            current = Text()
        current.append(gap.strip("\n"))
        current.append(article.text[start:end], style=COVERED_STYLE if covered else UNCOVERED_STYLE)
        cursor = end
    if current.plain:
        texts.append(current)
    return texts


class ArticleScreen(QuizScreen[None]):
    BINDINGS = [Binding("escape", "back", "key.back")]

    def __init__(self, path: Path | None = None) -> None:
        super().__init__()
        self.path = path
        self.loaded = False
        self.result: Coverage | None = None

    def compose(self) -> ComposeResult:
        yield Static(t("article.title"), classes="screen-title", id="article-title")
        yield Static(id="article-meta")
        yield VerticalScroll(id="article-body")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#article-body").focus()
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        bank = self.services.bank
        path = self.path or next(
            iter(cited_articles([(f.path, f.source) for f in bank.files])), None
        )
        if path is None:
            self.app.call_from_thread(self.notify, t("author.no_articles"), severity="warning")
            return
        article = read_article(path)
        quotes = [
            q.quote
            for f in bank.files
            if f.source and (found := find_source(f.path, f.source)) and found.resolve() == path
            for q in f.questions
            if q.quote
        ]
        self.app.call_from_thread(self.show, article, coverage(article, quotes))

    def show(self, article: AuthorArticle, result: Coverage) -> None:
        self.result = result
        self.query_one("#article-title", Static).update(article.title)
        meta = Text(t("article.coverage", covered=result.covered, total=len(result.sentences),
                      percent=round(100 * result.share)))  # fmt: skip
        meta.append("   ")
        meta.append(t("article.covered"), style=COVERED_STYLE)
        meta.append("  ")
        meta.append(t("article.uncovered"), style=UNCOVERED_STYLE)
        self.query_one("#article-meta", Static).update(meta)
        body = self.query_one("#article-body", VerticalScroll)
        body.mount_all(
            WrapText(paragraph, classes="paragraph") for paragraph in paragraphs(article, result)
        )
        self.loaded = True

    def action_back(self) -> None:
        self.dismiss()
