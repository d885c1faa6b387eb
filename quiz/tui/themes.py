"""The two themes, dark and light, tuned so every text/background pair reaches WCAG AA (4.5:1);
tests/tui/test_contrast.py checks the stylesheet's pairs and every character drawn.

Textual's own themes fall short in places (its orange accent on light grey is 1.5:1). Rich's
named colours in our texts (`green`, `red`, `yellow`) are drawn through the terminal palettes
below, chosen against these backgrounds.
"""

from __future__ import annotations

from rich.terminal_theme import TerminalTheme
from textual.theme import Theme

QUIZ_DARK = Theme(
    name="quiz-dark",
    primary="#0B5CA8",
    secondary="#004578",
    warning="#ffa62b",
    error="#ff6b8b",
    success="#4EBF71",
    accent="#ffa62b",
    foreground="#e0e0e0",
    background="#121212",
    surface="#1e1e1e",
    panel="#24292f",
    dark=True,
    variables={
        "block-cursor-background": "#003A66",
        "block-cursor-foreground": "#f0f0f0",
        "footer-key-foreground": "#ffa62b",
    },
)

QUIZ_LIGHT = Theme(
    name="quiz-light",
    primary="#0B4F8A",
    secondary="#0B5CAD",
    warning="#8A5C00",
    error="#B3261E",
    success="#2B7A2B",
    accent="#8A4500",
    foreground="#151515",
    background="#F2F2F2",
    surface="#E6E6E6",
    panel="#DADADA",
    dark=False,
    variables={
        "block-cursor-background": "#C9E1F5",
        "block-cursor-foreground": "#000000",
        "footer-key-foreground": "#0B4F8A",
    },
)

QUIZ_THEMES = (QUIZ_DARK.name, QUIZ_LIGHT.name)
THEME_FOR = {"dark": QUIZ_DARK.name, "light": QUIZ_LIGHT.name}

# Black, red, green, yellow, blue, magenta, cyan, white; then their bright forms.
ANSI_DARK = TerminalTheme(
    (18, 18, 18),
    (224, 224, 224),
    [(26, 26, 26), (255, 107, 139), (125, 206, 130), (255, 196, 87),
     (130, 170, 255), (224, 130, 255), (88, 209, 235), (220, 220, 220)],
    [(150, 150, 150), (255, 130, 155), (152, 224, 36), (255, 210, 120),
     (160, 190, 255), (235, 160, 255), (120, 220, 240), (246, 246, 239)],
)  # fmt: skip
ANSI_LIGHT = TerminalTheme(
    (242, 242, 242),
    (21, 21, 21),
    [(0, 0, 0), (179, 38, 30), (36, 110, 36), (128, 84, 0),
     (11, 79, 138), (122, 62, 157), (0, 100, 130), (90, 90, 90)],
    [(85, 85, 85), (160, 30, 30), (30, 100, 30), (115, 75, 0),
     (10, 70, 125), (110, 50, 140), (0, 90, 120), (60, 60, 60)],
)  # fmt: skip
