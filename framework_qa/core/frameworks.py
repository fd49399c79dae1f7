"""Deductive frameworks as data files (`resources/frameworks/*.yaml`, or a user's own file).

File format (`format: framework-qa/framework 1`): `key`, `name`, `colour`, `description`, `sources`, and a
tree of `codes`, each with `id`, `name`, `colour`, `definition`, `inclusion`, `exclusion` and optional
`children`. The framework itself becomes the root code. Each code's GUID is derived from the framework
key and the code's id path, so the same shipped code has the same GUID in every project: copies of a
project, merged coders' work and REFI-QDA exchanges match codes by it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from framework_qa.core.errors import FqaError
from framework_qa.core.paths import frameworks_dir

FORMAT = "framework-qa/framework 1"
_NAMESPACE = uuid.UUID("5b0f3c1e-7f1e-4d6b-9a43-0c5e2d9a8f11")


@dataclass(frozen=True)
class CodeSpec:
    guid: str
    name: str
    colour: str
    definition: str
    inclusion: str
    exclusion: str
    children: list[CodeSpec] = field(default_factory=list)


@dataclass(frozen=True)
class Framework:
    key: str
    root: CodeSpec
    sources: list[str]
    path: Path

    @property
    def name(self) -> str:
        return self.root.name

    def count(self) -> int:
        def walk(c: CodeSpec) -> int:
            return 1 + sum(walk(k) for k in c.children)
        return walk(self.root) - 1


def shipped_frameworks() -> dict[str, Path]:
    """Shipped framework files by key, e.g. `alliance`, `psd`, `dta`, `facilitators`."""
    found: dict[str, Path] = {}
    for path in sorted(frameworks_dir().glob("*.yaml")):
        data = _read(path)
        found[str(data.get("key", path.stem))] = path
    return found


def load_framework(key_or_path: str | Path) -> Framework:
    """Load a shipped framework by key (or name) or a framework file by path."""
    text = str(key_or_path)
    candidate = Path(text)
    if candidate.suffix.lower() in (".yaml", ".yml") or candidate.exists():
        if not candidate.exists():
            raise FqaError(f"{candidate.name}: no such framework file")
        return _build(candidate, _read(candidate))
    shipped = shipped_frameworks()
    if text in shipped:
        return _build(shipped[text], _read(shipped[text]))
    for path in shipped.values():
        data = _read(path)
        if str(data.get("name", "")).lower() == text.lower():
            return _build(path, data)
    raise FqaError(f"unknown framework '{text}'; shipped frameworks: {', '.join(sorted(shipped))}, "
                   "or give the path of a framework .yaml file")


def _read(path: Path) -> dict[str, Any]:
    """The parsed framework file; a file read before and unchanged since (same size and modification time)
    is not parsed again: a new project with two frameworks looks through every shipped file for keys."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise FqaError(f"{path.name}: cannot read the framework file ({exc.strerror or exc})") from None
    return _parsed(path.resolve(), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _parsed(path: Path, _modified: int, _size: int) -> dict[str, Any]:
    """Callers only read the result (`_build` makes new objects from it), so one copy can be shared."""
    import yaml  # only when a framework is read, not at every start-up

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's safe loader: the same values, faster
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 (a safe loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise FqaError(f"{path.name}: cannot read the framework file ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise FqaError(f"{path.name}: not a framework file (expected 'format: {FORMAT}')")
    return data


def _build(path: Path, data: dict[str, Any]) -> Framework:
    key = str(data.get("key") or path.stem)
    name = _text(data.get("name"))
    if not name:
        raise FqaError(f"{path.name}: the framework has no name")
    children = [_code(path, key, key, c) for c in data.get("codes") or []]
    if not children:
        raise FqaError(f"{path.name}: the framework has no codes")
    root = CodeSpec(_guid(key, ""), name, _text(data.get("colour")) or "#5b6770",
                    _text(data.get("description")), "", "", children)
    sources = [_text(s) for s in data.get("sources") or []]
    return Framework(key, root, sources, path)


def _code(path: Path, key: str, prefix: str, data: Any) -> CodeSpec:
    if not isinstance(data, dict) or not data.get("name"):
        raise FqaError(f"{path.name}: every code needs at least a name (under '{prefix}')")
    name = _text(data["name"])
    if "/" in name:
        raise FqaError(f"{path.name}: code name '{name}' contains '/', which separates code paths")
    code_id = str(data.get("id") or name.lower())
    ident = f"{prefix}.{code_id}"
    return CodeSpec(_guid(key, ident), name, _text(data.get("colour")), _text(data.get("definition")),
                    _text(data.get("inclusion")), _text(data.get("exclusion")),
                    [_code(path, key, ident, c) for c in data.get("children") or []])


def _guid(key: str, ident: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{key}:{ident}"))


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()
