"""Cases from the seventh round's independent read (the review is not kept here), each in
words of its own: a stem that opens on the article's ellipsis, and a stem that is only a scene
(在…大赛中) with no deed after it, are held back; the deed in the same sentence is still asked."""

from __future__ import annotations

from tests.author.drafting import prompts

ARTICLE = (
    "青松医院党史学习教育成果展示\n"
    "老人就医如何更方便？……12月28日，在青松医院“初心向党 为民办事”演讲比赛中，"
    "医院各党支部给出了自己的“答案”，通过视频加演讲的形式讲述了23个故事。\n"
)


def test_a_stem_opening_on_an_ellipsis_is_held_back() -> None:
    assert not any(p.startswith("…") for p in prompts(ARTICLE)), prompts(ARTICLE)


def test_a_stem_that_is_only_a_scene_is_held_back() -> None:
    asked = prompts(ARTICLE)
    assert not any(p.rstrip("。").endswith("比赛中") for p in asked), asked
    assert not any("青松医院在青松医院" in p for p in asked), asked


def test_the_deed_after_the_scene_is_still_asked() -> None:
    asked = prompts(ARTICLE)
    assert any("讲述了" in p for p in asked), asked
