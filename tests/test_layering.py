"""The import rules of the code layout, read from the source with the standard library's `ast`.

The folders of `upr_sheets/` follow the pipeline (README, "How the code is laid out"): core → sources →
checks → sync → analysis → access → outputs → authoring → app → cli. A module may import from its own
layer and from the layers before it, never from a later one; only `sources/` knows gspread and Google's
client libraries; only `app/`, `pages/` and `dashboard.py` import Streamlit; and no two modules import each
other, directly or through others, even inside a function.

`ast` is enough here (no third-party import linter): the rules are about this package's own modules, which
are found by walking the tree, and every import, at module level or in a function, is a node to read.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "upr_sheets"
LAYERS = ("core", "sources", "checks", "sync", "analysis", "access", "outputs", "authoring", "app", "cli")
ENTRY = "__main__"  # `python3 -m upr_sheets`: runs the command line, so it stands with cli
GOOGLE = ("gspread", "google")  # the Google Sheets client and its authentication library
STREAMLIT_ALLOWED = ("upr_sheets/app/", "pages/", "dashboard.py")


def module_name(path: Path) -> str:
    """`upr_sheets/checks/validate.py` → `upr_sheets.checks.validate`; a package's `__init__` is the package."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_files() -> list[Path]:
    """Every Python file of the package, the pages and the dashboard."""
    files = sorted((ROOT / PACKAGE).rglob("*.py")) + sorted((ROOT / "pages").glob("*.py"))
    return [*files, ROOT / "dashboard.py"]


MODULES = {module_name(p): p for p in (ROOT / PACKAGE).rglob("*.py")}


def imports(path: Path, text: str | None = None) -> Iterator[tuple[int, str]]:
    """(line, absolute module name) of every import in the file, at any depth; `from a import b` gives `a.b`
    when that is a module of the package, else `a`."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    source = path.read_text(encoding="utf-8") if text is None else text
    for node in ast.walk(ast.parse(source, str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                full = f"{target}.{alias.name}"
                yield node.lineno, full if full in MODULES else target


def layer(module: str) -> str | None:
    """The pipeline layer of a module of the package (None for the package itself)."""
    parts = module.split(".")
    if len(parts) < 2:
        return None
    return "cli" if parts[1] == ENTRY else parts[1]


def internal_edges() -> list[tuple[str, str, int]]:
    """(importer, imported, line) between modules of the package."""
    edges = []
    for module, path in MODULES.items():
        for line, target in imports(path):
            while target and target not in MODULES:  # `upr_sheets.core.model.Dataset` → its module
                target = target.rpartition(".")[0]
            if target and target != module and target != PACKAGE:
                edges.append((module, target, line))
    return edges


def test_the_tree_reads_as_the_pipeline():
    top = {p.name for p in (ROOT / PACKAGE).iterdir() if p.name != "__pycache__"}
    expected = {f"{name}.py" if name == "sync" else name for name in LAYERS} | {"__init__.py", f"{ENTRY}.py"}
    assert top == expected, f"upr_sheets/ should hold the pipeline's folders only; found {sorted(top ^ expected)}"
    assert all(layer(m) in LAYERS for m in MODULES if m != PACKAGE)


def test_no_import_reaches_a_later_layer():
    order = {name: n for n, name in enumerate(LAYERS)}
    upward = [f"{MODULES[a].relative_to(ROOT)}:{line} imports {b}" for a, b, line in internal_edges()
              if order[layer(b)] > order[layer(a)]]
    assert not upward, "imports from a later layer of the pipeline:\n" + "\n".join(upward)


def _cycles(edges: list[tuple[str, str, int]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm)."""
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for a, b, _line in edges:
        graph[a].add(b)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


def test_no_import_cycles():
    assert _cycles(internal_edges()) == []


def test_the_cycle_finder_finds_a_cycle():
    errors, model = "upr_sheets.core.errors", "upr_sheets.core.model"
    assert _cycles([(errors, model, 1), (model, errors, 1)]) == [[errors, model]]


def _importers_of(roots: tuple[str, ...]) -> dict[str, list[str]]:
    """Project files that import one of these top-level packages → where."""
    found: dict[str, list[str]] = {}
    for path in project_files():
        for line, target in imports(path):
            if target.split(".")[0] in roots:
                found.setdefault(str(path.relative_to(ROOT)), []).append(f"line {line}: {target}")
    return found


def test_only_sources_talk_to_google():
    outside = {f: where for f, where in _importers_of(GOOGLE).items() if not f.startswith("upr_sheets/sources/")}
    assert not outside, f"only upr_sheets/sources/ may import gspread or google.*: {outside}"
    assert "upr_sheets/sources/gsheets.py" in _importers_of(GOOGLE)  # the rule looks at the right files


def test_only_the_app_glue_imports_streamlit():
    importers = _importers_of(("streamlit",))
    outside = {f: where for f, where in importers.items() if not f.startswith(STREAMLIT_ALLOWED)}
    assert not outside, f"only upr_sheets/app/, pages/ and dashboard.py may import streamlit: {outside}"
    assert "dashboard.py" in importers


@pytest.mark.parametrize("source,expected", [
    ("from . import i18n", "upr_sheets.core.i18n"),
    ("from ..core.model import Dataset", "upr_sheets.core.model"),
    ("import upr_sheets.core.settings", "upr_sheets.core.settings"),
])
def test_imports_are_resolved(source, expected):
    probe = ROOT / PACKAGE / "core" / "probe.py"
    assert [target for _line, target in imports(probe, source)] == [expected]
