"""The Dockerfile's steps without a container engine: a fresh venv, its pip install, its CMD, its HEALTHCHECK.

The test reads the Dockerfile and .dockerignore, copies the build context as `COPY . .` would, runs
every `RUN pip install …` line with a new virtual environment's pip, starts the image's CMD from that
environment (on 127.0.0.1 and a free port instead of 0.0.0.0:8501), runs the HEALTHCHECK command
against it, fetches `/`, and renders the default page over Streamlit's websocket. It takes about a
minute (most of it pip); set UPR_MONITOR_SKIP_DEPLOY_TEST=1 to skip it.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import venv
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.load_viewers import ProtocolViewer, run_async
from benchmarks.serving import free_port, http_get, streamlit_server

ROOT = Path(__file__).resolve().parent.parent
SKIP_ENV = "UPR_MONITOR_SKIP_DEPLOY_TEST"
IMAGE_PORT = "8501"

pytestmark = pytest.mark.skipif(os.environ.get(SKIP_ENV, "") not in ("", "0"), reason=f"{SKIP_ENV} is set")


def instructions(dockerfile: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of a Dockerfile, continuation lines joined, comments dropped."""
    joined, current = [], ""
    for line in dockerfile.read_text(encoding="utf-8").splitlines():
        if not current and (not line.strip() or line.lstrip().startswith("#")):
            continue
        current += line.rstrip()
        if current.endswith("\\"):
            current = current[:-1] + " "
            continue
        joined.append(current.strip())
        current = ""
    return [(text.split(None, 1)[0].upper(), text.split(None, 1)[1] if " " in text else "") for text in joined]


def exec_form(arguments: str) -> list[str]:
    """A JSON exec-form argument list (`["a", "b"]`), or a shell-form string split like a shell."""
    arguments = arguments.strip()
    return json.loads(arguments) if arguments.startswith("[") else shlex.split(arguments)


def ignore_patterns(path: Path) -> list[str]:
    """The patterns of a .dockerignore file."""
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _pattern_regex(pattern: str) -> re.Pattern[str]:
    out, i = "", 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out, i = out + "(?:.*/)?", i + 3
        elif pattern.startswith("**", i):
            out, i = out + ".*", i + 2
        elif pattern[i] == "*":
            out, i = out + "[^/]*", i + 1
        elif pattern[i] == "?":
            out, i = out + "[^/]", i + 1
        else:
            out, i = out + re.escape(pattern[i]), i + 1
    return re.compile(out)


def ignored(relative: str, patterns: list[str]) -> bool:
    """Whether Docker leaves a path out of the build context (a pattern matching a parent excludes it too)."""
    parts = relative.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    result = False
    for pattern in patterns:
        negated = pattern.startswith("!")
        regex = _pattern_regex(pattern.lstrip("!").strip("/"))
        if any(regex.fullmatch(prefix) for prefix in prefixes):
            result = not negated
    return result


def build_context(source: Path, target: Path) -> list[str]:
    """Copy what `COPY . .` would copy (the .dockerignore applied); the relative paths copied."""
    patterns = ignore_patterns(source / ".dockerignore")
    copied = []
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source).as_posix()
        if path.is_file() and not ignored(relative, patterns):
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target / relative)
            copied.append(relative)
    return copied


def test_dockerignore_rules() -> None:
    """The matcher follows Docker's rules on the patterns the project uses."""
    patterns = ["tests", "**/__pycache__", ".streamlit/secrets.toml", "*.log", "!keep.log"]
    assert ignored("tests/test_x.py", patterns)
    assert ignored("upr_sheets/__pycache__/a.pyc", patterns)
    assert ignored("__pycache__/a.pyc", patterns)
    assert ignored(".streamlit/secrets.toml", patterns)
    assert not ignored(".streamlit/config.toml", patterns)
    assert ignored("server.log", patterns) and not ignored("keep.log", patterns)
    assert not ignored("upr_sheets/tests_helper.py", patterns)


def test_image_context_keeps_the_app_and_leaves_out_secrets() -> None:
    """The build context holds what the app needs at run time and never a secrets file or a snapshot."""
    patterns = ignore_patterns(ROOT / ".dockerignore")
    for needed in ("dashboard.py", "requirements.txt", "config/settings.toml", ".streamlit/config.toml",
                   "upr_sheets/app/__init__.py", "upr_sheets/sources/demo.xlsx", "pages/overview.py"):
        assert not ignored(needed, patterns), needed
    for secret in (".streamlit/secrets.toml", ".upr-monitor/snapshots/sync-log.jsonl", ".git/config",
                   "config/share_links.json"):
        assert ignored(secret, patterns), secret


def test_image_recipe_runs_in_a_fresh_venv(tmp_path: Path) -> None:
    """RUN pip install, CMD and HEALTHCHECK of the Dockerfile, from a new venv on a copy of the build context."""
    steps = instructions(ROOT / "Dockerfile")
    kinds = [kind for kind, _ in steps]
    assert kinds[0] == "FROM" and steps[0][1].startswith("python:3.11"), "the image starts from python:3.11"
    assert "USER" in kinds and dict(steps)["USER"] not in ("root", "0"), "the app runs as a non-root user"
    assert IMAGE_PORT in dict(steps).get("EXPOSE", "").split()
    installs = [exec_form(args) for kind, args in steps if kind == "RUN" and "pip install" in args]
    assert installs and all(cmd[:2] == ["pip", "install"] for cmd in installs), installs
    health = exec_form(dict(steps)["HEALTHCHECK"].split(" CMD ", 1)[1])
    assert any("/_stcore/health" in part for part in health), health
    command = exec_form(dict(steps)["CMD"])
    assert command[:3] == ["python", "-m", "upr_sheets.app.serve"], command  # `streamlit run dashboard.py`, warmed

    app = tmp_path / "app"
    copied = build_context(ROOT, app)
    assert "dashboard.py" in copied and not any(c.startswith("tests/") for c in copied)

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    python, binaries = env_dir / "bin" / "python", env_dir / "bin"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("UPR_MONITOR_", "PYTHON", "VIRTUAL_ENV"))}
    env.update({"PATH": f"{binaries}{os.pathsep}{env.get('PATH', '')}", "PIP_DISABLE_PIP_VERSION_CHECK": "1",
                "PYTHONDONTWRITEBYTECODE": "1", "NO_PROXY": "127.0.0.1"})
    for cmd in installs:
        done = subprocess.run([str(python), "-m", *cmd], cwd=app, env=env, capture_output=True, text=True,
                              timeout=600)
        assert done.returncode == 0, f"{shlex.join(cmd)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"

    port = str(free_port())
    local = [("127.0.0.1" if part == "0.0.0.0" else port if part == IMAGE_PORT else part) for part in command]
    assert "127.0.0.1" in local and port in local, local
    with streamlit_server([str(binaries / local[0]), *local[1:]], int(port), cwd=app, env=env,
                          log=tmp_path / "server.log") as server:
        probe = [part.replace(f"127.0.0.1:{IMAGE_PORT}", f"127.0.0.1:{port}") for part in health]
        assert probe[0] == "python"
        checked = subprocess.run([str(python), *probe[1:]], env=env, capture_output=True, timeout=30)
        assert checked.returncode == 0, checked.stderr

        status, body, _ = http_get(f"{server.url}/")
        assert status == 200 and b"<html" in body.lower()

        viewer = ProtocolViewer(server.url, 0, ["overview"], interval=60, stay=0.1, timeout=60, active=Counter())
        stats = run_async(viewer.run())
        assert stats.errors == [] and len(stats.renders) == 1, stats
