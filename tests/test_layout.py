"""The house's layout holds: a package per stage, imports one way, no import cycles.

app -> handlers -> bot (engine, pipeline, services, then the stages in the order data flows:
ingest, dedup, match, deliver) -> storage -> bot.core. Read from the source, so a newcomer's
import in the wrong direction fails here with the file and the line.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STAGES = ["ingest", "dedup", "match", "deliver"]
TOP = {"bot.engine", "bot.pipeline", "bot.services"}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def sources() -> Iterator[Path]:
    for folder in ("bot", "handlers", "storage"):
        yield from sorted((ROOT / folder).rglob("*.py"))


def imports(path: Path) -> Iterator[tuple[int, str]]:
    """(line, module) for every import of our own packages, wherever it stands in the file."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module
        elif isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)


def own(module: str) -> bool:
    return module.split(".")[0] in ("bot", "handlers", "storage")


def layer(module: str) -> tuple[int, int]:
    """Where a module stands: (rank, stage). Lower ranks sit below; imports go down only."""
    parts = module.split(".")
    if parts[0] == "bot" and len(parts) > 1 and parts[1] == "core":
        return 0, 0
    if parts[0] == "storage":
        return 1, 0
    if parts[0] == "handlers":
        return 4, 0
    if parts[0] == "bot" and len(parts) > 1 and parts[1] == "app" or module == "bot.__main__":
        return 5, 0
    if parts[0] == "bot" and len(parts) > 1 and parts[1] in STAGES:
        return 2, STAGES.index(parts[1]) + 1
    return 3, 0  # bot's top: engine, pipeline, services (the table of contents)


def allowed(importer: str, imported: str) -> bool:
    """An import is allowed downwards, within its own package, or from a stage to an earlier
    stage (deliver may use match's spans; ingest never uses deliver)."""
    if imported in ("bot", "bot.__init__"):
        return True
    mine, theirs = layer(importer), layer(imported)
    return theirs <= mine


def violations() -> list[str]:
    found = []
    for path in sources():
        importer = module_name(path)
        for line, imported in imports(path):
            if own(imported) and not allowed(importer, imported):
                found.append(f"{path.relative_to(ROOT)}:{line} {importer} imports {imported}")
    return found


def test_imports_go_one_way() -> None:
    assert violations() == []


def graph() -> dict[str, set[str]]:
    known = {module_name(path): path for path in sources()}
    edges: dict[str, set[str]] = {name: set() for name in known}
    for name, path in known.items():
        for _, imported in imports(path):
            target = imported if imported in known else imported.rpartition(".")[0]
            if target in known and target != name:
                edges[name].add(target)
    return edges


def test_no_import_cycles() -> None:
    edges = graph()
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(node: str, trail: list[str]) -> bool:
        state[node] = 1
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                cycle.extend([*trail, node, nxt])
                return True
            if nxt not in state and visit(nxt, [*trail, node]):
                return True
        state[node] = 2
        return False

    for node in sorted(edges):
        if node not in state and visit(node, []):
            break
    assert cycle == []


@pytest.mark.parametrize("stage", ["core", *STAGES, "app"])
def test_each_stage_is_a_package_a_newcomer_finds_by_its_folder(stage: str) -> None:
    folder = ROOT / "bot" / stage
    assert (folder / "__init__.py").exists()
    assert len(list(folder.glob("*.py"))) > 1
    assert not [p.name for p in (ROOT / "bot").glob("*.py")
                if p.stem not in ("__init__", "__main__", "engine", "pipeline", "services")]


def test_a_wrong_import_is_caught() -> None:
    """The checker itself: a stage importing the app, storage importing a stage, are refused."""
    assert not allowed("bot.ingest.poll", "bot.app.cli")
    assert not allowed("storage.feeds", "bot.ingest.schedule")
    assert not allowed("bot.core.config", "storage.db")
    assert not allowed("bot.ingest.poll", "bot.deliver.render")
    assert allowed("bot.deliver.alerts", "bot.match.spans")


def test_no_test_module_imports_another() -> None:
    """Tests share helpers through tests/support only, so a test file can move or go alone."""
    wrong = [f"{path.name}:{line} imports {module}"
             for path in sorted((ROOT / "tests").glob("test_*.py"))
             for line, module in imports(path)
             if module.startswith("tests.") and not module.startswith("tests.support")]
    assert wrong == []


def test_no_child_script_imports_a_test_module() -> None:
    """A script a test runs in a child process shares helpers through tests/support too."""
    pattern = re.compile(r"^\s*(?:from|import) tests\.test_\w+", re.MULTILINE)
    wrong = [f"{path.name}: {found.group().strip()}"
             for path in sorted((ROOT / "tests").glob("test_*.py"))
             for found in pattern.finditer(path.read_text(encoding="utf-8"))]
    assert wrong == []
