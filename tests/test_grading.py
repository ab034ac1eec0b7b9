"""labutils.grading.substituted swaps names in a namespace and always puts them back."""

import pytest

from labutils.grading import substituted


def test_substituted_swaps_and_restores():
    namespace = {"cell": "student's", "other": 1}
    with substituted(namespace, cell="stand-in", new="added"):
        assert namespace["cell"] == "stand-in" and namespace["new"] == "added"
    assert namespace == {"cell": "student's", "other": 1}


def test_substituted_restores_after_an_error():
    namespace = {"cell": "student's"}
    with pytest.raises(ZeroDivisionError):
        with substituted(namespace, cell="stand-in"):
            1 / 0
    assert namespace == {"cell": "student's"}


def test_a_function_sees_the_stand_in_through_its_globals():
    def caller():
        return helper()

    namespace = caller.__globals__
    had_helper = "helper" in namespace
    with substituted(namespace, helper=lambda: "stand-in"):
        assert caller() == "stand-in"
    assert ("helper" in namespace) == had_helper
