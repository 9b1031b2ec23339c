"""Compatibility with other event coders: read their dictionaries, pass their test suites.

    bilat.compat.petrarch   TABARI / PETRARCH-2 dictionaries (.verbs, .actors, .agents,
                            .discards, .issues), a coder that uses them, and a runner for
                            the PETRARCH validation-records format.

Nothing here ships third-party dictionaries: users point bilat at their own copy.
"""
