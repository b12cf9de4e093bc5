"""``--format html``: self-contained, and (when Chromium is installed) loads in a real headless browser."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from pydocklint.simulate.command import simulate_command

DOCKERFILE = """\
FROM golang:1.25 AS build
COPY . /src
RUN go build -o /out/app ./...
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/app /usr/local/bin/app
COPY <<EOF /etc/app.conf
<script>alert("not a script: escaped")</script>
EOF
"""


@pytest.fixture
def page(tmp_path: Path) -> Path:
    (tmp_path / "Dockerfile").write_text(DOCKERFILE)
    (tmp_path / "main.go").write_text("package main\n")
    out = tmp_path / "report.html"
    result = CliRunner().invoke(simulate_command, [str(tmp_path / "Dockerfile"), "--changed", "main.go",
                                                   "--format", "html", "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


def test_html_is_self_contained(page: Path) -> None:
    html = page.read_text()
    assert html.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)  # nothing fetched
    assert "<script" not in html  # the heredoc's text is escaped
    assert html.count('class="stage-bar"') == 2
    assert html.count('class="layer-row"') == 7
    assert 'class="miss"' in html and 'class="hit"' in html


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.mark.skipif(_chromium() is None, reason="Chromium is not installed (apt-get install chromium) - the "
                                                "headless-browser check of the HTML report is skipped")
def test_html_loads_in_headless_chromium(page: Path, tmp_path: Path) -> None:
    result = subprocess.run([_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                             f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr", "--v=0",
                             "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    dom = result.stdout
    assert "Image estimate:" in dom
    assert dom.count('class="layer-row"') == 7  # the browser built the table
    assert len(re.findall(r'<rect class="layer"', dom)) >= 4  # and the stacked bars
    console_errors = [line for line in result.stderr.splitlines() if "CONSOLE" in line and "ERROR" in line.upper()]
    assert console_errors == []
