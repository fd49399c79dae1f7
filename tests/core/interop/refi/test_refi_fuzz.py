"""Fuzzing the REFI-QDA readers: mutated real files either read cleanly or are refused with RefiError.

Seeds are small real exports (from /work/shared/refi-qda when present) and a .qdpx written by our own
exporter. Mutations: overwritten, inserted and deleted bytes, truncation, and numbers swapped for hostile
ones (which reach positions, sizes and counts). A .qdpx is mutated both as raw ZIP bytes (the container
layer) and by mutating its project.qde and zipping it again (the XML and mapping layers). Anything other
than an FqaError, and any coded passage outside its source text, fails the test. Derandomised with a fixed
budget so it takes a few seconds in CI; inputs that once failed live in `regressions/` and are replayed
by `test_regressions_read_or_are_refused`. Set FQA_FUZZ_SAVE=1 to store a new failing input there.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framework_qa.core.errors import FqaError
from framework_qa.core.interop.refi import (
    RefiCode,
    RefiProject,
    RefiSelection,
    RefiSource,
    read_qdc,
    read_qde,
    read_qdpx,
    write_qdpx,
)
from tests.core.interop.refi.conftest import REFI_SHARED

SAMPLES = REFI_SHARED / "samples"
REGRESSIONS = Path(__file__).parent / "regressions"
READERS: dict[str, Callable[[Path], object]] = {".qdc": read_qdc, ".qde": read_qde, ".qdpx": read_qdpx}
FUZZ = settings(max_examples=200, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
HOSTILE_NUMBERS = ["-1", "0", "1", "999999999999999999999", "-99999999", "1e9", "NaN", "", "0x10", "٣"]
G = "0000000{}-aaaa-4bbb-8ccc-00000000000{}".format


def _seed_files(suffix: str) -> list[bytes]:
    names = {".qdc": ["codebook.qdc", "produced/taguette-1.5.2-codebook.qdc"], ".qde": ["Project.qde"],
             ".qdpx": ["blank-atlas-project.qdpx", "target-atlas-project.qdpx",
                       "produced/qualcoder-4.0b-emoji-export.qdpx"]}[suffix]
    return [(SAMPLES / n).read_bytes() for n in names if (SAMPLES / n).is_file()]


def _own_qdpx() -> bytes:
    text = "Interviewer: 😀 How was it?\r\nP01: Fine, «really» fine.\n"
    code = RefiCode(G(1, 1), "Trust", "#ff0000", "", True, (RefiCode(G(1, 2), "Deep"),))
    sel = RefiSelection(G(3, 1), text.index("Fine"), text.index("fine.") + 4, (G(1, 2),))
    project = RefiProject("Study", "framework-qa", (), (code,), sources=(RefiSource(G(2, 1), "P01", text, (sel,)),))
    buffer = Path(os.environ.get("TMPDIR", "/tmp")) / f"fqa-fuzz-seed-{os.getpid()}.qdpx"
    write_qdpx(project, buffer)
    data = buffer.read_bytes()
    buffer.unlink()
    return data


def check_read(path: Path) -> None:
    """The reader's contract: a clean result with every passage inside its text, or an FqaError."""
    try:
        result = READERS[path.suffix](path)
    except FqaError as exc:
        assert str(exc) and "\n" not in str(exc), repr(exc)
        return
    except Exception:
        if os.environ.get("FQA_FUZZ_SAVE"):
            data = path.read_bytes()
            REGRESSIONS.mkdir(exist_ok=True)
            (REGRESSIONS / f"{hashlib.sha1(data).hexdigest()[:12]}{path.suffix}").write_bytes(data)
        raise
    project = result[0]
    if isinstance(project, RefiProject):
        for source in project.sources:
            for sel in source.selections:
                assert 0 <= sel.start < sel.end <= len(source.text), (source.name, sel.start, sel.end)


@st.composite
def mutated(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["overwrite", "insert", "delete", "truncate", "number"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if kind == "overwrite" and data:
            chunk = draw(st.binary(min_size=1, max_size=8))
            data[at : at + len(chunk)] = chunk
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16) | st.sampled_from(
                [b"<Code name='x'>", b"</Code>", b"<!DOCTYPE x>", b"&amp;", b"\xff\xfe", b'"', b"<"]))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 32))]
        elif kind == "truncate":
            del data[at:]
        else:
            numbers = list(re.finditer(rb"-?[0-9]+", bytes(data)))
            if numbers:
                match = draw(st.sampled_from(numbers))
                data[match.start() : match.end()] = draw(st.sampled_from(HOSTILE_NUMBERS)).encode()
    return bytes(data)


def _rezipped(original: bytes, qde: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, qde if info.filename.lower().endswith(".qde") else source.read(info))
    return out.getvalue()


def _qde_of(archive: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(archive)) as source:
        return next(source.read(n) for n in source.namelist() if n.lower().endswith(".qde"))


def _fuzz(tmp_path: Path, suffix: str, seeds: list[bytes]) -> Callable[[], None]:
    if not seeds:
        pytest.skip("no seed files")

    @FUZZ
    @given(mutated(seeds))
    def run(data: bytes) -> None:
        path = tmp_path / f"fuzz{suffix}"
        path.write_bytes(data)
        check_read(path)

    return run


def test_fuzz_codebooks(tmp_path: Path) -> None:
    _fuzz(tmp_path, ".qdc", _seed_files(".qdc"))()


def test_fuzz_bare_projects(tmp_path: Path) -> None:
    _fuzz(tmp_path, ".qde", _seed_files(".qde"))()


def test_fuzz_archive_bytes(tmp_path: Path) -> None:
    _fuzz(tmp_path, ".qdpx", [_own_qdpx(), *_seed_files(".qdpx")])()


def test_fuzz_project_inside_archives(tmp_path: Path) -> None:
    archives = [_own_qdpx(), *_seed_files(".qdpx")]

    @FUZZ
    @given(st.sampled_from(archives).flatmap(lambda a: mutated([_qde_of(a)]).map(lambda q: _rezipped(a, q))))
    def run(data: bytes) -> None:
        path = tmp_path / "fuzz.qdpx"
        path.write_bytes(data)
        check_read(path)

    run()


@pytest.mark.parametrize("name", sorted(p.name for p in REGRESSIONS.glob("*.*") if p.suffix in READERS))
def test_regressions_read_or_are_refused(name: str) -> None:
    check_read(REGRESSIONS / name)
