"""Reading code trees from a project's CodeBook or a bare .qdc, and the .qdc reader itself."""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element

from .errors import RefiError
from .model import ImportReport, RefiCode, RefiCodebook, code_depth, iter_codes
from .safe_io import DEFAULT_LIMITS, ZipLimits, parse_xml, read_plain_file
from .values import derived_guid, is_valid_guid, normalise_colour, normalise_guid, parse_bool

SEPARATOR = "::"
UNNAMED = "(unnamed code)"
MAX_CODE_DEPTH = 100
"""Deepest code tree read. Real codebooks nest a handful of levels; the limit keeps every recursive walk
of the tree (here, in the project model, in the GUI) far from Python's recursion limit, so a deeper file
is refused with one line instead of failing with RecursionError somewhere later."""


def child_text(element: Element, tag: str) -> str:
    """Text of the first direct child named `tag`, line endings normalised; empty when absent."""
    child = element.find(tag)
    return (child.text or "").replace("\r\n", "\n") if child is not None else ""


def flattens_hierarchy(origin: str) -> bool:
    """Whether the producer writes its hierarchy as `Parent::Child` names: ATLAS.ti only (decided from the
    file's `origin`, as `positions` decides counting). Elsewhere `::` is part of a name as written."""
    return "atlas.ti" in origin.lower()


def read_code(element: Element, report: ImportReport) -> RefiCode:
    """One code and its children; names are kept exactly as written (spaces included), only a missing or
    blank name is replaced, and reported."""
    raw_guid = element.get("guid", "")
    raw_name = element.get("name", "")
    name = raw_name if raw_name.strip() else UNNAMED
    if name != raw_name:
        report.adjusted.append(f"A code without a name ({raw_name!r}) was named {UNNAMED!r}.")
    if not is_valid_guid(raw_guid):
        report.adjusted.append(f"Code {name!r}: identifier {raw_guid!r} is not a GUID; a stable one was derived.")
    raw_colour = element.get("color")
    colour = normalise_colour(raw_colour)
    if raw_colour and colour is None:
        report.dropped.append(f"Code {name!r}: colour {raw_colour!r} is not readable, left without colour.")
    elif raw_colour and colour != raw_colour.strip().lower():
        report.adjusted.append(f"Code {name!r}: colour {raw_colour!r} written as {colour}.")
    return RefiCode(
        guid=normalise_guid(raw_guid or name),
        name=name,
        colour=colour,
        description=child_text(element, "Description"),
        is_codable=parse_bool(element.get("isCodable"), True),
        children=tuple(read_code(c, report) for c in element.findall("Code")),
    )


def _xml_code_depth(codes_element: Element) -> int:
    """Levels of nested `Code` elements under `codes_element`, counted without recursion."""
    deepest = 0
    stack = [(c, 1) for c in codes_element.findall("Code")]
    while stack:
        element, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth <= MAX_CODE_DEPTH:  # deeper is refused anyway; no need to walk further
            stack.extend((c, depth + 1) for c in element.findall("Code"))
    return deepest


def _refuse_depth(label: str, depth: int) -> None:
    if depth > MAX_CODE_DEPTH:
        raise RefiError(
            f"{label}: refused, its codes are nested more than {MAX_CODE_DEPTH} levels deep "
            f"(at most {MAX_CODE_DEPTH} are read)."
        )


def read_code_tree(codes_element: Element | None, report: ImportReport, label: str,
                   origin: str = "") -> tuple[RefiCode, ...]:
    """The tree under a `Codes` element; from ATLAS.ti (`flattens_hierarchy(origin)`), `Parent::Child`
    names are rebuilt into a hierarchy, from any other producer names stay as written.

    Raises RefiError (naming `label`) when the tree, before or after rebuilding, is deeper than
    MAX_CODE_DEPTH levels; the depth is measured iteratively before any recursive step runs.
    """
    if codes_element is None:
        return ()
    _refuse_depth(label, _xml_code_depth(codes_element))
    roots = tuple(read_code(c, report) for c in codes_element.findall("Code"))
    if flattens_hierarchy(origin):
        longest = max((len(c.name.split(SEPARATOR)) for c in roots), default=0)
        _refuse_depth(label, longest)
        roots = rebuild_flattened(roots, report)
        _refuse_depth(label, code_depth(roots))
    report.brought_in.append(f"{len(iter_codes(roots))} codes.")
    return roots


