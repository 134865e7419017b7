"""The README's five-minute walk-through, run verbatim by bash against a live `meishi serve`: only the
address (a free port instead of :8000) and the path of the `meishi` command are put in."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from processes import MEISHI, free_port, kill, service_env, start, wait_until_serving

README = Path(__file__).resolve().parents[2] / "README.md"


def walk_through() -> str:
    """The first shell block of the README's walk-through section."""
    text = README.read_text()
    section = text.split("## Five-minute walk-through", 1)[1].split("\n## ", 1)[0]
    found = re.search(r"```sh\n(.*?)```", section, re.S)
    assert found, "the README's walk-through has no shell block"
    return found.group(1)


def json_answers(output: str) -> list[dict]:
    """The JSON bodies curl printed one after another (without newlines between them)."""
    decoder, answers, at = json.JSONDecoder(), [], output.find("{")
    while at != -1:
        try:
            value, end = decoder.raw_decode(output, at)
        except json.JSONDecodeError:
            end = at + 1
        else:
            answers.append(value)
        at = output.find("{", end)
    return answers


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("curl") is None, reason="the walk-through uses curl")
def test_the_readme_walk_through_runs_as_written(settings, tmp_path):
    script = walk_through()
    assert "users create" in script and "/v1/follow-ups?window=overdue" in script
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = service_env(settings, MEISHI_OCR_WORKERS="1")
    log = tmp_path / "server.log"
    server = start(["serve", "--host", "127.0.0.1", "--port", str(port)], env, tmp_path, log)
    try:
        wait_until_serving(base_url, server, log)
        runnable = script.replace("http://127.0.0.1:8000", base_url).replace(".venv/bin/meishi", MEISHI)
        done = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", runnable],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        kill(server, sig=15)
    assert done.returncode == 0, done.stderr + done.stdout
    created, overdue = json_answers(done.stdout)[-2:]
    assert created["name"] == "Max Mustermann", done.stdout
    # Met on 2026-11-20 with the default delay: due before today, so the last command lists it as overdue.
    assert [(i["contact"]["id"], i["window"]) for i in overdue["items"]] == [(created["id"], "overdue")]
