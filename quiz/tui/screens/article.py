"""原文: the article reader. Parts (paragraphs) to jump between, `/` to search, a sentence cursor,
the sentences the bank quotes marked, and "quiz me on this" for the sentence under the cursor.
Feedback's "show in article" opens it at the quoted sentence."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input

from quiz.author.article import AuthorArticle, Span, read_article
from quiz.author.coverage import Coverage, coverage, covered_offsets
from quiz.bank.models import Question
from quiz.bank.sources import find_source
from quiz.i18n import t
from quiz.reports.labels import share_text
from quiz.tui.base import QuizScreen
from quiz.tui.messages import Practise, Result, Warn
from quiz.tui.widgets.keybar import KeyBar
from quiz.tui.widgets.plain import Plain
from quiz.tui.widgets.wrap import WrapText, wrap_text


@dataclass(repr=False, eq=False)
class ArticleLoaded(Result):
    article: AuthorArticle
    coverage: Coverage
    questions: list[Question]


COVERED_STYLE = "green"
UNCOVERED_STYLE = "yellow"
CURSOR_STYLE = "reverse"
MATCH_STYLE = "bold underline"


def cited_articles(files: list[tuple[Path, str | None]]) -> list[Path]:
    """The articles the bank files point to, in bank order, each once."""
    seen: dict[Path, None] = {}
    for path, source in files:
        located = find_source(path, source) if source else None
        if located is not None:
            seen.setdefault(located.resolve(), None)
    return list(seen)


@dataclass(frozen=True, slots=True)
class Part:
    """A paragraph: its sentences (indexes into the article's sentence list)."""

    first: int
    last: int


def parts_of(article: AuthorArticle, sentences: list[Span]) -> list[Part]:
    parts: list[Part] = []
    first = 0
    for index in range(1, len(sentences) + 1):
        ends = index == len(sentences)
        if ends or "\n" in article.text[sentences[index - 1].end : sentences[index].start]:
            parts.append(Part(first, index - 1))
            first = index
    return parts


class ArticleBody(VerticalScroll, can_focus=False):
    """The article: scrolled by the sentence cursor (keys) or the mouse, never on its own by
    ↑/↓, so the cursor cannot leave the screen."""


class ArticleScreen(QuizScreen[None]):
    AUTO_FOCUS = ""  # the keys belong to the screen; the search field only when opened
    KEY_HELP = (
        ("↑↓  j / k", "help.article.move"),
        ("PgUp / PgDn", "help.article.page"),
        ("N / P", "help.article.part"),
        ("/  Enter", "help.article.search"),
        ("Q", "help.article.quiz"),
        ("Esc", "help.article.back"),
    )
    BINDINGS = [
        # ↑/↓ move the sentence cursor (one hint for both); priority, so the search field's
        # focus does not take them.
        Binding("down,j", "move(1)", "key.sentences", key_display="↑↓", priority=True),
        Binding("up,k", "move(-1)", "key.prev_sentence", show=False, priority=True),
        Binding("pagedown", "page(1)", "key.page_down", show=False),
        Binding("pageup", "page(-1)", "key.page_up", show=False),
        Binding("n", "part(1)", "key.next_part"),
        Binding("p", "part(-1)", "key.prev_part"),
        Binding("slash", "search", "key.search"),
        Binding("q", "quiz_me", "key.quiz_me"),
        Binding("escape", "back", "key.back"),
    ]

    def __init__(self, path: Path | None = None, focus_quote: str | None = None) -> None:
        super().__init__()
        self.path = path
        self.focus_quote = focus_quote
        self.loaded = False
        self.article: AuthorArticle | None = None
        self.result: Coverage | None = None
        self.parts: list[Part] = []
        self.cursor = 0
        self.query_text = ""
        self.questions: list[Question] = []
        self.byline = ""

    def compose(self) -> ComposeResult:
        yield Plain(t("article.title"), classes="screen-title", id="article-title")
        yield Plain(id="article-meta")
        yield ArticleBody(id="article-body")
        yield Input(placeholder=t("article.search"), id="article-search")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#article-search").display = False
        self.watch(self.query_one(ArticleBody), "scroll_y", self.follow_scroll, init=False)
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load(self) -> None:
        bank = self.services.library.bank
        path = self.path or next(
            iter(cited_articles([(f.path, f.source) for f in bank.files])), None
        )
        if path is None:
            self.app.post_message(Warn("author.no_articles"))
            return
        path = path.resolve()
        article = read_article(path)
        questions = [
            q
            for f in bank.files
            if f.source and (found := find_source(f.path, f.source)) and found.resolve() == path
            for q in f.questions
            if q.quote and not q.draft
        ]
        result = coverage(article, [quote for q in questions for quote in q.quotes])
        from quiz.bank.seeds import load_article

        meta = load_article(path)  # publisher and date, from the metadata file beside it
        published = meta.published.strftime("%Y-%m-%d %H:%M") if meta.published else ""
        self.byline = " · ".join(part for part in (meta.publisher, published) if part)
        self.post_message(ArticleLoaded(article, result, questions))

    def on_article_loaded(self, message: ArticleLoaded) -> None:
        self.show(message.article, message.coverage, message.questions)

    def show(self, article: AuthorArticle, result: Coverage, questions: list[Question]) -> None:
        self.article, self.result, self.questions = article, result, questions
        sentences = [s.span for s in result.sentences]
        self.parts = parts_of(article, sentences)
        self.query_one("#article-title", Plain).update(article.title)
        meta = Text(f"{self.byline}   " if self.byline else "")
        meta.append(t("article.coverage", covered=result.covered, total=len(sentences),
                      share=share_text(result.share)))  # fmt: skip
        meta.append("   ")
        meta.append(t("article.covered"), style=COVERED_STYLE)
        meta.append("  ")
        meta.append(t("article.uncovered"), style=UNCOVERED_STYLE)
        self.query_one("#article-meta", Plain).update(meta)
        body = self.query_one(ArticleBody)
        body.mount_all(WrapText(classes="paragraph") for _ in self.parts)
        if self.focus_quote:
            self.cursor = self.sentence_holding(self.focus_quote)
        self.draw()
        self.loaded = True

    # -- drawing ------------------------------------------------------------------------------

    def part_of(self, sentence: int) -> int:
        return next(i for i, p in enumerate(self.parts) if p.first <= sentence <= p.last)

    def paragraph(self, index: int) -> Text:
        assert self.article is not None and self.result is not None
        part = self.parts[index]
        text = Text()
        matches = covered_offsets(self.article.text, [self.query_text]) if self.query_text else []
        for number in range(part.first, part.last + 1):
            entry = self.result.sentences[number]
            span = entry.span
            style = COVERED_STYLE if entry.covered else UNCOVERED_STYLE
            if number == self.cursor:
                style = f"{style} {CURSOR_STYLE}"
            piece = Text(span.text, style=style)
            for offset in range(span.start, span.end):
                if matches and matches[offset]:
                    piece.stylize(MATCH_STYLE, offset - span.start, offset - span.start + 1)
            text.append_text(piece)
        return text

    def draw(self, only: set[int] | None = None, scroll: bool = True) -> None:
        widgets = list(self.query(".paragraph").results(WrapText))
        for index, widget in enumerate(widgets):
            if only is None or index in only:
                widget.update(self.paragraph(index))
        if scroll:
            self.call_after_refresh(self.scroll_to_cursor)

    def sentence_top(self, sentence: int) -> int:
        """The line (in the body's scrolled content) where a sentence starts."""
        assert self.result is not None
        index = self.part_of(sentence)
        widget = list(self.query(".paragraph").results(WrapText))[index]
        part = self.parts[index]
        before = Text("".join(
            self.result.sentences[n].span.text for n in range(part.first, sentence)
        ))  # fmt: skip
        line = len(wrap_text(before, max(1, widget.content_region.width)).split("\n")) - 1
        return widget.virtual_region.y + line

    def in_view(self, line: int) -> bool:
        body = self.query_one(ArticleBody)
        return body.scroll_y <= line < body.scroll_y + body.scrollable_content_region.height

    def scroll_to_cursor(self) -> None:
        if not self.parts or self.result is None:
            return
        top = self.sentence_top(self.cursor)
        if not self.in_view(top):
            self.query_one(ArticleBody).scroll_to(y=max(0, top - 2), animate=False)

    def follow_scroll(self) -> None:
        """Scrolled away (the mouse wheel): the cursor moves to a sentence in view, so `Q`
        never quizzes one the reader cannot see."""
        if not self.parts or self.result is None or self.in_view(self.sentence_top(self.cursor)):
            return
        count = len(self.result.sentences)
        shown = [n for n in range(count) if self.in_view(self.sentence_top(n))]
        if shown:
            below = self.sentence_top(self.cursor) >= self.query_one(ArticleBody).scroll_y
            self.move_cursor(shown[-1] if below else shown[0], scroll=False)

    # -- keys -------------------------------------------------------------------------------

    def move_cursor(self, sentence: int, scroll: bool = True) -> None:
        if self.result is None or not self.result.sentences:
            return
        sentence = max(0, min(sentence, len(self.result.sentences) - 1))
        changed = {self.part_of(self.cursor), self.part_of(sentence)}
        self.cursor = sentence
        self.draw(changed, scroll=scroll)

    def action_move(self, step: int) -> None:
        self.move_cursor(self.cursor + step)

    def action_page(self, step: int) -> None:
        """PgUp/PgDn: the view moves a page and the cursor with it."""
        if self.result is None or not self.result.sentences:
            return
        body = self.query_one(ArticleBody)
        target = self.sentence_top(self.cursor) + step * max(
            1, body.scrollable_content_region.height - 2
        )
        count = len(self.result.sentences)
        order = range(count) if step > 0 else range(count - 1, -1, -1)
        fits = [n for n in order if (self.sentence_top(n) >= target) == (step > 0)]
        self.move_cursor(fits[0] if fits else (count - 1 if step > 0 else 0))

    def action_part(self, step: int) -> None:
        if self.parts:
            index = max(0, min(self.part_of(self.cursor) + step, len(self.parts) - 1))
            self.move_cursor(self.parts[index].first)

    def action_search(self) -> None:
        field = self.query_one("#article-search", Input)
        field.display = True
        self.add_class("-searching")  # toasts move up, off the search field
        field.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter jumps to the next sentence holding the text; again, to the one after."""
        if self.result is None:
            return
        needle = event.value.strip()
        self.query_text = needle
        sentences = self.result.sentences
        count = len(sentences)
        for step in range(1, count + 1):
            number = (self.cursor + step) % count
            if needle and needle.casefold() in sentences[number].span.text.casefold():
                self.cursor = number
                break
        else:
            self.notify(t("article.not_found", text=needle), timeout=3)
        self.draw()

    def sentence_holding(self, quote: str) -> int:
        assert self.article is not None and self.result is not None
        marks = covered_offsets(self.article.text, [quote])
        for number, entry in enumerate(self.result.sentences):
            if any(marks[entry.span.start : entry.span.end]):
                return number
        return 0

    def questions_here(self) -> list[Question]:
        if self.article is None or self.result is None:
            return []
        span = self.result.sentences[self.cursor].span
        found = []
        for question in self.questions:
            marks = covered_offsets(self.article.text, question.quotes)
            if any(marks[span.start : span.end]):
                found.append(question)
        return found

    def action_quiz_me(self) -> None:
        questions = self.questions_here()
        if not questions:
            self.notify(t("article.no_questions"), timeout=3)
            return
        self.post_message(Practise([q.id for q in questions], study=True))

    def action_back(self) -> None:
        field = self.query_one("#article-search", Input)
        if field.display:  # Esc first closes the search
            field.display = False
            self.remove_class("-searching")
            self.set_focus(None)
            return
        self.dismiss()
