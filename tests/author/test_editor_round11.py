"""Cases from the tenth round's unseen set (its review is not kept here), each in words of its
own: a place is never named twice running where the subject is put before a post that names it
again."""

from __future__ import annotations

from tests.author.drafting import prompts


def test_a_post_that_names_the_subjects_own_town_names_it_once() -> None:
    text = (
        "青石县柳岸镇建起书屋\n"
        "近日，青石县柳岸镇东坡村建起了党史书屋，村民常来读书。\n"
        "“书屋让村民学得进去。”柳岸镇党委书记周明远说，下一步将在全镇推广。\n"
    )
    asked = prompts(text, everything=True)
    assert not any("柳岸镇柳岸镇" in p for p in asked), asked
    assert "青石县柳岸镇党委书记是____。" in asked, asked


def test_a_stem_opening_with_words_that_point_back_is_held_back() -> None:
    text = (
        "记者讲述一段往事\n"
        "往年冬天来得早，山里下了一场大雪。\n"
        "该工区党支部结合生产实际，扎实开展“三步走”读书活动，推进学习。\n"
    )
    assert not any(p.startswith("该") for p in prompts(text)), prompts(text)
    assert any(p.startswith("该") for p in prompts(text, everything=True))
