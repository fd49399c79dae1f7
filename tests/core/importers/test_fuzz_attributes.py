"""Fuzzing the case attribute readers (.csv, .xlsx): any input gives a table whose every value is in its
column's canonical form, or one FqaError line naming the file. Any other exception fails.

CSV inputs are texts built from separators, quotes, line endings, formulas and hostile numbers, in
several encodings, with stray bytes spliced in. XLSX inputs are real workbooks (openpyxl's own parts)
whose sheet and shared strings are generated: every cell type (shared, inline, formula with and without
a saved value, boolean, error, date-styled serial, ISO date), odd cell references and row numbers, then
byte damage to the sheet's XML or to the zip itself. Derandomised with a fixed budget, so a run takes a
few seconds in CI. Inputs that once failed live in regressions/ (.csv, .xlsx) and are replayed by
test_regressions_read_or_are_refused; set FQA_FUZZ_SAVE=1 to store a new failing input there.
"""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framework_qa.core.errors import FqaError
from framework_qa.core.importers.attributes import canonical, read_attribute_table

REGRESSIONS = Path(__file__).parent / "regressions"
FUZZ = settings(max_examples=400, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow])
RUNS: dict[str, int] = {}
PIECES = ["case", "participant", "Age", ",", ",,", '"', '""', '"a,b"', "\n", "\r\n", "\r", " ", "\t", ";",
          "=1+1", "=HYPERLINK(\"http://x\")", "@SUM(1)", "+1", "-1_000", "1,000", "9" * 400, "nan", "inf",
          "1e999", "2026-01-05", "2026-02-30", "20260105", "P01", "P02", "\x00", "é", "😀", "\ufeff", "\u2028"]
CELL = st.one_of(st.sampled_from(PIECES), st.text(max_size=6))
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252", "latin-1"])


def check(path: Path) -> None:
    """The oracle: a table whose values are canonical for their column's type, or an FqaError line."""
    RUNS[path.suffix] = RUNS.get(path.suffix, 0) + 1
    try:
        table = read_attribute_table(path)
    except FqaError as exc:
        assert str(exc) and "\n" not in str(exc), repr(exc)
        return
    except Exception:
        if os.environ.get("FQA_FUZZ_SAVE"):
            data = path.read_bytes()
            (REGRESSIONS / f"{hashlib.sha1(data).hexdigest()[:12]}{path.suffix}").write_bytes(data)
        raise
    assert table.rows
    for values in table.rows.values():
        for attribute, value in values.items():
            assert value and canonical(value, table.types[attribute]) == value, (attribute, value)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz-attributes")


@st.composite
def csv_bytes(draw: st.DrawFn) -> bytes:
    header = draw(st.sampled_from(["", "case,age,started\n", "participant,group\r\n", "name;x\n"]))
    raw = (header + draw(st.lists(CELL, max_size=40).map("".join))).encode(draw(ENCODINGS), "replace")
    if draw(st.integers(0, 3)) == 0:  # splice in stray bytes
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.binary(max_size=6)) + raw[at:]
    return raw


def test_fuzz_csv_tables(workdir: Path) -> None:
    path = workdir / "fuzz.csv"

    @FUZZ
    @given(raw=csv_bytes())
    def run(raw: bytes) -> None:
        path.write_bytes(raw)
        check(path)

    run()
    assert RUNS[".csv"] >= 400, RUNS


