"""How the test suite is put together: shared fixtures live in conftest.py, and importing a test module reads
no settings, so a broken config/settings.toml fails the tests that use it instead of the collection."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent

# Imports every test module and conftest.py with the settings made unreadable; prints each that fails.
IMPORT_EVERY_MODULE = r"""
import importlib.util
import os
import sys
from pathlib import Path

root, tests = Path(sys.argv[1]), Path(sys.argv[2])
sys.path[:0] = [str(root), str(tests)]
missing = tests / "no-such-settings.toml"
os.environ["UPR_MONITOR_SETTINGS"] = str(missing)

from upr_sheets.core import settings


def refuse(*args, **kwargs):
    raise RuntimeError("the settings were read while the module was imported")


settings.load_settings = refuse
settings.SETTINGS_PATH = missing
for path in sorted([*tests.rglob("test_*.py"), *tests.rglob("conftest.py")]):
    name = "imported_" + "_".join(path.relative_to(tests).with_suffix("").parts)
    spec = importlib.util.spec_from_file_location(name, path)
    module = sys.modules[name] = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except BaseException as exc:
        print(f"{path.relative_to(tests)}: {type(exc).__name__}: {exc}")
"""


def test_importing_a_test_module_reads_no_settings() -> None:
    """Settings come from the `settings` fixture or builders.default_settings(), called when a test runs."""
    done = subprocess.run([sys.executable, "-c", IMPORT_EVERY_MODULE, str(ROOT), str(TESTS)], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout == "", done.stdout


def fixtures_in(path: Path) -> set[str]:
    """Names of the functions a module decorates with @pytest.fixture."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef)
            and any("fixture" in ast.unparse(decorator) for decorator in node.decorator_list)}


def test_no_module_imports_a_fixture_by_name() -> None:
    """An imported fixture hides where it comes from (and an autouse one silently applies): use conftest.py."""
    fixtures = {path.stem: fixtures_in(path) for path in TESTS.glob("*.py")}
    imported = [f"{path.relative_to(TESTS)}: {node.module}.{alias.name}"
                for path in sorted(TESTS.rglob("*.py"))
                for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                if isinstance(node, ast.ImportFrom) and node.module in fixtures
                for alias in node.names if alias.name in fixtures[node.module]]
    assert imported == []
