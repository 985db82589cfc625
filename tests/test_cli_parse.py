"""`streetdesk parse --explain`: each reading with what decided it, as a person checking the
reader (or the office deciding whether to trust it) would run it."""

from __future__ import annotations

import json

from tests.test_cli import streetdesk


def explained(*messages: dict[str, object]) -> list[dict[str, object]]:
    stdin = "".join(json.dumps(m, ensure_ascii=False) + "\n" for m in messages)
    result = streetdesk("parse", "--explain", stdin=stdin)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_a_report_says_what_decided_its_intent_category_and_place() -> None:
    [report] = explained({"text": "胜利路8号门口路灯不亮", "has_photo": True})
    assert (report["intent"], report["category"], report["location"]) == (
        "report",
        "streetlight",
        "胜利路8号",
    )
    why = report["why"]
    assert isinstance(why, dict)
    for field, value in (("intent", "report"), ("category", "streetlight"), ("place", "胜利路8号")):
        decision = why[field]
        assert decision["value"] == value
        assert 0.5 < decision["confidence"] <= 1.0
        assert decision["source"] and decision["detail"]


def test_a_reply_is_read_in_its_context_and_chatter_has_no_category() -> None:
    fixed, chatter = explained(
        {"text": "已修好", "role": "liaison", "replying_to_ticket": True},
        {"text": "今天天气不错，大家吃了吗"},
    )
    assert fixed["intent"] == "resolved" and fixed["why"]["intent"]["value"] == "resolved"
    assert fixed["why"]["category"] is None
    assert chatter["intent"] == "none" and chatter["why"]["place"] is None


def test_a_bad_context_value_is_an_error_for_that_line_only() -> None:
    bad, good = explained(
        {"text": "已修好", "replying_to_ticket": "yes"}, {"text": "胜利路8号路灯不亮"}
    )
    assert bad == {"error": '"replying_to_ticket" must be true or false'}
    assert good["intent"] == "report" and "why" in good
