"""What the reader reads and what it quotes: the same positions in three spellings."""

from __future__ import annotations

import pytest

from tickets.understanding.normalise import normalise


@pytest.mark.parametrize(
    "raw",
    [
        "Lucky Mart on 金水路 sells fake cigarettes",
        "  建设路   井盖坏了 ",
        "路灯坏了 [图片] 南纬路口",
        "😡 幸福路 垃圾 三天没人收 😡",
        "Pine St bins overflowing",
    ],
)
def test_the_three_spellings_keep_every_position(raw: str) -> None:
    message = normalise(raw)
    assert len(message.text) == len(message.display) == len(message.as_typed)


def test_a_space_next_to_chinese_is_a_comma_to_match_and_a_space_to_quote() -> None:
    message = normalise("Lucky Mart on 金水路 sells fake cigarettes")
    assert message.display == "Lucky Mart on,金水路,sells fake cigarettes"
    assert message.as_typed == "Lucky Mart on 金水路 sells fake cigarettes"
    assert message.text == message.display.lower()


def test_the_ends_are_trimmed_alike() -> None:
    message = normalise(" ,建设路 井盖坏了 , ")
    assert message.display == "建设路,井盖坏了"
    assert message.as_typed == "建设路 井盖坏了"
