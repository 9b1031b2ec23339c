"""Benchmarks and load tests that are not part of `make test`.

    python -m bilat.benchmarks.loadtest      the API under 50 concurrent clients (issue 6)

`synthetic` builds large stores of made-up events for them.
"""
