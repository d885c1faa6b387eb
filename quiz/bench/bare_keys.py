"""The yardstick for a key: a bare Textual app with four option rows, where `a`–`d` mark one
(a class and the row's text changed on each row), as picking an option does in quiz."""

from textual import events
from textual.app import App, ComposeResult
from textual.widgets import Static

LABELS = "ABCD"
TITLE = "党史学习"


class BareOptions(App[None]):
    CSS = "Static.-chosen { background: $primary; text-style: bold; }"

    def compose(self) -> ComposeResult:
        yield Static(TITLE)
        for index, label in enumerate(LABELS):
            yield Static(self.line(index, False), id=f"option-{label}")

    def line(self, index: int, chosen: bool) -> str:
        return f"({'*' if chosen else ' '}) {LABELS[index]}. 选项{index + 1}"

    def on_key(self, event: events.Key) -> None:
        if event.key not in ("a", "b", "c", "d"):
            return
        picked = "abcd".index(event.key)
        for index, label in enumerate(LABELS):
            row = self.query_one(f"#option-{label}", Static)
            row.set_class(index == picked, "-chosen")
            row.update(self.line(index, index == picked))


if __name__ == "__main__":
    BareOptions().run()
