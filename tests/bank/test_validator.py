"""Each kind of bad bank input is refused with its own message, naming file, line and field."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from quiz.bank.loader import load_bank
from quiz.bank.models import BankError, QuestionType
from quiz.bank.yamlsafe import MAX_FILE_BYTES
from tests.conftest import BankWriter

HEADER = """\
# yaml-language-server: $schema=schema.json
source: seeds/mini.txt
section: 测试
questions:
"""

GOOD = """\
  - id: t-001
    type: single
    prompt: 开展了几次集体学习？
    options: [6次, 8次, 10次]
    answer: 8次
    explanation: 市委开展8次集体学习。
    quote: 市委开展8次集体学习
    tags: [数字]
    difficulty: 1
"""


def errors_of(path: Path) -> list[BankError]:
    return load_bank([path.parent]).errors


def only_error(path: Path) -> BankError:
    errors = errors_of(path)
    assert len(errors) == 1, [str(e) for e in errors]
    return errors[0]


def test_good_file_is_valid(write_bank: BankWriter) -> None:
    path = write_bank("good.yaml", HEADER + GOOD)
    bank = load_bank([path.parent])
    assert bank.errors == []
    [question] = bank.questions
    assert question.answer == ("8次",)
    assert question.line == 5
    assert question.section == "测试"


@pytest.mark.parametrize(
    ("body", "code", "line", "field"),
    [
        (GOOD.replace("answer: 8次", "answer: 9次"), "bank.answer_not_option", 9, "answer"),
        (
            GOOD.replace("[6次, 8次, 10次]", "[6次, 8次, 8次]"),
            "bank.duplicate_option",
            8,
            "options[2]",
        ),
        (GOOD.replace("difficulty: 1", "difficulty: hard"), "bank.wrong_type", 13, "difficulty"),
        (GOOD.replace("difficulty: 1", "difficulty: 5"), "bank.difficulty_range", 13, "difficulty"),
        (
            GOOD.replace("explanation:", "explaination:"),
            "bank.unknown_key_hint",
            10,
            "explaination",
        ),
        (GOOD.replace("    prompt: 开展了几次集体学习？\n", ""), "bank.missing_field", 5, None),
        (GOOD.replace("type: single", "type: essay"), "bank.bad_type", 6, "type"),
        (GOOD.replace("id: t-001", "id: 't 001'"), "bank.bad_id", 5, "id"),
        (GOOD.replace("tags: [数字]", "tags: 数字"), "bank.wrong_type", 12, "tags"),
        (
            GOOD.replace("options: [6次, 8次, 10次]", "options: [8次]"),
            "bank.option_count",
            8,
            "options",
        ),
        (GOOD.replace("    quote: 市委开展8次集体学习\n", ""), "bank.quote_required", 5, None),
    ],
)
def test_bad_field_is_named(
    write_bank: BankWriter, body: str, code: str, line: int, field: str | None
) -> None:
    error = only_error(write_bank("bad.yaml", HEADER + body))
    assert error.code == code
    assert (error.file.endswith("bad.yaml"), error.line) == (True, line)
    if field is not None:
        assert error.field == f"questions[0].{field}"
    assert "bad.yaml:" in str(error)


def test_unknown_key_suggests_the_right_one(write_bank: BankWriter) -> None:
    error = only_error(
        write_bank("typo.yaml", HEADER + GOOD.replace("explanation:", "explaination:"))
    )
    assert "explaination" in error.message and "explanation" in error.message


JUDGE = """\
  - id: t-002
    type: judge
    prompt: 市委开展了8次集体学习。
    answer: {answer}
    explanation: 原文如此。
    quote: 市委开展8次集体学习
"""


def test_judge_answer_must_be_true_or_false(write_bank: BankWriter) -> None:
    error = only_error(write_bank("judge.yaml", HEADER + JUDGE.format(answer="正确")))
    assert (error.code, error.line, error.field) == ("bank.judge_answer", 8, "questions[0].answer")


def test_judge_question_reads_as_true_false(write_bank: BankWriter) -> None:
    bank = load_bank([write_bank("judge.yaml", HEADER + JUDGE.format(answer="false")).parent])
    [question] = bank.questions
    assert (question.options, question.answer) == (("正确", "错误"), ("错误",))


FILL = """\
  - id: t-003
    type: fill
    prompt: 市委开展____次集体学习，完成宣讲____场。
    answer: {answer}
    explanation: 原文如此。
    quote: 市委开展8次集体学习,完成宣讲190场