def _base_members() -> dict[str, bytes]:
    """The parts of a real workbook written by openpyxl (a date style at index 1), plus shared strings."""
    buffer = io.BytesIO()
    book = openpyxl.Workbook()
    book.active.append(["case"])  # type: ignore[union-attr]
    book.active["B2"].number_format = "yyyy-mm-dd"  # type: ignore[index, union-attr]
    book.save(buffer)
    with zipfile.ZipFile(buffer) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(b"</Types>", (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>'))
    return members


BASE = _base_members()
MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
XML_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=12)
HOSTILE = ["0", "-1", "1", "2.5", "1e308", "1e999", "-1e999", "NaN", "", "x", "99999999999", "2958466",
           "9" * 30, "2026-01-05", "2026-13-45T99:00", "#DIV/0!", "true"]
REFS = ["A{r}", "B{r}", "C{r}", "A{r}", "B{r}", "XFD{r}", "ZZZ{r}", "{r}", "A", "", "A0", "A-1", "AAAA{r}"]

# strategies are built once: hypothesis validates every new strategy object, which costs more than
# reading the workbook
_REF, _SEVENTHS, _INDEX, _SAVED = st.sampled_from(REFS), st.integers(0, 6), st.integers(-1, 6), st.integers(0, 2)
_NUMBER = st.sampled_from(HOSTILE) | st.integers(-10, 99).map(str)
_KIND = st.sampled_from(["s", "inline", "str", "formula", "b", "e", "n", "date", "d"])
_STYLE = st.sampled_from(["1", "0", "7", "-1"])


@st.composite
def cell_xml(draw: st.DrawFn) -> str:
    """One <c> element; `{r}` in it stands for its row's number."""
    ref = draw(_REF)
    r_attr = f' r="{ref}"' if draw(_SEVENTHS) else ""
    text, number = escape(draw(XML_TEXT)), draw(_NUMBER)
    kind = draw(_KIND)
    body = {"s": f't="s"><v>{draw(_INDEX)}</v>',
            "inline": f't="inlineStr"><is><t>{text}</t></is>',
            "str": f't="str"><f>A1&amp;"x"</f><v>{text}</v>',
            "formula": f'><f>SUM(B1:B9)</f>{["", "<v></v>", f"<v>{number}</v>"][draw(_SAVED)]}',
            "b": f't="b"><v>{number}</v>', "e": f't="e"><v>{text or "#REF!"}</v>',
            "n": f'><v>{number}</v>', "date": f's="{draw(_STYLE)}"><v>{number}</v>',
            "d": f't="d"><v>{number}</v>'}[kind]
    return f"<c{r_attr} {body}</c>"


CELLS = st.lists(cell_xml(), max_size=4).map("".join)
ROW_NUMBERS = st.sampled_from(["{r}", "{r}", "{r}", "0", "-3", "x", ""]) | st.sampled_from(["1048576", "99999999999"])


@st.composite
def xlsx_bytes(draw: st.DrawFn) -> bytes:
    strings = draw(st.lists(XML_TEXT, max_size=5))
    shared = (f'<sst {MAIN} count="{len(strings)}">' + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings)
              + "</sst>").encode()
    rows = []
    for n in range(1, draw(st.integers(1, 5)) + 1):
        # a far row number costs a walk over the gap (bounded by MAX_TABLE_ROWS): rare, as in real files
        number = draw(ROW_NUMBERS if draw(st.integers(0, 40)) == 0 else st.just("{r}")).format(r=n)
        cells = draw(CELLS).replace("{r}", str(n))
        rows.append(f'<row r="{number}">{cells}</row>' if number else f"<row>{cells}</row>")
    dimension = draw(st.sampled_from(["A1:C5", "A1:XFD1048576", "A1", "", "Z9:A1"]))
    sheet = (f'<worksheet {MAIN}><dimension ref="{dimension}"/><sheetData>{"".join(rows)}</sheetData>'
             "</worksheet>").encode()
    if draw(st.integers(0, 4)) == 0:  # byte-level damage to the sheet's XML
        at = draw(st.integers(0, len(sheet)))
        sheet = sheet[:at] + draw(st.binary(max_size=4)) + sheet[at + draw(st.integers(0, 4)):]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in {**BASE, "xl/sharedStrings.xml": shared}.items():
            target.writestr(name, sheet if name == "xl/worksheets/sheet1.xml" else content)
    raw = out.getvalue()
    if draw(st.integers(0, 6)) == 0:  # damage to the zip itself
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.binary(max_size=8)) + raw[at + draw(st.integers(0, 8)):]
    return raw


def test_fuzz_xlsx_tables(workdir: Path) -> None:
    path = workdir / "fuzz.xlsx"

    @settings(FUZZ, max_examples=300)
    @given(raw=xlsx_bytes())
    def run(raw: bytes) -> None:
        path.write_bytes(raw)
        check(path)

    run()
    assert RUNS[".xlsx"] >= 300, RUNS
    print(f"fuzzed attribute tables: {RUNS}")


@pytest.mark.parametrize("name", sorted(p.name for p in REGRESSIONS.glob("*.*") if p.suffix in (".csv", ".xlsx")))
def test_regressions_read_or_are_refused(name: str) -> None:
    check(REGRESSIONS / name)
