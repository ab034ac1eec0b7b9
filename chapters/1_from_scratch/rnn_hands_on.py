# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # RNN hands-on: forward and backward passes in numpy
#
# **Objective.** [The previous chapter](rnn_by_hand.ipynb) computed a tiny RNN by hand, one
# example and one time step at a time. Here we build a recurrent neural network (RNN) and a long
# short-term memory (LSTM) network from scratch in numpy, for any sizes and a whole batch of
# examples at once: one cell first, then the loop over a whole sequence, then the backward pass
# of the RNN, backpropagation through time. Every function is tested on the same random draws as
# the source reports, so you can hold this page against them, and the backward pass is proven
# correct with finite differences.
#
# Symbols and shapes: see the [notation page](../../notation.md).
#
# **Sources.** Report 000 (Irvan Ariyanto, ITB), sections 3.1 and 4.1, and report 001 (Amany
# Akhyar, ITB), section 3.1. Both reproduce the same classic exercise; where their printed
# numbers disagree, the blocks "About the source report" say which one is right and why.
#
# **Notation.** A superscript $\langle t \rangle$ is a time step, $n_x$ the number of input
# features, $n_a$ the number of hidden units, $n_y$ the number of outputs, $m$ the number of
# examples in a batch and $T_x$ the length of the sequence. Arrays hold one example per column:
# an input $x^{\langle t \rangle}$ has shape $(n_x, m)$ and a whole input sequence $x$ has shape
# $(n_x, m, T_x)$.

# %%
import numpy as np

import labutils
from labutils import diagrams, gradcheck
from labutils.grading import substituted
from labutils.rnn_utils import sigmoid, softmax

print("labutils", labutils.__version__)

# %% [markdown]
# Every test cell below seeds numpy itself with `np.random.seed(1)`, exactly as the reports do,
# so the chapter needs no global seed: each cell's random draws are the reports' draws.
#
# ## The RNN cell, forward
#
# One step of a basic RNN reads the input $x^{\langle t \rangle}$ and the previous hidden state
# $a^{\langle t-1 \rangle}$, and produces the next hidden state and a prediction:
#
# $$a^{\langle t \rangle} = \tanh\left(W_{ax} x^{\langle t \rangle} + W_{aa} a^{\langle t-1 \rangle} + b_a\right),
# \qquad
# \hat{y}^{\langle t \rangle} = \operatorname{softmax}\left(W_{ya} a^{\langle t \rangle} + b_y\right).$$

# %% mystnb={"image": {"alt": "One basic RNN cell: the previous hidden state a(t-1) times Waa, plus the input x(t) times Wax, plus the bias ba, goes through tanh and gives the new hidden state a(t). a(t) goes on to the next time step and up to the prediction y-hat(t) = softmax(Wya a(t) + by)."}} tags=["remove-input"]
diagrams.show("rnn_cell")

# %% [markdown]
# | parameter | shape | role |
# |---|---|---|
# | $W_{ax}$ | $(n_a, n_x)$ | input to hidden |
# | $W_{aa}$ | $(n_a, n_a)$ | hidden to hidden (the recurrence) |
# | $W_{ya}$ | $(n_y, n_a)$ | hidden to output |
# | $b_a$, $b_y$ | $(n_a, 1)$, $(n_y, 1)$ | biases, broadcast over the $m$ columns |
#
# The cell also returns a **cache** `(a_next, a_prev, xt, parameters)`: everything the backward
# pass will need, so that it does not have to recompute the forward pass.

# %% nbgrader={"grade": false, "grade_id": "rnn_cell_forward", "locked": false, "schema_version": 3, "solution": true, "task": false}
def rnn_cell_forward(xt, a_prev, parameters):
    """One forward step of a basic RNN cell.

    xt: input at time t, shape (n_x, m)
    a_prev: hidden state at time t-1, shape (n_a, m)
    parameters: dict with Wax (n_a, n_x), Waa (n_a, n_a), Wya (n_y, n_a),
                ba (n_a, 1) and by (n_y, 1)
    Returns a_next (n_a, m), yt_pred (n_y, m)
    and cache = (a_next, a_prev, xt, parameters).
    """
    ### BEGIN SOLUTION
    Wax, Waa, Wya = parameters["Wax"], parameters["Waa"], parameters["Wya"]
    ba, by = parameters["ba"], parameters["by"]

    a_next = np.tanh(np.dot(Wax, xt) + np.dot(Waa, a_prev) + ba)
    yt_pred = softmax(np.dot(Wya, a_next) + by)

    cache = (a_next, a_prev, xt, parameters)
    return a_next, yt_pred, cache
    ### END SOLUTION


# %% [markdown]
# The reports' test: 10 examples with 3 features, 5 hidden units, 2 outputs.

# %%
np.random.seed(1)
xt = np.random.randn(3, 10)
a_prev = np.random.randn(5, 10)
Waa = np.random.randn(5, 5)
Wax = np.random.randn(5, 3)
Wya = np.random.randn(2, 5)
ba = np.random.randn(5, 1)
by = np.random.randn(2, 1)
parameters = {"Waa": Waa, "Wax": Wax, "Wya": Wya, "ba": ba, "by": by}

a_next, yt_pred, cache = rnn_cell_forward(xt, a_prev, parameters)
print("a_next[4] =", a_next[4])
print("a_next.shape =", a_next.shape)
print("yt_pred[1] =", yt_pred[1])
print("yt_pred.shape =", yt_pred.shape)

# %% nbgrader={"grade": true, "grade_id": "test_rnn_cell_forward", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false} tags=["hide-input"]
# Graded tests of rnn_cell_forward (2 points). Visible: the reports' test, to the printed
# decimals. More tests run when your notebook is graded.
def test_rnn_cell_forward_on_the_reports_draws():
    np.random.seed(1)
    xt, a_prev = np.random.randn(3, 10), np.random.randn(5, 10)
    shapes = {"Waa": (5, 5), "Wax": (5, 3), "Wya": (2, 5), "ba": (5, 1), "by": (2, 1)}
    parameters = {name: np.random.randn(*shape) for name, shape in shapes.items()}
    a_next, yt_pred, cache = rnn_cell_forward(xt, a_prev, parameters)
    assert a_next.shape == (5, 10) and yt_pred.shape == (2, 10)
    np.testing.assert_allclose(a_next[4], [0.59584544, 0.18141802, 0.61311866, 0.99808218, 0.85016201,
                                           0.99980978, -0.18887155, 0.99815551, 0.6531151, 0.82872037],
                               atol=1e-8)
    np.testing.assert_allclose(yt_pred[1], [0.9888161, 0.01682021, 0.21140899, 0.36817467, 0.98988387,
                                            0.88945212, 0.36920224, 0.9966312, 0.9982559, 0.17746526],
                               atol=1e-8)
    assert len(cache) == 4, "cache = (a_next, a_prev, xt, parameters)"
    for cached, expected in zip(cache[:3], (a_next, a_prev, xt)):
        np.testing.assert_array_equal(cached, expected)


