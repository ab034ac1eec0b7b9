"""Tests of labutils.cells against the values published in report 000, section 4.1.

The random draws are the reports' test cells (np.random.seed(1), then the arrays in the
order the cells draw them). Arrays are compared to the 8 printed decimals; full-precision
scalars to 1e-12 (their last digits depend on the BLAS library).
"""

import numpy as np
import pytest

from labutils import cells


def draw(shapes):
    """Seed numpy with 1 and draw standard normal arrays of the given shapes, in order."""
    np.random.seed(1)
    return {name: np.random.randn(*shape) for name, shape in shapes}


def lstm_shapes(x_shape):
    """The draws of the reports' LSTM test cells; x_shape is (3, 10) or (3, 10, 7)."""
    state = [("c_prev", (5, 10))] if len(x_shape) == 2 else []
    return [("x", x_shape), ("a0", (5, 10))] + state + [
        ("Wf", (5, 8)), ("bf", (5, 1)), ("Wi", (5, 8)), ("bi", (5, 1)),
        ("Wo", (5, 8)), ("bo", (5, 1)), ("Wc", (5, 8)), ("bc", (5, 1)),
        ("Wy", (2, 5)), ("by", (2, 1)),
    ]


def parameters_of(draws, names):
    return {name: draws[name] for name in names}


RNN_NAMES = ["Waa", "Wax", "Wya", "ba", "by"]
LSTM_NAMES = ["Wf", "bf", "Wi", "bi", "Wo", "bo", "Wc", "bc", "Wy", "by"]
RNN_SHAPES = [("Waa", (5, 5)), ("Wax", (5, 3)), ("Wya", (2, 5)), ("ba", (5, 1)), ("by", (2, 1))]


def test_rnn_cell_forward_matches_report_000():
    d = draw([("xt", (3, 10)), ("a_prev", (5, 10))] + RNN_SHAPES)
    a_next, yt_pred, cache = cells.rnn_cell_forward(d["xt"], d["a_prev"], parameters_of(d, RNN_NAMES))
    np.testing.assert_allclose(a_next[4], [0.59584544, 0.18141802, 0.61311866, 0.99808218, 0.85016201,
                                           0.99980978, -0.18887155, 0.99815551, 0.6531151, 0.82872037],
                               atol=1e-8)
    np.testing.assert_allclose(yt_pred[1], [0.9888161, 0.01682021, 0.21140899, 0.36817467, 0.98988387,
                                            0.88945212, 0.36920224, 0.9966312, 0.9982559, 0.17746526],
                               atol=1e-8)
    assert a_next.shape == (5, 10) and yt_pred.shape == (2, 10)
    assert len(cache) == 4 and cache[1] is d["a_prev"] and cache[2] is d["xt"]


def test_rnn_forward_matches_report_000():
    d = draw([("x", (3, 10, 4)), ("a0", (5, 10))] + RNN_SHAPES)
    a, y_pred, caches = cells.rnn_forward(d["x"], d["a0"], parameters_of(d, RNN_NAMES))
    np.testing.assert_allclose(a[4][1], [-0.99999375, 0.77911235, -0.99861469, -0.99833267], atol=1e-8)
    np.testing.assert_allclose(y_pred[1][3], [0.79560373, 0.86224861, 0.11118257, 0.81515947], atol=1e-8)
    np.testing.assert_allclose(caches[1][1][3], [-1.1425182, -0.34934272, -0.20889423, 0.58662319],
                               atol=1e-8)
    assert a.shape == (5, 10, 4) and y_pred.shape == (2, 10, 4)
    assert len(caches) == 2 and len(caches[0]) == 4


def test_lstm_cell_forward_matches_report_000():
    d = draw(lstm_shapes((3, 10)))
    a_next, c_next, yt, cache = cells.lstm_cell_forward(d["x"], d["a0"], d["c_prev"],
                                                        parameters_of(d, LSTM_NAMES))
    np.testing.assert_allclose(a_next[4], [-0.66408471, 0.0036921, 0.02088357, 0.22834167, -0.85575339,
                                           0.00138482, 0.76566531, 0.34631421, -0.00215674, 0.43827275],
                               atol=1e-8)
    np.testing.assert_allclose(c_next[2], [0.63267805, 1.00570849, 0.35504474, 0.20690913, -1.64566718,
                                           0.11832942, 0.76449811, -0.0981561, -0.74348425, -0.26810932],
                               atol=1e-8)
    np.testing.assert_allclose(yt[1], [0.79913913, 0.15986619, 0.22412122, 0.15606108, 0.97057211,
                                       0.31146381, 0.00943007, 0.12666353, 0.39380172, 0.07828381],
                               atol=1e-8)
    np.testing.assert_allclose(cache[1][3], [-0.16263996, 1.03729328, 0.72938082, -0.54101719,
                                             0.02752074, -0.30821874, 0.07651101, -1.03752894,
                                             1.41219977, -0.37647422], atol=1e-8)
    assert a_next.shape == c_next.shape == (5, 10) and yt.shape == (2, 10)
    assert len(cache) == 10


def test_lstm_forward_matches_report_000():
    d = draw(lstm_shapes((3, 10, 7)))
    a, y, c, caches = cells.lstm_forward(d["x"], d["a0"], parameters_of(d, LSTM_NAMES))
    assert a[4][3][6] == pytest.approx(0.17211776753291672, abs=1e-12)
    assert y[1][4][3] == pytest.approx(0.9508734618501101, abs=1e-12)
    assert c[1][2][1] == pytest.approx(-0.8555449167181982, abs=1e-12)
    np.testing.assert_allclose(caches[1][1][1], [0.82797464, 0.23009474, 0.76201118, -0.22232814,
                                                 -0.20075807, 0.18656139, 0.41005165], atol=1e-8)
    assert a.shape == c.shape == (5, 10, 7) and y.shape == (2, 10, 7)
    assert len(caches) == 2 and len(caches[0]) == 7


def test_lstm_forward_steps_are_the_cell():
    """Each step of lstm_forward is lstm_cell_forward fed with the previous step's states."""
    d = draw(lstm_shapes((3, 10, 7)))
    parameters = parameters_of(d, LSTM_NAMES)
    a, y, c, _ = cells.lstm_forward(d["x"], d["a0"], parameters)
    a_next, c_next, yt, _ = cells.lstm_cell_forward(d["x"][:, :, 3], a[:, :, 2], c[:, :, 2], parameters)
    np.testing.assert_array_equal(a_next, a[:, :, 3])
    np.testing.assert_array_equal(c_next, c[:, :, 3])
    np.testing.assert_array_equal(yt, y[:, :, 3])
