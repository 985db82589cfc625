"""`streetdesk demo`, the README's first command, shows the whole loop."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

DIGEST_HEADING = "Today's digest"


def demo(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "demo", *args],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env=env,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return result


@pytest.mark.slow
def test_the_demo_plays_the_whole_loop_and_leaves_no_folder_behind(tmp_path: Path) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    out = demo(env={**os.environ, "TMPDIR": str(temporary)}).stdout
    for seen in (
        "工单 #1 · 路灯故障",
        "工单 #2 · 暴露垃圾",
        "已在处理中",
        "已签收",
        "是否修好",
        "报告人确认，已结案",
        "返工",
        "未结工单 1 张",
        "已超过签收时限",
        "请交警大队负责人督办",
        "请街长督办",
        "今日考核",
        "部门排名",
    ):
        assert seen in out, seen
    # Names as Chinese people write them, in the chat and on the cards.
    assert "王老板：南纬路口路灯坏了" in out and "小李（路灯所） 已签收" in out
    assert "王 老板" not in out and "张 街长" not in out
    # The scripted morning is the conversation; the digest comes after it, once, for today.
    morning, after = out.split(DIGEST_HEADING)
    assert "日报" not in morning
    assert "日报" in after
    ledger = out[out.index("The ledger") :]
    assert "已结案" in ledger and "返工" in ledger  # the table speaks the configured language
    assert list(temporary.iterdir()) == []  # the temporary folder is gone
