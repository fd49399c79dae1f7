"""The adapter between a project and REFI-QDA: schema-valid exports, exact round trips, import rules."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import xmlschema

from framework_qa import Project, new_project, open_project
from framework_qa.core.interop.adapter import (
    compose_description,
    export_qdc,
    export_qdpx,
    import_codebook_file,
    import_project_file,
    import_refi_project,
    parse_description,
)
from framework_qa.core.interop.refi import (
    ImportReport,
    RefiCase,
    RefiCode,
    RefiNote,
    RefiProject,
    RefiSelection,
    RefiSource,
    RefiUser,
    RefiVariable,
)
from tests.support.demo import demo_file, demo_project

SCHEMAS = Path(__file__).resolve().parents[3].parent / "shared" / "refi-qda" / "schemas"
G = "00000000-0000-4000-8000-0000000000{:02d}".format


def _schema(name: str) -> xmlschema.XMLSchema:
    if not (SCHEMAS / name).exists():
        pytest.skip("REFI-QDA schemas are not present")
    return xmlschema.XMLSchema(str(SCHEMAS / name))


def _snapshot(project: Project) -> dict[str, object]:
    """Everything a round trip must keep, by name and path rather than by row id."""
    docs = {d.id: d.name for d in project.documents()}
    coders = {c.id: c.name for c in project.coders()}
    cases = {c.id: c.name for c in project.cases()}
    codes = {c.id: c for c in project.codes()}
    memo_target = {"document": docs, "case": cases, "code": {i: project.code_path(i) for i in codes}}
    return {
        "texts": {d.name: project.text(d) for d in project.documents()},
        "codes": sorted((project.code_path(c), c.colour, c.definition, c.inclusion, c.exclusion, c.guid)
                        for c in codes.values()),
        "codings": sorted((docs[c.document_id], c.start, c.end, project.code_path(c.code_id),
                           coders[c.coder_id], c.memo) for c in project.codings()),
        "cases": sorted((c.name, tuple(sorted(d.name for d in project.case_documents(c)))) for c in project.cases()),
        "attributes": sorted((a.name, a.type) for a in project.attributes()),
        "values": sorted((cases[cid], name, value) for cid, values in project.case_values().items()
                         for name, value in values.items()),
        "memos": sorted((m.target_kind, "" if m.target_kind == "project" else memo_target[m.target_kind][m.target_id],
                         m.text) for m in project.memos()),
    }


@pytest.fixture
def multilingual(tmp_path: Path) -> Path:
    """A small project with emoji, non-Latin scripts, typed attributes, memos of every kind and coding memos."""
    path = tmp_path / "multi.fqa"
    with new_project(path, ["alliance"]) as p:
        p.add_document("Интервью 1", "Вопрос: как дела? 😀 Ответ: хорошо 👍🏽 спасибо.\nСлед 行 二 🎉 end\n")
        p.add_document("対話 2", "こんにちは世界 🌏 — مرحبا بالعالم — שלום\n\nZweite Zeile mit Ümlaut 🧑‍🤝‍🧑 ok\n")
        p.add_code("Тема 😀", definition="Определение", inclusion="включать 🎉", exclusion="исключать",
                   colour="#123abc")
        p.add_code("Sub", parent="Тема 😀", definition="", inclusion="only inclusion")
        text = p.text("Интервью 1")
        start = text.index("😀")
        p.add_coding("Интервью 1", start, start + 9, "Тема 😀", "Ана", memo="memo на кодировку")
        p.add_coding("Интервью 1", 0, 6, "Тема 😀/Sub", "Ben")
        other = p.text("対話 2")
        p.add_coding("対話 2", other.index("🌏"), other.index("שלום") + 4, "Working alliance/Bond", "Ана")
        p.define_attribute("age", "number")
        p.define_attribute("score", "number")
        p.define_attribute("joined", "date")
        p.define_attribute("group", "text")
        p.set_case_value("Интервью 1", "age", 34)
        p.set_case_value("Интервью 1", "score", 2.5)
        p.set_case_value("Интервью 1", "joined", "2024-02-29")
        p.set_case_value("対話 2", "group", "Ω control")
        p.set_document_case("対話 2", "Интервью 1")
        p.set_memo("project", 0, "Проект 🎯")
        p.set_memo("document", p.document("対話 2").id, "doc memo 📄")
        p.set_memo("case", p.case("Интервью 1").id, "case memo")
        p.set_memo("code", p.code("Тема 😀").id, "code memo\nsecond line")
    return path


def test_description_layout_reads_back_into_definition_inclusion_and_exclusion() -> None:
    for fields in [("a", "b", "c"), ("", "b", ""), ("", "", "c"), ("d\n\nmore", "i\n\nmore", ""), ("", "", "")]:
        assert parse_description(compose_description(*fields)) == fields
    assert parse_description("A peer's plain description.") == ("A peer's plain description.", "", "")


def test_demo_export_validates_against_the_project_and_codebook_schemas(tmp_path: Path) -> None:
    schema, codebook_schema = _schema("Project-mrt2019.xsd"), _schema("Codebook-mrt2019.xsd")
    with demo_project(tmp_path / "demo.fqa") as project:
        export_qdpx(project, tmp_path / "demo.qdpx")
        export_qdc(project, tmp_path / "demo.qdc")
    with zipfile.ZipFile(tmp_path / "demo.qdpx") as archive:
        names = archive.namelist()
        schema.validate(archive.read("project.qde").decode("utf-8"))
    assert sum(n.startswith("sources/") and n.endswith(".txt") for n in names) == 10
    codebook_schema.validate(str(tmp_path / "demo.qdc"))


def test_multilingual_export_validates_and_stores_sources_as_utf8_by_guid(tmp_path: Path, multilingual: Path) -> None:
    schema = _schema("Project-mrt2019.xsd")
    with open_project(multilingual) as project:
        export_qdpx(project, tmp_path / "m.qdpx")
        guid = project.document("対話 2").guid
        text = project.text("対話 2")
    with zipfile.ZipFile(tmp_path / "m.qdpx") as archive:
        schema.validate(archive.read("project.qde").decode("utf-8"))
        assert archive.read(f"sources/{guid}.txt").decode("utf-8") == text


@pytest.mark.parametrize("source", ["demo", "multilingual"])
def test_export_then_import_into_a_new_project_gives_the_same_project(
    tmp_path: Path, multilingual: Path, source: str
) -> None:
    path = multilingual if source == "multilingual" else tmp_path / "demo.fqa"
    if source == "demo":
        demo_file(path)
    with open_project(path) as original:
        export_qdpx(original, tmp_path / "x.qdpx")
        before = _snapshot(original)
    result = import_project_file(tmp_path / "x.qdpx", tmp_path / "back.fqa")
    assert result.created
    assert not result.outcome.report.dropped
    with open_project(tmp_path / "back.fqa") as back:
        after = _snapshot(back)
    for key in before:
        assert after[key] == before[key], key


def test_round_trip_keeps_coding_identities_so_a_second_import_matches_codes(tmp_path: Path, multilingual: Path) -> None:
    with open_project(multilingual) as project:
        export_qdpx(project, tmp_path / "x.qdpx")
        guids = {c.guid for c in project.codings()}
    import_project_file(tmp_path / "x.qdpx", tmp_path / "back.fqa")
    again = import_project_file(tmp_path / "x.qdpx", tmp_path / "back.fqa")
    with open_project(tmp_path / "back.fqa") as back:
        assert guids <= {c.guid for c in back.codings()}
        assert len({c.guid for c in back.codes()}) == len(back.codes())
    assert again.outcome.codes == 0
    assert any("already in the project" in line for line in again.outcome.report.adjusted)
    assert any("name was taken" in line for line in again.outcome.report.adjusted)


def _exchange() -> RefiProject:
    text = "Alpha beta 😀 gamma.\nDelta"
    return RefiProject(
        name="x", origin="Some Tool",
        users=(RefiUser(G(1), "Zoë"),),
        codes=(RefiCode(G(2), "A/B", "#ff0000", "Def\n\nInclusion: inc"),
               RefiCode(G(3), "Dup"), RefiCode(G(4), "Dup")),
        variables=(RefiVariable(G(5), "age", "Integer"), RefiVariable(G(6), "flag", "Boolean")),
        cases=(RefiCase(G(7), "Case one", (G(8),), {G(5): 41, G(6): True}),),
        sources=(
            RefiSource(G(8), "doc", text, (
                RefiSelection(G(9), 6, 12, (G(2), G(3)), G(1)),
                RefiSelection(G(10), 13, 18, (), None, note="a comment"),
                RefiSelection(G(11), 0, 5, (G(4),), None),
            )),
            RefiSource(G(12), "doc", "Second doc"),
        ),
        notes=(RefiNote(G(13), "About A", "memo text", frozenset({G(2)})),
               RefiNote(G(14), "On passage", "passage memo", frozenset({G(9)}))),
    )


def test_import_adapts_names_and_reports_each_adjustment(project: Project) -> None:
    report = ImportReport()
    outcome = import_refi_project(project, _exchange(), report, "x.qdpx")
    assert project.find_code("A∕B") is not None
    assert project.find_code("A∕B").definition == "Def" and project.find_code("A∕B").inclusion == "inc"
    assert project.find_code("Dup") is not None and project.find_code("Dup (2)") is not None
    assert sorted(d.name for d in project.documents()) == ["doc", "doc (2)"]
    assert outcome.codings == 3 and outcome.documents == 2
    text = "\n".join(report.adjusted)
    assert "'/' separates code paths" in text and "same parent" in text and "name was taken" in text
    assert "comment without a code" in text and "without a coder" in text
    assert "kept as text" in text
    assert "a comment" in project.memo("document", project.document("doc").id)


def test_imported_codings_cover_the_text_their_selections_name(project: Project) -> None:
    refi = _exchange()
    import_refi_project(project, refi, ImportReport(), "x.qdpx")
    source = refi.sources[0]
    named = {(s.start, s.end): source.text[s.start:s.end] for s in source.selections}
    for coding in project.codings(document="doc"):
        assert project.text("doc")[coding.start:coding.end] == named[(coding.start, coding.end)]
    by_coder = {project.coder(c.coder_id).name for c in project.codings(document="doc")}
    assert by_coder == {"Zoë", "imported"}
    memo = [c.memo for c in project.codings(document="doc") if c.start == 6]
    assert memo == ["On passage\n\npassage memo"] * 2  # a peer's memo keeps its title


def test_cases_get_documents_typed_attributes_and_memos(project: Project) -> None:
    import_refi_project(project, _exchange(), ImportReport(), "x.qdpx")
    assert [d.name for d in project.case_documents("Case one")] == ["doc"]
    assert project.case_values()[project.case("Case one").id] == {"age": "41", "flag": "true"}
    assert {a.name: a.type for a in project.attributes()} == {"age": "number", "flag": "text"}
    assert "memo text" in project.memo("code", project.code("A∕B").id)


def test_import_is_one_undoable_command(project: Project) -> None:
    before = _snapshot(project)
    import_refi_project(project, _exchange(), ImportReport(), "x.qdpx")
    assert project.undo_stack.undo_label == "Import x.qdpx"
    project.undo()
    assert _snapshot(project) == before


def test_codebook_import_keeps_existing_codes_and_adds_the_new_ones(tmp_path: Path, multilingual: Path) -> None:
    with open_project(multilingual) as project:
        export_qdc(project, tmp_path / "c.qdc")
        paths = sorted(project.code_path(c) for c in project.codes())
    first = import_codebook_file(tmp_path / "c.qdc", tmp_path / "new.fqa")
    assert first.created and first.outcome.codes == len(paths)
    second = import_codebook_file(tmp_path / "c.qdc", multilingual)
    assert second.outcome.codes == 0
    with open_project(tmp_path / "new.fqa") as new:
        assert sorted(new.code_path(c) for c in new.codes()) == paths
        assert new.code("Тема 😀").exclusion == "исключать"
