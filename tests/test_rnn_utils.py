"""Unit tests of the activation helpers (labutils.rnn_utils)."""

import numpy as np

from labutils.rnn_utils import sigmoid, softmax


def test_softmax_columns_sum_to_one_and_keep_order():
    z = np.array([[1.0, -2.0], [2.0, 0.0], [3.0, 5.0]])
    p = softmax(z)
    np.testing.assert_allclose(p.sum(axis=0), [1.0, 1.0])
    assert (np.argmax(p, axis=0) == np.argmax(z, axis=0)).all()


def test_softmax_matches_the_definition():
    z = np.array([[0.5], [1.5], [-1.0]])
    expected = np.exp(z) / np.exp(z).sum()
    np.testing.assert_allclose(softmax(z), expected)


def test_softmax_is_stable_for_large_inputs():
    p = softmax(np.array([[1000.0], [1001.0]]))
    assert np.isfinite(p).all()
    np.testing.assert_allclose(p[:, 0], [1 / (1 + np.e), np.e / (1 + np.e)])


def test_sigmoid_values_and_symmetry():
    x = np.array([-3.0, 0.0, 2.0])
    np.testing.assert_allclose(sigmoid(x), 1 / (1 + np.exp(-x)))
    assert sigmoid(np.array(0.0)) == 0.5
    np.testing.assert_allclose(sigmoid(x) + sigmoid(-x), 1.0)


def test_softmax_of_a_column_far_below_the_others():
    """Subtracting the whole array's maximum made this second column 0/0 (nan)."""
    x = np.array([[0.0, -1000.0], [1.0, -999.0]])
    result = softmax(x)
    assert np.all(np.isfinite(result))
    np.testing.assert_allclose(result.sum(axis=0), 1.0)
    np.testing.assert_allclose(result[:, 1], result[:, 0])  # softmax ignores a shift of a column