"""


def test_fill_answers_must_match_blanks(write_bank: BankWriter) -> None:
    error = only_error(write_bank("fill.yaml", HEADER + FILL.format(answer='["8"]')))
    assert (error.code, error.line) == ("bank.fill_blanks", 8)
    assert "2" in error.message and "1" in error.message


def test_fill_alternatives_are_kept(write_bank: BankWriter) -> None:
    path = write_bank("fill.yaml", HEADER + FILL.format(answer='[["8", "八"], "190"]'))
    [question] = load_bank([path.parent]).questions
    assert question.answer == ("8", "190")
    assert question.accepted == (("8", "八"), ("190",))


ORDER = """\
  - id: t-004
    type: order
    prompt: 排列。
    options: [{items}]
    explanation: 原文如此。
    quote: 市委开展8次集体学习
"""


def test_order_needs_three_items(write_bank: BankWriter) -> None:
    error = only_error(write_bank("order.yaml", HEADER + ORDER.format(items="甲, 乙")))
    assert (error.code, error.line, error.field) == ("bank.order_items", 8, "questions[0].options")


def test_order_answer_is_the_written_order(write_bank: BankWriter) -> None:
    path = write_bank("order.yaml", HEADER + ORDER.format(items="甲, 乙, 丙"))
    [question] = load_bank([path.parent]).questions
    assert question.type is QuestionType.ORDER
    assert question.answer == ("甲", "乙", "丙")


def test_multiple_answer_outside_options(write_bank: BankWriter) -> None:
    body = GOOD.replace("type: single", "type: multiple").replace(
        "answer: 8次", "answer: [8次, 9次]"
    )
    error = only_error(write_bank("multi.yaml", HEADER + body))
    assert (error.code, error.line, error.field) == (
        "bank.answer_not_option",
        9,
        "questions[0].answer[1]",
    )


def test_same_id_twice_names_both_places(write_bank: BankWriter) -> None:
    write_bank("a.yaml", HEADER + GOOD)
    path = write_bank("b.yaml", HEADER.replace("测试", "另一") + "\n" + GOOD)
    error = only_error(path)
    assert error.code == "bank.duplicate_id"
    assert error.file.endswith("b.yaml") and error.line == 6
    assert "a.yaml:5" in error.message


def test_quote_must_be_verbatim(write_bank: BankWriter) -> None:
    body = GOOD.replace("quote: 市委开展8次集体学习", "quote: 市委开展八次集体学习")
    error = only_error(write_bank("quote.yaml", HEADER + body))
    assert (error.code, error.line, error.field) == ("bank.quote_not_found", 11, "quote")


def test_a_quote_may_be_a_list_of_spans(write_bank: BankWriter) -> None:
    body = GOOD.replace("quote: 市委开展8次集体学习", "quote: [市委开展8次集体学习, 完成宣讲190场]")
    bank = load_bank([write_bank("quotes.yaml", HEADER + body).parent])
    assert bank.errors == []
    [question] = bank.questions
    assert question.quotes == ("市委开展8次集体学习", "完成宣讲190场")
    assert question.quote == "市委开展8次集体学习"


def test_each_span_of_a_quote_list_must_be_verbatim(write_bank: BankWriter) -> None:
    spans = "quote:\n      - 市委开展8次集体学习\n      - 完成宣讲191场"
    body = GOOD.replace("quote: 市委开展8次集体学习", spans)
    error = only_error(write_bank("quotes.yaml", HEADER + body))
    assert (error.code, error.line, error.field) == ("bank.quote_not_found", 13, "quote[1]")


@pytest.mark.parametrize(
    ("quote", "code", "field"),
    [
        ("[]", "bank.empty_quotes", "questions[0].quote"),
        ("[市委, 8]", "bank.wrong_type", "questions[0].quote[1]"),
    ],
)
def test_a_quote_list_needs_spans_of_text(
    write_bank: BankWriter, quote: str, code: str, field: str
) -> None:
    body = GOOD.replace("quote: 市委开展8次集体学习", f"quote: {quote}")
    error = only_error(write_bank("quotes.yaml", HEADER + body))
    assert (error.code, error.line, error.field) == (code, 11, field)


def test_quote_whitespace_is_ignored(write_bank: BankWriter) -> None:
    body = GOOD.replace("quote: 市委开展8次集体学习", "quote: 市委 开展8次 集体学习")
    assert errors_of(write_bank("quote.yaml", HEADER + body)) == []


def test_quote_with_full_width_comma_gets_a_hint(write_bank: BankWriter) -> None:
    body = FILL.format(answer='["8", "190"]').replace("学习,完成", "学习，完成")
    error = only_error(write_bank("quote.yaml", HEADER + body))
    assert error.code == "bank.quote_width"


def test_missing_source_file(write_bank: BankWriter) -> None:
    path = write_bank("nosrc.yaml", HEADER.replace("seeds/mini.txt", "seeds/gone.txt") + GOOD)
    error = only_error(path)
    assert (error.code, error.line, error.field) == ("bank.source_missing", 2, "source")
    assert "seeds/gone.txt" in error.message


def test_yaml_syntax_error_names_the_line(write_bank: BankWriter) -> None:
    error = only_error(
        write_bank("syntax.yaml", HEADER + GOOD.replace("[6次, 8次, 10次]", "[6次, 8次"))
    )
    assert error.code == "bank.yaml_open_bracket"
    assert error.line == 8  # where the bracket opens


NEXT = GOOD.replace("t-001", "t-002")


@pytest.mark.parametrize(
    ("old", "new", "code", "line", "says"),
    [
        # A quote left open: where it opens, not at the end of the file.
        (
            "prompt: 开展了几次集体学习？",
            'prompt: "开展了几次集体学习？',
            "bank.yaml_open_quote",
            7,
            "引号",
        ),
        # A bracket left open: where it opens.
        ("[6次, 8次, 10次]", "[6次, 8次, 10次", "bank.yaml_open_bracket", 8, "["),
        # A field indented deeper than the one above it (a plain value goes on).
        ("    explanation:", "      explanation:", "bank.yaml_colon", 10, "缩进"),
        # A field indented deeper after a list.
        ("    answer:", "     answer:", "bank.yaml_indent", 9, "缩进"),
        # A field indented less than the others of its question.
        ("    answer:", "   answer:", "bank.yaml_indent", 9, "缩进"),
        ("    answer:", "\tanswer:", "bank.yaml_tab", 9, "Tab"),
        ("answer: 8次", "answer: @8次", "bank.yaml_start", 9, "@"),
        ("answer: 8次", "answer: 8次: 十次", "bank.yaml_colon", 9, "引号"),
        ("prompt: 开展了几次", 'prompt: "开展了\\q几次', "bank.yaml_escape", 7, "反斜杠"),
    ],
)
def test_yaml_mistakes_are_named_where_they_start_in_the_ui_s_language(
    write_bank: BankWriter, old: str, new: str, code: str, line: int, says: str
) -> None:
    from quiz import i18n

    body = HEADER + GOOD.replace(old, new, 1) + "\n" + NEXT
    error = only_error(write_bank("mistake.yaml", body))
    assert (error.code, error.line) == (code, line), str(error)
    i18n.set_language("zh")
    said = error.message
    assert says in said
    # PyYAML's own English never reaches the Chinese UI.
    assert not any(word in said for word in ("found", "expected", "mapping", "while", "allowed"))
    i18n.set_language("en")
    assert error.message.isascii() or says in error.message


def test_non_utf8_file(write_bank: BankWriter) -> None:
    path = write_bank("gbk.yaml", "")
    path.write_bytes((HEADER + GOOD).encode("gbk"))
    error = only_error(path)
    assert error.code == "bank.not_utf8"
    assert error.line == 3  # 测试 in the section line is the first non-UTF-8 byte


def test_anchors_and_aliases_are_refused_fast(write_bank: BankWriter) -> None:
    laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        prev = chr(ord("a") + level - 1)
        name = chr(ord("a") + level)
        laughs.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    path = write_bank("laughs.yaml", "\n".join(laughs) + "\n")
    started = time.process_time()  # CPU time: the same on a busy machine
    error = only_error(path)
    assert time.process_time() - started < 1.0
    assert (error.code, error.line, error.column) == ("bank.anchor", 1, 4)


def test_absurdly_large_file(write_bank: BankWriter) -> None:
    path = write_bank("huge.yaml", "")
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    error = only_error(path)
    assert (error.code, error.line) == ("bank.too_large", 1)


def test_duplicate_key_in_a_question(write_bank: BankWriter) -> None:
    error = only_error(write_bank("dupkey.yaml", HEADER + GOOD + "    difficulty: 2\n"))
    assert (error.code, error.line) == ("bank.duplicate_key", 14)


def test_all_errors_are_reported_at_once(write_bank: BankWriter) -> None:
    body = GOOD.replace("answer: 8次", "answer: 9次") + GOOD.replace("t-001", "t-002").replace(
        "difficulty: 1", "difficulty: 7"
    )
    errors = errors_of(write_bank("many.yaml", HEADER + body))
    assert sorted(e.code for e in errors) == ["bank.answer_not_option", "bank.difficulty_range"]


def test_valid_questions_of_a_broken_file_still_load(write_bank: BankWriter) -> None:
    body = GOOD + GOOD.replace("t-001", "t-002").replace("answer: 8次", "answer: 9次")
    bank = load_bank([write_bank("half.yaml", HEADER + body).parent])
    assert [q.id for q in bank.questions] == ["t-001"]
    assert len(bank.errors) == 1


def run_quiz(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quiz", "--lang", "en", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=30,
    )


def test_cli_validate_reports_file_line_and_exits_1(write_bank: BankWriter) -> None:
    path = write_bank("bad.yaml", HEADER + GOOD.replace("answer: 8次", "answer: 9次"))
    result = run_quiz("validate", str(path), cwd=path.parent.parent)
    assert result.returncode == 1
    assert (
        "questions/bad.yaml:9:13: questions[0].answer: answer “9次” is not one of the options"
        in (result.stderr)
    )
    assert "Traceback" not in result.stderr + result.stdout


def test_cli_validate_usage_error_exits_2(tmp_path: Path) -> None:
    result = run_quiz("validate", str(tmp_path / "nope.yaml"), cwd=tmp_path)
    assert result.returncode == 2
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_sentence_around_a_quote() -> None:
    from quiz.bank.seeds import sentence_around

    text = "开头一句。市委开展8次集体学习,完成宣讲190场。结尾。"
    assert sentence_around(text, "完成宣讲190场") == ("市委开展8次集体学习,", "完成宣讲190场", "。")
    assert sentence_around(text, "结尾。") == ("", "结尾。", "")
    assert sentence_around(text, "不存在") is None


def test_fast_loader_reads_exactly_as_the_safe_loader() -> None:
    import yaml
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from quiz.bank.yamlsafe import compose, to_python
    from tests.conftest import BANK

    for path in sorted(BANK.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        node = compose(text)
        assert node is not None
        assert to_python(node) == yaml.load(text, Loader=yaml.CSafeLoader)  # noqa: TID251

    scalars = st.sampled_from(
        ["true", "True", "no", "yes", "on", "off", "null", "~", "", "12", "0x1f", "1_000", "1.5",
         ".inf", "-.5", "2024-01-01", "八次", "中文 true", "8次", "=", "<<"]
    )  # fmt: skip

    def tags(node: Any) -> list[str]:
        if isinstance(node.value, list):
            return [
                tag
                for child in node.value
                for tag in tags(child[1] if isinstance(child, tuple) else child)
            ]
        return [node.tag]

    @settings(max_examples=60)
    @given(st.lists(scalars, min_size=1, max_size=5))
    def same(values: list[str]) -> None:
        text = "".join(f"k{i}: {v}\n" for i, v in enumerate(values))
        assert tags(compose(text)) == tags(yaml.compose(text, Loader=yaml.CSafeLoader))

    same()


def test_cli_validate_lists_the_sections_with_their_counts_in_a_column() -> None:
    from click.testing import CliRunner
    from rich.cells import cell_len

    from quiz.cli.main import cli

    result = CliRunner().invoke(cli, ["--lang", "zh", "validate"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("按板块"))
    rows = [line for line in lines[start:] if not line.startswith("✓")]
    assert len(rows) == 6
    assert all(line == line.rstrip() for line in rows)  # no padding left at the ends
    assert {cell_len(line) for line in rows} == {cell_len(rows[0])}  # counts end in one column
    assert [line.split()[-1] for line in rows] == ["7", "24", "23", "11", "19", "16"]
