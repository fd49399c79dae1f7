"""Listing what a project file holds that framework-qa does not keep, so "Dropped: none" is true.

Rather than trusting each reader to mention what it skips, the whole `.qde` tree is compared with the
places framework-qa reads: an element anywhere else, a Description where none is kept, or a
rich-text original beside a source's text is reported as dropped, with its count. Subtrees reported
as a whole elsewhere (non-text sources, links between codes) are not listed twice.
"""

from __future__ import annotations

from collections import Counter
from xml.etree.ElementTree import Element

from .model import ImportReport

# (parent tag, child tag) pairs framework-qa reads and keeps; "*" for any parent
_KEPT = {
    ("Project", "Users"), ("Users", "User"), ("Project", "CodeBook"), ("CodeBook", "Codes"), ("Codes", "Code"),
    ("Code", "Code"), ("Code", "Description"), ("Code", "NoteRef"), ("Project", "Variables"),
    ("Variables", "Variable"), ("Project", "Cases"), ("Cases", "Case"), ("Case", "Description"),
    ("Case", "VariableValue"), ("Case", "SourceRef"), ("TextSource", "VariableValue"),
    ("VariableValue", "VariableRef"), ("Project", "Sources"), ("Sources", "TextSource"),
    ("TextSource", "Description"), ("TextSource", "PlainTextContent"), ("TextSource", "PlainTextSelection"),
    ("TextSource", "NoteRef"), ("PlainTextSelection", "Description"), ("PlainTextSelection", "Coding"),
    ("PlainTextSelection", "NoteRef"), ("Coding", "CodeRef"), ("Coding", "NoteRef"), ("Project", "Notes"),
    ("Notes", "Note"), ("Note", "PlainTextContent"), ("Note", "Description"), ("Note", "PlainTextSelection"),
    ("Project", "Description"), ("Project", "NoteRef"), ("Project", "Links"),
}
_VALUES = {"TextValue", "BooleanValue", "IntegerValue", "FloatValue", "DateValue", "DateTimeValue"}
# reported by the readers themselves, as a whole
_REPORTED = {("Sources", t) for t in ("PictureSource", "PDFSource", "AudioSource", "VideoSource")} | {
    ("Project", "Links"), ("TextSource", "Coding")}


def report_unkept(root: Element, report: ImportReport) -> None:
    """Add to `report.dropped` every part of `root` that the import does not keep."""
    unknown: Counter[tuple[str, str]] = Counter()
    stack = [root]
    while stack:
        parent = stack.pop()
        for child in parent:
            pair = (parent.tag, child.tag)
            if pair in _REPORTED:
                continue
            if pair in _KEPT or (parent.tag == "VariableValue" and child.tag in _VALUES):
                stack.append(child)
            elif pair == ("Project", "Sets"):
                _sets(child, report)
            elif pair == ("Project", "Graphs"):
                report.dropped.append(f"Graphs: {len(child)} graph(s); framework-qa has no graphs, not brought in.")
            elif len(child) or (child.text or "").strip() or child.attrib:
                unknown[pair] += 1  # an empty element (QualCoder's `<Description />`) holds nothing to lose
    for (parent_tag, tag), n in sorted(unknown.items()):
        report.dropped.append(f"<{tag}> inside <{parent_tag}> ({n}): framework-qa has no place for it; not brought in.")
    rich = sum(1 for s in root.iter("TextSource") if s.get("richTextPath"))
    if rich:
        report.dropped.append(f"{rich} source(s) also carry a rich-text original (richTextPath, e.g. .docx); only the "
                              "plain text is brought in.")
    described = sum(1 for v in root.iter("Variable") if (v.findtext("Description") or "").strip())
    if described:
        report.dropped.append(f"{described} variable description(s): framework-qa attributes have no description.")


def _sets(element: Element, report: ImportReport) -> None:
    members = element.findall("Set")
    if not members:
        report.adjusted.append("An empty <Sets/> (not valid under the schema) was ignored; it held nothing.")
        return
    names = ", ".join(repr(s.get("name", "")) for s in members[:5]) + (" ..." if len(members) > 5 else "")
    report.dropped.append(f"Sets: {len(members)} set(s) of codes or sources ({names}); framework-qa has no sets, "
                          "not brought in (the codes and sources themselves were).")