test_rnn_cell_forward_on_the_reports_draws()
### BEGIN HIDDEN TESTS
def hidden_test_rnn_cell_forward(n_x, n_a, n_y, m, seed):
    """Other shapes and draws; the formula; softmax columns sum to one; states in (-1, 1)."""
    rng = np.random.default_rng(seed)
    xt, a_prev = rng.normal(size=(n_x, m)), rng.normal(size=(n_a, m))
    shapes = {"Waa": (n_a, n_a), "Wax": (n_a, n_x), "Wya": (n_y, n_a), "ba": (n_a, 1), "by": (n_y, 1)}
    p = {name: rng.normal(size=shape) for name, shape in shapes.items()}
    a_next, yt_pred, cache = rnn_cell_forward(xt, a_prev, p)
    expected_a = np.tanh(p["Wax"] @ xt + p["Waa"] @ a_prev + p["ba"])
    z = np.exp(p["Wya"] @ expected_a + p["by"])
    np.testing.assert_allclose(a_next, expected_a, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(yt_pred, z / z.sum(axis=0), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(yt_pred.sum(axis=0), 1.0, rtol=1e-12)
    assert np.all(np.abs(a_next) < 1)
    for cached, expected in zip(cache[:3], (a_next, a_prev, xt)):
        np.testing.assert_array_equal(cached, expected)


hidden_test_rnn_cell_forward(n_x=2, n_a=4, n_y=3, m=1, seed=11)
hidden_test_rnn_cell_forward(n_x=6, n_a=3, n_y=5, m=7, seed=12)
### END HIDDEN TESTS

# %% [markdown]
# These are the values report 000 prints (section 4.1). Report 001 shows this output only as a
# screenshot (its Fig. 6), which the text copy does not keep.
#
# ## The RNN over a sequence, forward
#
# The same cell, with the same parameters, is applied at every time step; the hidden state of
# step $t$ is the input state of step $t+1$. The initial state $a^{\langle 0 \rangle}$ is an
# argument. We store every hidden state in `a` (shape $(n_a, m, T_x)$), every prediction in
# `y_pred` (shape $(n_y, m, T_x)$), and the caches of all steps in a list.

# %% mystnb={"image": {"alt": "An RNN unrolled over time: a row of identical RNN cells, one per time step. Each cell reads the input x of its step and the hidden state a of the step before (a0 at the start), passes its new state on to the next cell and emits a prediction y-hat; every step uses the same parameters Wax, Waa, Wya, ba and by."}} tags=["remove-input"]
diagrams.show("rnn_unrolled")

# %% nbgrader={"grade": false, "grade_id": "rnn_forward", "locked": false, "schema_version": 3, "solution": true, "task": false}
def rnn_forward(x, a0, parameters):
    """Forward pass of a basic RNN over a whole sequence.

    x: inputs, shape (n_x, m, T_x); a0: initial hidden state, shape (n_a, m).
    Returns a (n_a, m, T_x), y_pred (n_y, m, T_x) and caches = (list of cell caches, x).
    """
    ### BEGIN SOLUTION
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wya"].shape

    a = np.zeros((n_a, m, T_x))
    y_pred = np.zeros((n_y, m, T_x))
    caches = []

    a_next = a0
    for t in range(T_x):
        a_next, yt_pred, cache = rnn_cell_forward(x[:, :, t], a_next, parameters)
        a[:, :, t] = a_next
        y_pred[:, :, t] = yt_pred
        caches.append(cache)

    return a, y_pred, (caches, x)
    ### END SOLUTION


# %%
np.random.seed(1)
x = np.random.randn(3, 10, 4)
a0 = np.random.randn(5, 10)
Waa = np.random.randn(5, 5)
Wax = np.random.randn(5, 3)
Wya = np.random.randn(2, 5)
ba = np.random.randn(5, 1)
by = np.random.randn(2, 1)
parameters = {"Waa": Waa, "Wax": Wax, "Wya": Wya, "ba": ba, "by": by}

a, y_pred, caches = rnn_forward(x, a0, parameters)
print("a[4][1] =", a[4][1])
print("a.shape =", a.shape)
print("y_pred[1][3] =", y_pred[1][3])
print("y_pred.shape =", y_pred.shape)
print("caches[1][1][3] =", caches[1][1][3])
print("len(caches) =", len(caches))

# %% nbgrader={"grade": true, "grade_id": "test_rnn_forward", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false} tags=["hide-input"]
# Graded tests of rnn_forward (2 points). They run your loop with a stand-in for
# rnn_cell_forward whose outputs are easy to predict, so they test the loop alone: a mistake
# in rnn_cell_forward is not counted twice. More tests run when your notebook is graded.
def stand_in_rnn_cell(xt, a_prev, parameters):
    """Not an RNN cell: a_next = a_prev + (sum of the inputs), yt_pred = Wya a_next."""
    a_next = a_prev + xt.sum(axis=0)
    return a_next, parameters["Wya"] @ a_next, (a_next, a_prev, xt, parameters)


def check_rnn_forward_loop(n_x, n_a, n_y, m, T_x, seed):
    rng = np.random.default_rng(seed)
    x, a0 = rng.normal(size=(n_x, m, T_x)), rng.normal(size=(n_a, m))
    shapes = {"Waa": (n_a, n_a), "Wax": (n_a, n_x), "Wya": (n_y, n_a), "ba": (n_a, 1), "by": (n_y, 1)}
    parameters = {name: rng.normal(size=shape) for name, shape in shapes.items()}
    with substituted(globals(), rnn_cell_forward=stand_in_rnn_cell):
        a, y_pred, caches = rnn_forward(x, a0, parameters)
    expected_a = a0[:, :, np.newaxis] + np.cumsum(x.sum(axis=0), axis=1)
    assert a.shape == (n_a, m, T_x) and y_pred.shape == (n_y, m, T_x)
    np.testing.assert_allclose(a, expected_a, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(y_pred, np.einsum("ya,amt->ymt", parameters["Wya"], expected_a),
                               rtol=1e-12, atol=1e-12)
    cell_caches, cached_x = caches
    np.testing.assert_array_equal(cached_x, x)
    assert len(cell_caches) == T_x, "one cache per time step"
    for t, (_, a_prev, xt, _) in enumerate(cell_caches):
        np.testing.assert_array_equal(xt, x[:, :, t])
        np.testing.assert_allclose(a_prev, a0 if t == 0 else expected_a[:, :, t - 1], rtol=1e-12, atol=1e-12)


check_rnn_forward_loop(n_x=3, n_a=5, n_y=2, m=10, T_x=4, seed=1)  # the reports' shapes
### BEGIN HIDDEN TESTS
check_rnn_forward_loop(n_x=2, n_a=4, n_y=3, m=1, T_x=1, seed=21)
check_rnn_forward_loop(n_x=4, n_a=2, n_y=6, m=3, T_x=9, seed=22)
### END HIDDEN TESTS

# %% [markdown]
# Both reports print these values. The bias `ba` drawn in this test is used once more, by the
# reports' test of the RNN cell's backward pass; the next cell keeps it under a name of its own.
#
# :::{admonition} About the source report: report 001's `rnn_forward` test cell
# :class: dropdown
# The test cell of report 001 draws `ba` with shape `(2, 1)` and never draws `by`; that cannot
# be what produced its output, which equals report 000's. It is an error of the text copy, and
# this chapter follows report 000's cell.
# :::

# %%
rnn_forward_test_ba = ba  # the bias of this test, which the rnn_cell_backward test reuses

# %% [markdown]
# ## The LSTM cell, forward
#
# An LSTM cell keeps a second state, the **memory cell** $c^{\langle t \rangle}$, and three
# gates with values in $(0, 1)$ decide what to forget, what to write and what to show. With the
# concatenation $[a^{\langle t-1 \rangle}; x^{\langle t \rangle}]$ (shape $(n_a + n_x, m)$,
# hidden state on top):
#
# $$
# \begin{aligned}
# \Gamma_f^{\langle t \rangle} &= \sigma\left(W_f [a^{\langle t-1 \rangle}; x^{\langle t \rangle}] + b_f\right) && \text{forget gate} \\
# \Gamma_u^{\langle t \rangle} &= \sigma\left(W_i [a^{\langle t-1 \rangle}; x^{\langle t \rangle}] + b_i\right) && \text{update (input) gate} \\
# \tilde{c}^{\langle t \rangle} &= \tanh\left(W_c [a^{\langle t-1 \rangle}; x^{\langle t \rangle}] + b_c\right) && \text{candidate memory} \\
# c^{\langle t \rangle} &= \Gamma_f^{\langle t \rangle} \odot c^{\langle t-1 \rangle} + \Gamma_u^{\langle t \rangle} \odot \tilde{c}^{\langle t \rangle} && \text{new memory} \\
# \Gamma_o^{\langle t \rangle} &= \sigma\left(W_o [a^{\langle t-1 \rangle}; x^{\langle t \rangle}] + b_o\right) && \text{output gate} \\
# a^{\langle t \rangle} &= \Gamma_o^{\langle t \rangle} \odot \tanh\left(c^{\langle t \rangle}\right) && \text{new hidden state} \\
# \hat{y}^{\langle t \rangle} &= \operatorname{softmax}\left(W_y a^{\langle t \rangle} + b_y\right) && \text{prediction}
# \end{aligned}
# $$
#
# Each $W$ of the gates has shape $(n_a, n_a + n_x)$ and each $b$ shape $(n_a, 1)$. The cache
# now holds ten items: `(a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)`; the
# chapter on the LSTM backward pass uses them. In a picture, the memory cell runs along the top,
# touched only by the forget gate and the update:

# %% mystnb={"image": {"alt": "The LSTM cell. Along the top, the memory cell c(t-1) is multiplied by the forget gate, then the update gate times the candidate memory is added, giving c(t). Below, the three sigmoid gates (forget, update, output) and the tanh candidate all read the previous hidden state a(t-1) and the input x(t); the new hidden state a(t) is the output gate times tanh(c(t))."}} tags=["remove-input"]
diagrams.show("lstm_cell")

# %% nbgrader={"grade": false, "grade_id": "lstm_cell_forward", "locked": false, "schema_version": 3, "solution": true, "task": false}
def lstm_cell_forward(xt, a_prev, c_prev, parameters):
    """One forward step of an LSTM cell.

    xt: (n_x, m); a_prev, c_prev: (n_a, m); parameters: dict with Wf, Wi, Wc, Wo of shape
    (n_a, n_a + n_x), bf, bi, bc, bo of shape (n_a, 1), Wy (n_y, n_a) and by (n_y, 1).
    Returns a_next, c_next, yt_pred and
    cache = (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters).
    """
    ### BEGIN SOLUTION
    Wf, bf = parameters["Wf"], parameters["bf"]
    Wi, bi = parameters["Wi"], parameters["bi"]
    Wc, bc = parameters["Wc"], parameters["bc"]
    Wo, bo = parameters["Wo"], parameters["bo"]
    Wy, by = parameters["Wy"], parameters["by"]

    concat = np.concatenate([a_prev, xt], axis=0)

    ft = sigmoid(np.dot(Wf, concat) + bf)
    it = sigmoid(np.dot(Wi, concat) + bi)
    cct = np.tanh(np.dot(Wc, concat) + bc)
    c_next = ft * c_prev + it * cct
    ot = sigmoid(np.dot(Wo, concat) + bo)
    a_next = ot * np.tanh(c_next)

    yt_pred = softmax(np.dot(Wy, a_next) + by)

    cache = (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)
    return a_next, c_next, yt_pred, cache
    ### END SOLUTION


# %%
np.random.seed(1)
xt = np.random.randn(3, 10)
a_prev = np.random.randn(5, 10)
c_prev = np.random.randn(5, 10)
Wf = np.random.randn(5, 5 + 3)
bf = np.random.randn(5, 1)
Wi = np.random.randn(5, 5 + 3)
bi = np.random.randn(5, 1)
Wo = np.random.randn(5, 5 + 3)
bo = np.random.randn(5, 1)
Wc = np.random.randn(5, 5 + 3)
bc = np.random.randn(5, 1)
Wy = np.random.randn(2, 5)
by = np.random.randn(2, 1)
parameters = {"Wf": Wf, "Wi": Wi, "Wo": Wo, "Wc": Wc, "Wy": Wy,
              "bf": bf, "bi": bi, "bo": bo, "bc": bc, "by": by}

a_next, c_next, yt, cache = lstm_cell_forward(xt, a_prev, c_prev, parameters)
print("a_next[4] =", a_next[4])
print("a_next.shape =", a_next.shape)
print("c_next[2] =", c_next[2])
print("c_next.shape =", c_next.shape)
print("yt[1] =", yt[1])
print("yt.shape =", yt.shape)
print("cache[1][3] =", cache[1][3])
print("len(cache) =", len(cache))

# %% nbgrader={"grade": true, "grade_id": "test_lstm_cell_forward", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false} tags=["hide-input"]
# Graded tests of lstm_cell_forward (3 points). Visible: the reports' test, to the printed
# decimals. More tests run when your notebook is graded.
LSTM_PARAMETER_NAMES = ["Wf", "bf", "Wi", "bi", "Wo", "bo", "Wc", "bc", "Wy", "by"]


def lstm_parameter_shapes(n_x, n_a, n_y):
    """The LSTM parameters in the reports' drawing order, with their shapes."""
    gate = {"W": (n_a, n_a + n_x), "b": (n_a, 1)}
    shapes = {name: gate[name[0]] for name in LSTM_PARAMETER_NAMES[:8]}
    return {**shapes, "Wy": (n_y, n_a), "by": (n_y, 1)}


def test_lstm_cell_forward_on_the_reports_draws():
    np.random.seed(1)
    xt, a_prev, c_prev = np.random.randn(3, 10), np.random.randn(5, 10), np.random.randn(5, 10)
    parameters = {name: np.random.randn(*shape) for name, shape in lstm_parameter_shapes(3, 5, 2).items()}
    a_next, c_next, yt, cache = lstm_cell_forward(xt, a_prev, c_prev, parameters)
    assert a_next.shape == c_next.shape == (5, 10) and yt.shape == (2, 10)
    np.testing.assert_allclose(a_next[4], [-0.66408471, 0.0036921, 0.02088357, 0.22834167, -0.85575339,
                                           0.00138482, 0.76566531, 0.34631421, -0.00215674, 0.43827275],
                               atol=1e-8)
    np.testing.assert_allclose(c_next[2], [0.63267805, 1.00570849, 0.35504474, 0.20690913, -1.64566718,
                                           0.11832942, 0.76449811, -0.0981561, -0.74348425, -0.26810932],
                               atol=1e-8)
    np.testing.assert_allclose(yt[1], [0.79913913, 0.15986619, 0.22412122, 0.15606108, 0.97057211,
                                       0.31146381, 0.00943007, 0.12666353, 0.39380172, 0.07828381],
                               atol=1e-8)
    assert len(cache) == 10, "cache = (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)"
    np.testing.assert_allclose(cache[1][3], [-0.16263996, 1.03729328, 0.72938082, -0.54101719, 0.02752074,
                                             -0.30821874, 0.07651101, -1.03752894, 1.41219977, -0.37647422],
                               atol=1e-8)


test_lstm_cell_forward_on_the_reports_draws()
### BEGIN HIDDEN TESTS
def hidden_test_lstm_cell_forward(n_x, n_a, n_y, m, seed):
    """Other shapes and draws; the equations; gates in (0, 1); softmax columns sum to one."""
    rng = np.random.default_rng(seed)
    xt, a_prev, c_prev = rng.normal(size=(n_x, m)), rng.normal(size=(n_a, m)), rng.normal(size=(n_a, m))
    p = {name: rng.normal(size=shape) for name, shape in lstm_parameter_shapes(n_x, n_a, n_y).items()}
    a_next, c_next, yt, cache = lstm_cell_forward(xt, a_prev, c_prev, p)
    concat = np.vstack([a_prev, xt])
    gates = {g: 1 / (1 + np.exp(-(p["W" + g] @ concat + p["b" + g]))) for g in "fio"}
    cct = np.tanh(p["Wc"] @ concat + p["bc"])
    expected_c = gates["f"] * c_prev + gates["i"] * cct
    expected_a = gates["o"] * np.tanh(expected_c)
    z = np.exp(p["Wy"] @ expected_a + p["by"])
    np.testing.assert_allclose(c_next, expected_c, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(a_next, expected_a, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(yt, z / z.sum(axis=0), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(yt.sum(axis=0), 1.0, rtol=1e-12)
    _, _, cached_a_prev, cached_c_prev, ft, it, cached_cct, ot, cached_xt, _ = cache
    for gate, expected in [(ft, gates["f"]), (it, gates["i"]), (ot, gates["o"]), (cached_cct, cct)]:
        np.testing.assert_allclose(gate, expected, rtol=1e-10, atol=1e-12)
    assert all(np.all((g > 0) & (g < 1)) for g in (ft, it, ot)), "gates lie in (0, 1)"
    for cached, expected in [(cached_a_prev, a_prev), (cached_c_prev, c_prev), (cached_xt, xt)]:
        np.testing.assert_array_equal(cached, expected)


hidden_test_lstm_cell_forward(n_x=2, n_a=4, n_y=3, m=1, seed=31)
hidden_test_lstm_cell_forward(n_x=5, n_a=3, n_y=4, m=6, seed=32)
### END HIDDEN TESTS

# %% [markdown]
# Report 000 prints exactly these values.
#
# :::{admonition} About the source report: report 001's garbled digits
# :class: dropdown
# Report 001's text copy of the same output (its Fig. 13) has six digits garbled by OCR, for
# example `0.76560531` for `0.76566531` in `a_next[4]`, `-0.0081561` for `-0.0981561` in
# `c_next[2]`, `0.00943987` for `0.00943007` in `yt[1]`, and shapes printed as `{5, 16}`; its
# test cell (Fig. 12) is unreadable. Report 000 and this chapter agree to every printed digit,
# so the differences are transcription, not computation.
# :::
#
# ## The LSTM over a sequence, forward
#
# As for the RNN, loop the cell over the time steps. The hidden state starts at `a0` and the
# memory cell starts at zero.

# %% nbgrader={"grade": false, "grade_id": "lstm_forward", "locked": false, "schema_version": 3, "solution": true, "task": false}
def lstm_forward(x, a0, parameters):
    """Forward pass of an LSTM over a whole sequence.

    x: inputs, shape (n_x, m, T_x); a0: initial hidden state, shape (n_a, m);
    the memory cell starts at zero. Returns a, y, c (hidden states, predictions,
    memory cells, time on the last axis) and caches = (list of cell caches, x).
    """
    ### BEGIN SOLUTION
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wy"].shape

    a = np.zeros((n_a, m, T_x))
    c = np.zeros((n_a, m, T_x))
    y = np.zeros((n_y, m, T_x))
    caches = []

    a_next = a0
    c_next = np.zeros((n_a, m))
    for t in range(T_x):
        xt = x[:, :, t]
        a_next, c_next, yt, cache = lstm_cell_forward(xt, a_next, c_next, parameters)
        a[:, :, t] = a_next
        c[:, :, t] = c_next
        y[:, :, t] = yt
        caches.append(cache)

    return a, y, c, (caches, x)
    ### END SOLUTION


# %%
np.random.seed(1)
x = np.random.randn(3, 10, 7)
a0 = np.random.randn(5, 10)
Wf = np.random.randn(5, 5 + 3)
bf = np.random.randn(5, 1)
Wi = np.random.randn(5, 5 + 3)
bi = np.random.randn(5, 1)
Wo = np.random.randn(5, 5 + 3)
bo = np.random.randn(5, 1)
Wc = np.random.randn(5, 5 + 3)
bc = np.random.randn(5, 1)
Wy = np.random.randn(2, 5)
by = np.random.randn(2, 1)
parameters = {"Wf": Wf, "Wi": Wi, "Wo": Wo, "Wc": Wc, "Wy": Wy,
              "bf": bf, "bi": bi, "bo": bo, "bc": bc, "by": by}

a, y, c, caches = lstm_forward(x, a0, parameters)
print("a[4][3][6] =", a[4][3][6])
print("a.shape =", a.shape)
print("y[1][4][3] =", y[1][4][3])
print("y.shape =", y.shape)
print("caches[1][1][1] =", caches[1][1][1])
print("c[1][2][1] =", c[1][2][1])
print("len(caches) =", len(caches))

# %% nbgrader={"grade": true, "grade_id": "test_lstm_forward", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false} tags=["hide-input"]
# Graded tests of lstm_forward (2 points), with a stand-in for lstm_cell_forward, so that they
# test the loop alone. More tests run when your notebook is graded.
def stand_in_lstm_cell(xt, a_prev, c_prev, parameters):
    """Not an LSTM cell: c_next = c_prev + (sum of the inputs), a_next = a_prev + 2 c_next."""
    c_next = c_prev + xt.sum(axis=0)
    a_next = a_prev + 2 * c_next
    cache = (a_next, c_next, a_prev, c_prev, None, None, None, None, xt, parameters)
    return a_next, c_next, parameters["Wy"] @ a_next, cache


def check_lstm_forward_loop(n_x, n_a, n_y, m, T_x, seed):
    rng = np.random.default_rng(seed)
    x, a0 = rng.normal(size=(n_x, m, T_x)), rng.normal(size=(n_a, m))
    parameters = {name: rng.normal(size=shape) for name, shape in lstm_parameter_shapes(n_x, n_a, n_y).items()}
    with substituted(globals(), lstm_cell_forward=stand_in_lstm_cell):
        a, y, c, caches = lstm_forward(x, a0, parameters)
    expected_c = np.broadcast_to(np.cumsum(x.sum(axis=0), axis=1), (n_a, m, T_x))  # c starts at zero
    expected_a = a0[:, :, np.newaxis] + 2 * np.cumsum(expected_c, axis=2)
    assert a.shape == c.shape == (n_a, m, T_x) and y.shape == (n_y, m, T_x)
    np.testing.assert_allclose(c, expected_c, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(a, expected_a, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(y, np.einsum("ya,amt->ymt", parameters["Wy"], expected_a), rtol=1e-12, atol=1e-12)
    cell_caches, cached_x = caches
    np.testing.assert_array_equal(cached_x, x)
    assert len(cell_caches) == T_x, "one cache per time step"
    for t, cache in enumerate(cell_caches):
        np.testing.assert_array_equal(cache[8], x[:, :, t])
        np.testing.assert_allclose(cache[2], a0 if t == 0 else expected_a[:, :, t - 1], rtol=1e-12, atol=1e-12)


check_lstm_forward_loop(n_x=3, n_a=5, n_y=2, m=10, T_x=7, seed=1)  # the reports' shapes
### BEGIN HIDDEN TESTS
check_lstm_forward_loop(n_x=2, n_a=4, n_y=3, m=1, T_x=1, seed=41)
check_lstm_forward_loop(n_x=4, n_a=2, n_y=5, m=3, T_x=8, seed=42)
### END HIDDEN TESTS

# %% [markdown]
# Report 000 prints these values (the full-precision scalars may differ from yours in the last
# one or two digits: the order of floating-point additions inside a matrix product depends on
# the BLAS library, and this book's tests compare such numbers to 10 significant digits).
# Report 001 shows its result only as a screenshot (Fig. 17).
#
# ## The RNN cell, backward
#
# Given the gradient of the loss with respect to the cell's output state,
# $\frac{\partial J}{\partial a^{\langle t \rangle}}$ (`da_next`), the chain rule through
# $a^{\langle t \rangle} = \tanh(z)$ with $z = W_{ax} x^{\langle t \rangle} + W_{aa} a^{\langle t-1 \rangle} + b_a$
# gives, using $\tanh'(z) = 1 - \tanh(z)^2 = 1 - (a^{\langle t \rangle})^2$:
#
# $$
# \begin{aligned}
# dz &= da_{next} \odot \left(1 - (a^{\langle t \rangle})^2\right) \\
# dx^{\langle t \rangle} &= W_{ax}^T \, dz, \qquad
# da_{prev} = W_{aa}^T \, dz, \\
# dW_{ax} &= dz \, x^{\langle t \rangle T}, \qquad
# dW_{aa} = dz \, a^{\langle t-1 \rangle T}, \qquad
# db_a = \textstyle\sum_{\text{batch}} dz .
# \end{aligned}
# $$
#
# The shapes check the algebra: $dW_{ax}$ is $(n_a, m)(m, n_x) = (n_a, n_x)$, like $W_{ax}$;
# $db_a$ sums over the $m$ examples (axis 1) and keeps shape $(n_a, 1)$. The cell's
# prediction $\hat{y}$ is not part of this backward pass: its gradient arrives through
# `da_next`.

# %% nbgrader={"grade": false, "grade_id": "rnn_cell_backward", "locked": false, "schema_version": 3, "solution": true, "task": false}
def rnn_cell_backward(da_next, cache):
    """Backward pass of one RNN cell.

    da_next: gradient of the loss with respect to a_next, shape (n_a, m);
    cache: the cache returned by rnn_cell_forward.
    Returns a dict with dxt (n_x, m), da_prev (n_a, m), dWax (n_a, n_x), dWaa (n_a, n_a)
    and dba (n_a, 1).
    """
    ### BEGIN SOLUTION
    a_next, a_prev, xt, parameters = cache
    Wax, Waa = parameters["Wax"], parameters["Waa"]

    dz = da_next * (1 - a_next**2)

    dxt = np.dot(Wax.T, dz)
    da_prev = np.dot(Waa.T, dz)
    dWax = np.dot(dz, xt.T)
    dWaa = np.dot(dz, a_prev.T)
    dba = np.sum(dz, axis=1, keepdims=True)

    return {"dxt": dxt, "da_prev": da_prev, "dWax": dWax, "dWaa": dWaa, "dba": dba}
    ### END SOLUTION


# %% [markdown]
# The reports' test. It draws a bias into `b` but builds the cell's parameters with the bias
# `ba` of the `rnn_forward` test above (the block after the test says why); we make that
# explicit with `rnn_forward_test_ba`:

# %%
np.random.seed(1)
xt = np.random.randn(3, 10)
a_prev = np.random.randn(5, 10)
Wax = np.random.randn(5, 3)
Waa = np.random.randn(5, 5)
Wya = np.random.randn(2, 5)
b = np.random.randn(5, 1)  # drawn, as in the reports, but not used
by = np.random.randn(2, 1)
parameters = {"Wax": Wax, "Waa": Waa, "Wya": Wya, "ba": rnn_forward_test_ba, "by": by}

a_next, yt, cache = rnn_cell_forward(xt, a_prev, parameters)
da_next = np.random.randn(5, 10)
gradients = rnn_cell_backward(da_next, cache)
print('gradients["dxt"][1][2] =', gradients["dxt"][1][2])
print('gradients["dxt"].shape =', gradients["dxt"].shape)
print('gradients["da_prev"][2][3] =', gradients["da_prev"][2][3])
print('gradients["da_prev"].shape =', gradients["da_prev"].shape)
print('gradients["dWax"][3][1] =', gradients["dWax"][3][1])
print('gradients["dWax"].shape =', gradients["dWax"].shape)
print('gradients["dWaa"][1][2] =', gradients["dWaa"][1][2])
print('gradients["dWaa"].shape =', gradients["dWaa"].shape)
print('gradients["dba"][4] =', gradients["dba"][4])
print('gradients["dba"].shape =', gradients["dba"].shape)

# %% nbgrader={"grade": true, "grade_id": "test_rnn_cell_backward", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false} tags=["hide-input"]
# Graded tests of rnn_cell_backward (3 points). Visible: the reports' test (with the bias of
# the rnn_forward test), on a cache made here from the formula of rnn_cell_forward, so that a
# mistake in rnn_cell_forward is not counted twice. More tests (a gradient check) run when
# your notebook is graded.
def rnn_cell_cache(xt, a_prev, parameters):
    """The cache of one RNN step, a_next = tanh(Wax xt + Waa a_prev + ba), as rnn_cell_forward returns it."""
    a_next = np.tanh(parameters["Wax"] @ xt + parameters["Waa"] @ a_prev + parameters["ba"])
    return (a_next, a_prev, xt, parameters)


def test_rnn_cell_backward_on_the_reports_draws():
    np.random.seed(1)  # the draws of the rnn_forward test, for the bias it leaves behind
    for shape in [(3, 10, 4), (5, 10), (5, 5), (5, 3), (2, 5)]:
        np.random.randn(*shape)
    stale_ba = np.random.randn(5, 1)
    np.random.seed(1)
    xt, a_prev = np.random.randn(3, 10), np.random.randn(5, 10)
    shapes = {"Wax": (5, 3), "Waa": (5, 5), "Wya": (2, 5), "b": (5, 1), "by": (2, 1)}
    parameters = {name: np.random.randn(*shape) for name, shape in shapes.items()}
    parameters["ba"] = stale_ba
    da_next = np.random.randn(5, 10)
    gradients = rnn_cell_backward(da_next, rnn_cell_cache(xt, a_prev, parameters))
    expected_shapes = {"dxt": (3, 10), "da_prev": (5, 10), "dWax": (5, 3), "dWaa": (5, 5), "dba": (5, 1)}
    assert {name: gradients[name].shape for name in expected_shapes} == expected_shapes
    np.testing.assert_allclose(gradients["dxt"][1][2], -0.46056410305887957, rtol=1e-9)
    np.testing.assert_allclose(gradients["da_prev"][2][3], 0.0842968653806773, rtol=1e-9)
    np.testing.assert_allclose(gradients["dWax"][3][1], 0.39308187392193045, rtol=1e-9)
    np.testing.assert_allclose(gradients["dWaa"][1][2], -0.28483955786960674, rtol=1e-9)
    np.testing.assert_allclose(gradients["dba"][4], [0.80517166], atol=1e-8)


test_rnn_cell_backward_on_the_reports_draws()
### BEGIN HIDDEN TESTS
def hidden_test_rnn_cell_backward(n_x, n_a, m, seed):
    """Other shapes and draws: every gradient agrees with finite differences (relative error < 1e-7)."""
    rng = np.random.default_rng(seed)
    xt, a_prev, da_next = rng.normal(size=(n_x, m)), rng.normal(size=(n_a, m)), rng.normal(size=(n_a, m))
    shapes = {"Wax": (n_a, n_x), "Waa": (n_a, n_a), "Wya": (2, n_a), "ba": (n_a, 1), "by": (2, 1)}
    p = {name: rng.normal(size=shape) for name, shape in shapes.items()}
    gradients = rnn_cell_backward(da_next, rnn_cell_cache(xt, a_prev, p))

    def loss():
        return np.sum(da_next * rnn_cell_cache(xt, a_prev, p)[0])

    for name, array in [("dxt", xt), ("da_prev", a_prev), ("dWax", p["Wax"]), ("dWaa", p["Waa"]), ("dba", p["ba"])]:
        error = gradcheck.relative_error(gradients[name], gradcheck.numerical_gradient(loss, array))
        assert error < 1e-7, f"{name}: relative error {error:.1e} against finite differences"


hidden_test_rnn_cell_backward(n_x=2, n_a=4, m=1, seed=51)
hidden_test_rnn_cell_backward(n_x=5, n_a=3, m=6, seed=52)
### END HIDDEN TESTS

# %% [markdown]
# These are the numbers both reports print (to the last digit or two of the full-precision
# scalars, as for the LSTM over a sequence).
#
# :::{admonition} About the source report: the stale bias `ba` of the test cell
# :class: dropdown
# The reports' test cell has a quirk that decides its printed numbers. Report 001's cell (its
# Fig. 20) draws the bias into a variable **`b`** but then builds the parameters with **`ba`**,
# a variable it never assigns: in the original notebook `ba` still held the bias drawn in the
# `rnn_forward` test, the last cell that assigned it. The published numbers come from that
# stale bias, which is why the test above uses `rnn_forward_test_ba`.
#
# Report 000's text shows a "cleaned" test cell that draws `ba = np.random.randn(5, 1)` and
# uses it; that cell cannot produce the numbers printed under it. The cell below runs it as
# printed: it gives other numbers. Both are correct gradients, of two different forward passes;
# only the bias differs. A cell that silently depends on a variable left over from an earlier
# cell is a classic notebook pitfall, and the reason this book's tests run every chapter in a
# fresh kernel, top to bottom.
# :::

# %% tags=["hide-cell"] mystnb={"code_prompt_show": "Show report 000's test cell as printed", "code_prompt_hide": "Hide report 000's test cell as printed"}
parameters_as_printed_in_report_000 = dict(parameters, ba=b)
a_next_000, _, cache_000 = rnn_cell_forward(xt, a_prev, parameters_as_printed_in_report_000)
gradients_000 = rnn_cell_backward(da_next, cache_000)
print('gradients["dxt"][1][2] =', gradients_000["dxt"][1][2])
print('gradients["dba"][4] =', gradients_000["dba"][4])

# %% [markdown]
# ### Gradient check
#
# A backward pass is only as good as its proof. Take the scalar loss
# $J = \sum_{i,j} (da_{next})_{ij} \, (a_{next})_{ij}$, whose gradient with respect to
# `a_next` is exactly `da_next`; then every gradient returned by `rnn_cell_backward` must agree
# with the finite difference
# $\frac{J(\theta + \varepsilon) - J(\theta - \varepsilon)}{2\varepsilon}$ taken entry by entry
# ($\varepsilon = 10^{-6}$). The relative error
# $\frac{\lVert g - \tilde g \rVert}{\lVert g \rVert + \lVert \tilde g \rVert}$ should be around
# $10^{-7}$ or smaller ([`labutils.gradcheck`](../../labutils/gradcheck.py) holds the helpers).

# %% tags=["nbval-ignore-output"]
def rnn_cell_check_loss():
    """J = sum(da_next * a_next), recomputed from the current xt, a_prev and parameters."""
    a_next, _, _ = rnn_cell_forward(xt, a_prev, parameters)
    return np.sum(da_next * a_next)


cell_check = gradcheck.gradient_check_table(
    rnn_cell_check_loss,
    arrays={"dxt": xt, "da_prev": a_prev, "dWax": parameters["Wax"],
            "dWaa": parameters["Waa"], "dba": parameters["ba"]},
    analytic_gradients=gradients,
)
cell_check

# %% [markdown]
# The exact relative errors depend on floating-point rounding, so the table above is not
# compared digit by digit by the tests; this check is:

# %%
print("all relative errors below 1e-7:", bool((cell_check["relative error"] < 1e-7).all()))

# %% [markdown]
# ## The RNN over a sequence, backward (backpropagation through time)
#
# Now `da` holds, for every time step, the gradient of the loss with respect to the hidden
# state that comes from *outside* the recurrence (for example from that step's prediction),
# shape $(n_a, m, T_x)$. The hidden state $a^{\langle t \rangle}$ also feeds step $t+1$, so the
# total gradient reaching cell $t$ is
#
# $$\frac{\partial J}{\partial a^{\langle t \rangle}} = da^{\langle t \rangle}
#   + \underbrace{W_{aa}^T dz^{\langle t+1 \rangle}}_{da_{prev} \text{ of cell } t+1}.$$
#
# So we walk backwards from $t = T_x - 1$ to $0$, add the `da_prev` of the later cell to
# `da[:, :, t]`, run the cell's backward pass, keep its `dxt`, and **sum** the parameter
# gradients over time (the same parameters are used at every step). What flows out of the
# first cell is the gradient with respect to the initial state, `da0`:

# %% mystnb={"image": {"alt": "Backpropagation through time over four steps, the forward pass drawn faintly. The gradients flow from right to left: each step's backward pass receives da(t) from its own output plus da_prev from the step after it, sends dx(t) down to its input and da_prev to the step before, and da0 leaves the first step; each step's share of dWax, dWaa and dba is summed over all the steps."}} tags=["remove-input"]
diagrams.show("bptt")

# %% nbgrader={"grade": false, "grade_id": "rnn_backward", "locked": false, "schema_version": 3, "solution": true, "task": false}
def rnn_backward(da, caches):
    """Backpropagation through time for the basic RNN.

    da: upstream gradients of all hidden states, shape (n_a, m, T_x);
    caches: the caches returned by rnn_forward.
    Returns a dict with dx (n_x, m, T_x), da0 (n_a, m), dWax (n_a, n_x), dWaa (n_a, n_a)
    and dba (n_a, 1).
    """
    ### BEGIN SOLUTION
    cell_caches, x = caches
    n_a, m, T_x = da.shape
    n_x = x.shape[0]

    dx = np.zeros((n_x, m, T_x))
    dWax = np.zeros((n_a, n_x))
    dWaa = np.zeros((n_a, n_a))
    dba = np.zeros((n_a, 1))
    da_prevt = np.zeros((n_a, m))

    for t in reversed(range(T_x)):
        gradients = rnn_cell_backward(da[:, :, t] + da_prevt, cell_caches[t])
        dx[:, :, t] = gradients["dxt"]
        da_prevt = gradients["da_prev"]
        dWax += gradients["dWax"]
        dWaa += gradients["dWaa"]
        dba += gradients["dba"]

    return {"dx": dx, "da0": da_prevt, "dWax": dWax, "dWaa": dWaa, "dba": dba}
    ### END SOLUTION


# %%
np.random.seed(1)
x = np.random.randn(3, 10, 4)
a0 = np.random.randn(5, 10)
Wax = np.random.randn(5, 3)
Waa = np.random.randn(5, 5)
Wya = np.random.randn(2, 5)
ba = np.random.randn(5, 1)
by = np.random.randn(2, 1)
parameters = {"Wax": Wax, "Waa": Waa, "Wya": Wya, "ba": ba, "by": by}

a, y, caches = rnn_forward(x, a0, parameters)
da = np.random.randn(5, 10, 4)
gradients = rnn_backward(da, caches)
print('gradients["dx"][1][2] =', gradients["dx"][1][2])
print('gradients["dx"].shape =', gradients["dx"].shape)
print('gradients["da0"][2][3] =', gradients["da0"][2][3])
print('gradients["da0"].shape =', gradients["da0"].shape)
print('gradients["dWax"][3][1] =', gradients["dWax"][3][1])
print('gradients["dWax"].shape =', gradients["dWax"].shape)
print('gradients["dWaa"][1][2] =', gradients["dWaa"][1][2])
print('gradients["dWaa"].shape =', gradients["dWaa"].shape)
print('gradients["dba"][4] =', gradients["dba"][4])
print('gradients["dba"].shape =', gradients["dba"].shape)

# %% nbgrader={"grade": true, "grade_id": "test_rnn_backward", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false} tags=["hide-input"]
# Graded tests of rnn_backward (3 points), with a stand-in for rnn_cell_backward whose
# gradients are easy to predict, so that they test backpropagation through time alone.
# More tests run when your notebook is graded.
def check_rnn_backward_loop(n_x, n_a, m, T_x, seed):
    rng = np.random.default_rng(seed)
    x, da = rng.normal(size=(n_x, m, T_x)), rng.normal(size=(n_a, m, T_x))
    shapes = {"Waa": (n_a, n_a), "Wax": (n_a, n_x), "Wya": (2, n_a), "ba": (n_a, 1), "by": (2, 1)}
    parameters = {name: rng.normal(size=shape) for name, shape in shapes.items()}
    cell_caches = [(rng.normal(size=(n_a, m)), rng.normal(size=(n_a, m)), x[:, :, t], parameters)
                   for t in range(T_x)]

    def stand_in_rnn_cell_backward(da_next, cache):
        """Not an RNN cell: passes half the gradient back; dxt carries the step number t."""
        t = next(step for step, known in enumerate(cell_caches) if known is cache)
        return {"dxt": t + np.ones((n_x, 1)) * da_next.sum(axis=0), "da_prev": 0.5 * da_next,
                "dWax": da_next @ np.ones((m, n_x)), "dWaa": da_next @ np.ones((m, n_a)),
                "dba": da_next.sum(axis=1, keepdims=True)}

    with substituted(globals(), rnn_cell_backward=stand_in_rnn_cell_backward):
        gradients = rnn_backward(da, (cell_caches, x))
    # the gradient that reaches step t: g_t = sum over s >= t of 0.5**(s - t) da_s
    steps = np.arange(T_x)
    decay = np.where(steps[np.newaxis, :] >= steps[:, np.newaxis],
                     0.5 ** np.abs(steps[np.newaxis, :] - steps[:, np.newaxis]), 0.0)
    g = np.einsum("ts,ams->amt", decay, da)
    g_total = g.sum(axis=2)
    expected = {"dx": steps + np.broadcast_to(g.sum(axis=0), (n_x, m, T_x)), "da0": 0.5 * g[:, :, 0],
                "dWax": g_total @ np.ones((m, n_x)), "dWaa": g_total @ np.ones((m, n_a)),
                "dba": g_total.sum(axis=1, keepdims=True)}
    for name, value in expected.items():
        np.testing.assert_allclose(gradients[name], value, rtol=1e-10, atol=1e-12, err_msg=name)


check_rnn_backward_loop(n_x=3, n_a=5, m=10, T_x=4, seed=1)  # the reports' shapes
### BEGIN HIDDEN TESTS
check_rnn_backward_loop(n_x=2, n_a=4, m=1, T_x=1, seed=61)
check_rnn_backward_loop(n_x=4, n_a=2, m=3, T_x=9, seed=62)
### END HIDDEN TESTS

# %% [markdown]
# Both reports print these values (report 000 with one digit lost).
#
# :::{admonition} About the source report: report 000's lost digit and garbled code
# :class: dropdown
# Report 000 prints `dWaa[1][2] = 2.30333126579893`: one `3` was lost (report 001 and this
# chapter: `2.3033331265798…`). Report 000's printed `rnn_backward` code is also garbled: it
# unpacks `dWax` into a variable named `dWaat` and `dWaa` into one named `dbat`, then adds
# `dbat` to both `dWaa` and `dba`; adding a $(5, 5)$ array to a $(5, 1)$ one in place raises an
# error in numpy, so that code cannot have produced the printed `dba`, which is the correct sum
# of the cells' `dba` (as here). Report 001's printed code for this function is unreadable OCR.
# :::
#
# ### Gradient check through time
#
# The loss is now $J = \sum (da \odot a)$ over all time steps, and the check perturbs the
# inputs at every step, the initial state and the shared parameters.

# %% tags=["nbval-ignore-output"]
def rnn_sequence_check_loss():
    """J = sum(da * a) over the whole sequence, from the current x, a0 and parameters."""
    a, _, _ = rnn_forward(x, a0, parameters)
    return np.sum(da * a)


sequence_check = gradcheck.gradient_check_table(
    rnn_sequence_check_loss,
    arrays={"dx": x, "da0": a0, "dWax": parameters["Wax"],
            "dWaa": parameters["Waa"], "dba": parameters["ba"]},
    analytic_gradients=gradients,
)
sequence_check

# %%
all_below = bool((sequence_check["relative error"] < 1e-7).all())
print("all relative errors below 1e-7:", all_below)

# %% [markdown]
# (rnn-hands-on-published-values)=
# ## Summary of published values
#
# Every value the two reports print for these tests is reproduced, once their transcription
# errors are identified; the block below lists them test by test.
#
# :::{admonition} About the source report: the published values, test by test
# :class: dropdown
# | test | report 000 (section 4.1) | report 001 (section 3.1) | this chapter |
# |---|---|---|---|
# | `rnn_cell_forward` | all values | screenshot only | reproduces 000 |
# | `rnn_forward` | all values | all values (its test cell's text is garbled) | reproduces both |
# | `lstm_cell_forward` | all values | six digits garbled by OCR | reproduces 000 |
# | `lstm_forward` | all values | screenshot only | reproduces 000 |
# | `rnn_cell_backward` | all values, but its printed test cell uses a fresh bias and gives other numbers | all values | reproduces both, with the stale bias `ba` of the `rnn_forward` test that the original notebook used |
# | `rnn_backward` | `dWaa[1][2]` lost a digit; printed code cannot run | all values | reproduces 001 |
#
# Full-precision scalars (`-0.4605641030588796` in report 000, `…797` in report 001) can differ
# in the last one or two digits between machines; the two reports themselves differ there.
# :::
#
# ## Discussion
#
# * Every published number of these exercises is reproduced by a straightforward, correct
#   implementation, once the reports' own transcription errors are identified: a lost digit,
#   OCR-garbled digits, and a test cell that silently depended on a variable left over from an
#   earlier cell. That last one is a classic notebook pitfall, and the reason this book runs
#   every chapter in a fresh kernel, top to bottom, in its tests.
# * On its way back through time, the gradient is multiplied at every step by $W_{aa}^T$ and
#   the tanh derivative $1 - (a^{\langle t \rangle})^2$. [The next chapter](vanishing_gradients.ipynb) follows it over many more steps
#   than four, where it vanishes or explodes, and shows what gradient clipping and the LSTM's
#   memory cell do about it.
# * The finite-difference checks show that the backward passes are right to about ten
#   significant digits; a printed value that "looks plausible" proves much less.
# * **Limitation.** These tests use random parameters and random upstream gradients, not a
#   trained model with a real loss: they show that the code computes the derivative of what the
#   forward pass computes, not that the model learns. The dinosaur-names chapter trains such an
#   RNN end to end, and the LSTM backward pass has a chapter of its own.
