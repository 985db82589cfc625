"""`streetdesk demo`, the README's first command, shows the whole loop."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_the_demo_plays_the_whole_loop(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "demo", "--keep", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    out = result.stdout
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
        "日报",
        "今日考核",
        "部门排名",
    ):
        assert seen in out, seen
    ledger = out[out.index("The ledger") :]
    assert "closed" in ledger and "reopened" in ledger
    assert "Traceback" not in (tmp_path / "bot.log").read_text()
