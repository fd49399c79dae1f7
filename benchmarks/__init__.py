"""Benchmarks of framework-qa's performance targets, runnable by anyone as `python -m benchmarks NAME`.

Each `bench_NAME.py` module times one path on a synthetic corpus (`benchmarks.corpus`) and reports its
median with the ratio against a baseline measured in the same run (`benchmarks.timing`). See README.md.
"""
