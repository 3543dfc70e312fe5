"""The tests; a package so that they import their helpers as ``tests.conftest`` and ``tests.contract_text``."""