def rebuild_flattened(roots: tuple[RefiCode, ...], report: ImportReport) -> tuple[RefiCode, ...]:
    """Nest top-level codes named `A::B` under `A` (ATLAS.ti 8 flattens its hierarchy this way).

    A missing parent is created as a category that cannot be coded, with a derived GUID. Only
    top-level names are split: inside a real hierarchy `::` is part of the name.
    """
    if not any(SEPARATOR in c.name for c in roots):
        return roots
    # path (tuple of names) -> code, and -> child paths in order of first appearance
    nodes: dict[tuple[str, ...], RefiCode] = {}
    kids: dict[tuple[str, ...], list[tuple[str, ...]]] = {(): []}

    def ensure(path: tuple[str, ...]) -> None:
        if path in nodes:
            return
        if len(path) > 1:
            ensure(path[:-1])
        nodes[path] = RefiCode(guid=derived_guid("category", *path), name=path[-1], is_codable=False)
        kids.setdefault(path, [])
        kids[path[:-1]].append(path)

    created: set[tuple[str, ...]] = set()
    for code in roots:
        path = (tuple(p.strip() for p in code.name.split(SEPARATOR) if p.strip()) or (code.name,)) \
            if SEPARATOR in code.name else (code.name,)  # spaces around '::' belong to the separator
        if path in nodes and path not in created:
            path = path[:-1] + (f"{path[-1]} ({code.guid[:8]})",)
        if len(path) > 1:
            for depth in range(1, len(path)):
                if path[:depth] not in nodes:
                    ensure(path[:depth])
                    created.add(path[:depth])
        if path in created:  # a placeholder made for an earlier child: the real code takes its place
            created.discard(path)
        else:
            kids.setdefault(path, [])
            kids[path[:-1]].append(path)
        nodes[path] = RefiCode(code.guid, path[-1], code.colour, code.description, code.is_codable, code.children)
        if len(path) > 1:
            report.adjusted.append(f"Code {code.name!r} placed under {SEPARATOR.join(path[:-1])!r} as {path[-1]!r}.")
    for path in sorted(created):
        report.adjusted.append(
            f"Code category {SEPARATOR.join(path)!r} created to hold codes named after it; it cannot be coded."
        )

    def build(path: tuple[str, ...]) -> RefiCode:
        node = nodes[path]
        extra = tuple(build(k) for k in kids.get(path, []))
        return RefiCode(node.guid, node.name, node.colour, node.description, node.is_codable, node.children + extra)

    return tuple(build(p) for p in kids[()])


def check_namespace(namespace: str, expected_kind: str, label: str, report: ImportReport) -> None:
    """Accept any QDA-XML namespace of the right kind; note variants and foreign namespaces."""
    expected = f"urn:QDA-XML:{expected_kind}:1.0"
    if namespace == expected:
        return
    if namespace.startswith(f"urn:QDA-XML:{expected_kind}:"):
        report.adjusted.append(f"{label}: namespace {namespace} read as {expected}.")
    elif namespace.startswith("urn:QDA-XML:"):
        report.adjusted.append(f"{label}: namespace {namespace} is not a {expected_kind} namespace; read anyway.")
    else:
        report.adjusted.append(f"{label}: namespace {namespace or '(none)'} is not QDA-XML; read anyway.")


def read_qdc(path: str | Path, limits: ZipLimits = DEFAULT_LIMITS) -> tuple[RefiCodebook, ImportReport]:
    """A REFI-QDA codebook file (root `CodeBook`); raises RefiError if it is refused or not a codebook."""
    path = Path(path)
    root, namespace = parse_xml(read_plain_file(path, limits), path.name)
    if root.tag != "CodeBook":
        raise RefiError(f"{path.name}: not a REFI-QDA codebook (its root element is {root.tag!r}).")
    report = ImportReport()
    check_namespace(namespace, "codebook", path.name, report)
    codes = read_code_tree(root.find("Codes"), report, path.name, root.get("origin", ""))
    sets = root.find("Sets")
    if sets is not None and sets.findall("Set"):
        report.dropped.append(f"Code sets: {len(sets.findall('Set'))} set(s); framework-qa has no code sets, the codes "
                              "themselves were kept.")
    elif sets is not None:  # Taguette writes an empty <Sets/>: nothing is lost
        report.adjusted.append("An empty <Sets/> (not valid under the schema) was ignored; it held nothing.")
    return RefiCodebook(origin=root.get("origin", ""), codes=codes), report
