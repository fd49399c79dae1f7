"""`python -m benchmarks NAME [options]` runs `benchmarks.bench_NAME.main(options)`.

With no name (or `--list`), lists the available benchmarks with the first line of each module's
docstring, read from the source so listing never imports a benchmark's dependencies.
"""

from __future__ import annotations

import ast
import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def available() -> dict[str, str]:
    """Benchmark names (bench_NAME.py files next to this one) with their one-line summaries."""
    out: dict[str, str] = {}
    for path in sorted(HERE.glob("bench_*.py")):
        try:
            doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        except SyntaxError:
            doc = "(cannot be parsed)"
        out[path.stem.removeprefix("bench_")] = doc.strip().splitlines()[0] if doc.strip() else ""
    return out


def list_benchmarks() -> None:
    benches = available()
    print("usage: python -m benchmarks NAME [options]   (python -m benchmarks NAME --help for options)")
    print("benchmarks:")
    width = max((len(n) for n in benches), default=0)
    for name, summary in benches.items():
        print(f"  {name.ljust(width)}  {summary}")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in ("-h", "--help", "--list", "list"):
        list_benchmarks()
        return 0
    name, rest = args[0], args[1:]
    if name not in available():
        print(f"no benchmark named '{name}'; available: {', '.join(available()) or '(none)'}", file=sys.stderr)
        return 2
    module = importlib.import_module(f"benchmarks.bench_{name}")
    return int(module.main(rest) or 0)


if __name__ == "__main__":
    sys.exit(main())
