"""Imported last by `quiz serve`'s fork server (quiz.serve.spawn.PRELOAD): what every session
would otherwise build for itself is built once here and shared, then the heap is frozen.

A forked session shares its parent's pages until it writes to them. CPython's garbage collector
writes to every object it tracks when it runs (the header's reference counts and links), so each
session's first collections copied most of the preloaded modules into its own memory.
`gc.freeze()` moves everything allocated so far into a permanent generation that collections
never visit.
"""

from __future__ import annotations

import gc

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style

# The cell widths of the characters a session draws first (rich caches them per process).
_WARM = "每日答题挑战专项模拟考试错题本学习记录统计组织房间登录正确错误解析原文题单选多填空判断排序"
cell_len(_WARM)
Segment.split_cells(Segment(_WARM, Style(bold=True)), 10)
gc.collect()
gc.freeze()
