"""Unit tests of labutils.charmodel, the helpers of the dinosaur-names chapter."""

import numpy as np
import pytest

from labutils import charmodel, gradcheck

VOCAB = 27


def random_parameters(n_a, n_x=VOCAB, n_y=VOCAB, seed=0):
    """Parameters of moderate size (weights and biases all non-zero), so every term matters."""
    rng = np.random.default_rng(seed)
    return {
        "Wax": rng.normal(0, 0.5, (n_a, n_x)),
        "Waa": rng.normal(0, 0.5, (n_a, n_a)),
        "Wya": rng.normal(0, 0.5, (n_y, n_a)),
        "b": rng.normal(0, 0.5, (n_a, 1)),
        "by": rng.normal(0, 0.5, (n_y, 1)),
    }


def name_to_XY(name):
    X = [None] + [ord(ch) - ord("a") + 1 for ch in name]
    return X, X[1:] + [0]


def step_by_step(X, Y, a0, parameters):
    """The original exercise's rnn_forward and rnn_backward, built from the one-step functions."""
    a, x, y_hat = {-1: a0}, {}, {}
    loss = 0.0
    for t in range(len(X)):
        x[t] = np.zeros((VOCAB, 1))
        if X[t] is not None:
            x[t][X[t]] = 1
        a[t], y_hat[t] = charmodel.rnn_step_forward(parameters, a[t - 1], x[t])
        loss -= np.log(y_hat[t][Y[t], 0])
    gradients = {"d" + name: np.zeros_like(value) for name, value in parameters.items()}
    gradients["da_next"] = np.zeros_like(a0)
    for t in reversed(range(len(X))):
        dy = np.copy(y_hat[t])
        dy[Y[t]] -= 1
        charmodel.rnn_step_backward(dy, gradients, parameters, x[t], a[t], a[t - 1])
    return loss, gradients, a, y_hat


def test_initialize_parameters_is_seeded_small_and_zero_biased():
    p1 = charmodel.initialize_parameters(50, VOCAB, VOCAB)
    p2 = charmodel.initialize_parameters(50, VOCAB, VOCAB)
    assert {k: v.shape for k, v in p1.items()} == {
        "Wax": (50, VOCAB), "Waa": (50, 50), "Wya": (VOCAB, 50), "b": (50, 1), "by": (VOCAB, 1)}
    for name in p1:
        np.testing.assert_array_equal(p1[name], p2[name])
    assert not p1["b"].any() and not p1["by"].any()
    assert 0.005 < p1["Waa"].std() < 0.015
    np.random.seed(1)
    np.testing.assert_array_equal(p1["Wax"], np.random.randn(50, VOCAB) * 0.01)


def test_rnn_step_forward_gives_probabilities():
    parameters = random_parameters(6)
    x = np.zeros((VOCAB, 1))
    x[3] = 1
    a_next, p = charmodel.rnn_step_forward(parameters, np.zeros((6, 1)), x)
    assert a_next.shape == (6, 1) and p.shape == (VOCAB, 1)
    np.testing.assert_allclose(a_next, np.tanh(parameters["Wax"][:, [3]] + parameters["b"]))
    assert np.all(p > 0) and p.sum() == pytest.approx(1.0)


