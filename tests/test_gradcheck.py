"""Unit tests of the finite-difference gradient checks (labutils.gradcheck)."""

import numpy as np
import pytest

from labutils import gradcheck


def test_numerical_gradient_of_a_quadratic():
    w = np.array([[1.0, -2.0], [0.5, 3.0]])
    grad = gradcheck.numerical_gradient(lambda: np.sum(w**2), w)
    np.testing.assert_allclose(grad, 2 * w, rtol=1e-7)


def test_numerical_gradient_restores_the_array():
    w = np.array([1.0, 2.0, 3.0])
    before = w.copy()
    gradcheck.numerical_gradient(lambda: np.sum(np.sin(w)), w)
    np.testing.assert_array_equal(w, before)


def test_relative_error():
    assert gradcheck.relative_error(np.ones(3), np.ones(3)) == 0.0
    assert gradcheck.relative_error(np.zeros(3), np.zeros(3)) == 0.0
    assert gradcheck.relative_error(np.array([1.0]), np.array([-1.0])) == pytest.approx(1.0)


def test_gradient_check_table_flags_a_wrong_gradient():
    w = np.array([0.3, -0.7])
    b = np.array([0.1])

    def loss():
        return np.sum(np.tanh(w) * 2.0) + np.sum(b**3)

    right = {"w": 2.0 * (1 - np.tanh(w) ** 2), "b": 3 * b**2}
    wrong = {"w": 2.0 * np.ones_like(w), "b": 3 * b**2}
    table = gradcheck.gradient_check_table(loss, {"w": w, "b": b}, right)
    assert list(table.index) == ["w", "b"]
    assert (table["relative error"] < 1e-8).all()
    bad = gradcheck.gradient_check_table(loss, {"w": w, "b": b}, wrong)
    assert bad.loc["w", "relative error"] > 1e-2
