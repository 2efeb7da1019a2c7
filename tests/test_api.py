"""The package's API is what its modules export: every module of shared_future has an `__all__`
naming things it defines, and every name the chapters (the documented API), the other modules,
the book's extensions and the scripts take from a module is in that module's `__all__`."""

from __future__ import annotations

import ast
import importlib
import json
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "shared_future"
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__main__.py" and "vendor" not in p.parts)


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_module(name: str) -> bool:
    path = ROOT / name.replace(".", "/")
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def code_of(path: Path) -> str:
    if path.suffix != ".ipynb":
        return path.read_text(encoding="utf-8")
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    lines = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code").splitlines()
    return "\n".join(line for line in lines if not line.lstrip().startswith(("%", "!")))


def names_taken(path: Path, importer: str) -> dict[str, set[str]]:
    """module -> the public names `path` imports from it or reads as `module.name`."""
    tree = ast.parse(code_of(path))
    package = importer if path.name == "__init__.py" else importer.rpartition(".")[0]
    taken: dict[str, set[str]] = defaultdict(set)
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = package
                for _ in range(node.level - 1):
                    base = base.rpartition(".")[0]
                base = f"{base}.{node.module}" if node.module else base
            if not base.startswith("shared_future"):
                continue
            for alias in node.names:
                if is_module(f"{base}.{alias.name}"):
                    aliases[alias.asname or alias.name] = f"{base}.{alias.name}"
                else:
                    taken[base].add(alias.name)
        elif isinstance(node, ast.Import):
            aliases.update({a.asname or a.name: a.name for a in node.names if a.name.startswith("shared_future")})
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases:
            module = aliases[node.value.id]
            if not is_module(f"{module}.{node.attr}"):
                taken[module].add(node.attr)
    return {m: {n for n in names if not n.startswith("_")} for m, names in taken.items() if m != importer}


def users() -> list[tuple[Path, str]]:
    """The chapters, the package's own modules, the book's extensions and the scripts."""
    found = [(p, "notebook") for p in sorted((ROOT / "notebooks").glob("*.ipynb"))]
    found += [(p, module_name(p)) for p in MODULES]
    found += [(p, p.stem) for p in sorted((ROOT / "book" / "_ext").glob("*.py"))]
    found += [(p, p.stem) for p in sorted((ROOT / "scripts").glob("*.py"))]
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_every_module_exports_what_it_defines(path):
    module = importlib.import_module(module_name(path))
    exported = getattr(module, "__all__", None)
    assert exported is not None, f"{module_name(path)} has no __all__"
    assert len(exported) == len(set(exported)), f"{module_name(path)}: a name twice in __all__"
    assert [n for n in exported if not hasattr(module, n)] == [], f"{module_name(path)}: __all__ names a missing name"


def test_every_name_used_elsewhere_is_exported():
    missing = []
    for path, importer in users():
        for module, names in names_taken(path, importer).items():
            exported = set(getattr(importlib.import_module(module), "__all__", ()))
            missing += [f"{path.relative_to(ROOT)} uses {module}.{n}" for n in sorted(names - exported)]
    assert missing == [], "not in the module's __all__:\n" + "\n".join(missing)


def test_the_chapters_use_the_package():
    """The documented API is found: the chapters call the maps, the quiz and the loaders."""
    used = defaultdict(set)
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for module, names in names_taken(path, "notebook").items():
            used[module] |= names
    assert {"load"} <= used["shared_future.data"]
    assert {"quiz"} <= used["shared_future.quiz"]
    assert used["shared_future.maps"]