@pytest.mark.parametrize("name", ["trex", "hylosaurushypacrosaurus", "a"])
@pytest.mark.parametrize("with_none", [True, False])
def test_sequence_functions_equal_the_step_functions(name, with_none):
    parameters = random_parameters(7)
    X, Y = name_to_XY(name)
    if not with_none:  # as in the optimize test: no zero input
        X = X[1:] + [5]
    a0 = np.random.default_rng(1).normal(size=(7, 1))

    loss, cache = charmodel.rnn_forward(X, Y, a0, parameters)
    gradients, a = charmodel.rnn_backward(X, Y, parameters, cache)
    loss_ref, gradients_ref, a_ref, y_hat_ref = step_by_step(X, Y, a0, parameters)

    assert loss == pytest.approx(loss_ref, rel=1e-12)
    assert a.shape == (len(X), 7, 1)
    for t in range(len(X)):
        np.testing.assert_allclose(a[t], a_ref[t], rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(cache[0][t], y_hat_ref[t][:, 0], rtol=1e-12, atol=1e-15)
    assert sorted(gradients) == sorted(["dWax", "dWaa", "dWya", "db", "dby"])
    for key, value in gradients.items():
        assert value.shape == parameters[key[1:]].shape
        np.testing.assert_allclose(value, gradients_ref[key], rtol=1e-10, atol=1e-12)


def test_rnn_backward_matches_finite_differences():
    parameters = random_parameters(5)
    X, Y = name_to_XY("trex")
    a0 = np.random.default_rng(2).normal(size=(5, 1))
    _, cache = charmodel.rnn_forward(X, Y, a0, parameters)
    gradients, _ = charmodel.rnn_backward(X, Y, parameters, cache)
    table = gradcheck.gradient_check_table(
        lambda: charmodel.rnn_forward(X, Y, a0, parameters)[0],
        arrays={"d" + name: value for name, value in parameters.items()},
        analytic_gradients=gradients,
    )
    assert (table["relative error"] < 1e-7).all(), table


def test_published_optimize_test_values_before_clipping():
    """Report 000's optimize test: the loss, and gradients too small to be clipped."""
    np.random.seed(1)
    a_prev = np.random.randn(100, 1)
    Wax, Waa, Wya = np.random.randn(100, VOCAB), np.random.randn(100, 100), np.random.randn(VOCAB, 100)
    b, by = np.random.randn(100, 1), np.random.randn(VOCAB, 1)
    parameters = {"Wax": Wax, "Waa": Waa, "Wya": Wya, "b": b, "by": by}
    X, Y = [12, 3, 5, 11, 22, 3], [4, 14, 11, 22, 25, 26]
    loss, cache = charmodel.rnn_forward(X, Y, a_prev, parameters)
    gradients, a = charmodel.rnn_backward(X, Y, parameters, cache)
    assert loss == pytest.approx(126.5039757216538, rel=1e-12)
    assert gradients["dWaa"][1][2] == pytest.approx(0.19470931534716257, rel=1e-10)
    assert gradients["dWya"][1][2] == pytest.approx(-0.007773876032002955, rel=1e-10)
    assert gradients["db"][4, 0] == pytest.approx(-0.06809825, abs=5e-9)
    assert gradients["dby"][1, 0] == pytest.approx(0.01538192, abs=5e-9)
    assert a[len(X) - 1].shape == (100, 1) and a[len(X) - 1][4, 0] == pytest.approx(-1.0)


def test_update_parameters_is_a_gradient_step_in_place():
    parameters = random_parameters(4)
    before = {k: v.copy() for k, v in parameters.items()}
    gradients = {"d" + k: np.ones_like(v) for k, v in parameters.items()}
    result = charmodel.update_parameters(parameters, gradients, 0.1)
    assert result is parameters
    for name in parameters:
        np.testing.assert_allclose(parameters[name], before[name] - 0.1)


def test_initial_loss_and_smoothing():
    assert charmodel.get_initial_loss(27, 7) == pytest.approx(7 * np.log(27))
    assert charmodel.smooth(10.0, 20.0) == pytest.approx(10.01)


def test_format_and_print_sample(capsys):
    ix_to_char = {0: "\n", **{i: chr(ord("a") + i - 1) for i in range(1, 27)}}
    indices = [20, 18, 5, 24, 0]
    assert charmodel.format_sample(indices, ix_to_char) == "Trex\n"
    charmodel.print_sample(indices, ix_to_char)
    charmodel.print_sample(indices, ix_to_char)
    assert capsys.readouterr().out == "Trex\nTrex\n"


def test_one_hot_rows():
    x = charmodel.one_hot_rows([None, 2, 0], 4)
    np.testing.assert_array_equal(x, [[0, 0, 0, 0], [0, 0, 1, 0], [1, 0, 0, 0]])
