"""The integration tests' choice of server: GRAPHBUILD_TEST_NEO4J_URI names an existing (throw-away) one."""
from __future__ import annotations

import pytest

from conftest import existing_server, free_port


def test_no_variable_means_the_suite_starts_its_own_server():
    assert existing_server({}) is None


def test_a_uri_without_a_password_fails_with_one_clear_line():
    with pytest.raises(pytest.fail.Exception, match="GRAPHBUILD_TEST_NEO4J_PASSWORD is not"):
        existing_server({"GRAPHBUILD_TEST_NEO4J_URI": "bolt://127.0.0.1:7687"})


def test_an_unreachable_server_fails_and_names_it():
    uri = f"bolt://127.0.0.1:{free_port()}"
    with pytest.raises(pytest.fail.Exception, match=f"GRAPHBUILD_TEST_NEO4J_URI={uri}: cannot use .*not reachable"):
        existing_server({"GRAPHBUILD_TEST_NEO4J_URI": uri, "GRAPHBUILD_TEST_NEO4J_PASSWORD": "x"})
