"""党史学习 quiz: a terminal quiz and study tool over a YAML question bank."""

__version__ = "0.1.0"
