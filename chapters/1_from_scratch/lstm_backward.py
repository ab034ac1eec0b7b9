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
# # LSTM backward: from scratch, checked against finite differences and Keras
#
# **Objective.** The [chapter on vanishing gradients](vanishing_gradients.ipynb) showed why the
# LSTM exists: along its memory cell a gradient is multiplied by the forget gate alone, so it
# can travel many steps back. Here we write the code that computes those gradients: the
# backward pass of an LSTM in numpy, first one cell, then backpropagation through time over a
# whole sequence. Then we check it twice. Finite differences show that every gradient is the
# derivative of the forward pass. Keras shows that `keras.layers.SimpleRNN`,
# `keras.layers.LSTM` and `keras.layers.GRU`, given the same weights, compute the same hidden
# states as the numpy code, and that TensorFlow's automatic differentiation gives the same
# gradients as our hand-written backward pass.
#
# **Sources.** Report 000 (Irvan Ariyanto, ITB), sections 3.1 and 4.1 ("LSTM Cell Backward"),
# and report 001 (Amany Akhyar, ITB), item 8 of section 3.1 (its Figs. 25 to 28). Both run the
# same test of `lstm_cell_backward`, and they print different values for two of its gradients.
# The blocks "About the source report" below work out which report is right, and what mistake
# produced the other one's numbers ([summary at the end](lstm-backward-summary)).
#
# **Prerequisite.** The chapter *RNN hands-on* builds the forward passes used here
# (`rnn_cell_forward`, `rnn_forward`, `lstm_cell_forward`, `lstm_forward`); this chapter runs
# your own, pasted below the set-up cell. The notation is the same too. Arrays hold one
# example per column: $x^{\langle t \rangle}$ has shape $(n_x, m)$, the hidden state
# $a^{\langle t \rangle}$ and the memory cell $c^{\langle t \rangle}$ have shape $(n_a, m)$,
# and a sequence adds a last axis of length $T_x$.
#
# Symbols and shapes: see the [notation page](../../notation.md).

# %%
from labutils import repro

repro.use_single_thread()  # before TensorFlow is imported: makes its results repeatable

import keras
import numpy as np
import pandas as pd
import tensorflow as tf

import labutils
from labutils import diagrams, gradcheck
from labutils.grading import substituted
from labutils.rnn_utils import sigmoid, softmax

print("labutils", labutils.__version__)

# %% [markdown]
# **Your functions from the RNN hands-on chapter.** Paste your `rnn_cell_forward`,
# `rnn_forward`, `lstm_cell_forward` and `lstm_forward` from
# [the hands-on chapter](rnn_hands_on.ipynb) into the next cell, in place of what is there
# (that chapter's tests tell you whether they work). The graded tests of this chapter do not
# use them.

# %% nbgrader={"grade": false, "grade_id": "from_rnn_hands_on", "locked": false, "schema_version": 3, "solution": true, "task": false}
### BEGIN SOLUTION
def rnn_cell_forward(xt, a_prev, parameters):
    """One forward step of a basic RNN cell.

    xt: input at time t, shape (n_x, m)
    a_prev: hidden state at time t-1, shape (n_a, m)
    parameters: dict with Wax (n_a, n_x), Waa (n_a, n_a), Wya (n_y, n_a),
                ba (n_a, 1) and by (n_y, 1)
    Returns a_next (n_a, m), yt_pred (n_y, m)
    and cache = (a_next, a_prev, xt, parameters).
    """
    Wax, Waa, Wya = parameters["Wax"], parameters["Waa"], parameters["Wya"]
    ba, by = parameters["ba"], parameters["by"]

    a_next = np.tanh(np.dot(Wax, xt) + np.dot(Waa, a_prev) + ba)
    yt_pred = softmax(np.dot(Wya, a_next) + by)

    cache = (a_next, a_prev, xt, parameters)
    return a_next, yt_pred, cache


def rnn_forward(x, a0, parameters):
    """Forward pass of a basic RNN over a whole sequence.

    x: inputs, shape (n_x, m, T_x); a0: initial hidden state, shape (n_a, m).
    Returns a (n_a, m, T_x), y_pred (n_y, m, T_x) and caches = (list of cell caches, x).
    """
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


def lstm_cell_forward(xt, a_prev, c_prev, parameters):
    """One forward step of an LSTM cell.

    xt: (n_x, m); a_prev, c_prev: (n_a, m); parameters: dict with Wf, Wi, Wc, Wo of shape
    (n_a, n_a + n_x), bf, bi, bc, bo of shape (n_a, 1), Wy (n_y, n_a) and by (n_y, 1).
    Returns a_next, c_next, yt_pred and
    cache = (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters).
    """
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


def lstm_forward(x, a0, parameters):
    """Forward pass of an LSTM over a whole sequence.

    x: inputs, shape (n_x, m, T_x); a0: initial hidden state, shape (n_a, m);
    the memory cell starts at zero. Returns a, y, c (hidden states, predictions,
    memory cells, time on the last axis) and caches = (list of cell caches, x).
    """
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


# %% [markdown]
# Every test cell seeds numpy itself with `np.random.seed(1)`, as the reports do, so each
# cell's random draws are the reports' draws.
#
# ## The forward pass, once more
#
# The backward pass runs the forward pass in reverse, so here is the LSTM cell of the hands-on
# chapter again. The memory cell $c$ runs along the top: the forget gate scales it, the update
# gate adds a share of the candidate. The three gates and the candidate all read the previous
# hidden state and the input, and the output gate decides how much of $\tanh(c)$ becomes the
# new hidden state.

# %% mystnb={"image": {"alt": "The LSTM cell. Along the top, the memory cell c(t-1) is multiplied by the forget gate, then the update gate times the candidate memory is added, giving c(t). Below, the three sigmoid gates (forget, update, output) and the tanh candidate all read the previous hidden state a(t-1) and the input x(t); the new hidden state a(t) is the output gate times tanh(c(t))."}} tags=["remove-input"]
diagrams.show("lstm_cell")

# %% [markdown]
# In equations, with a name for each **pre-activation** (the value before the sigmoid or tanh),
# and with the concatenation $v = [a^{\langle t-1 \rangle}; x^{\langle t \rangle}]$ of shape
# $(n_a + n_x, m)$:
#
# $$
# \begin{aligned}
# z_f &= W_f v + b_f, & \Gamma_f &= \sigma(z_f) && \text{forget gate} \\
# z_i &= W_i v + b_i, & \Gamma_u &= \sigma(z_i) && \text{update (input) gate} \\
# z_c &= W_c v + b_c, & \tilde{c} &= \tanh(z_c) && \text{candidate memory} \\
# z_o &= W_o v + b_o, & \Gamma_o &= \sigma(z_o) && \text{output gate} \\
# & & c^{\langle t \rangle} &= \Gamma_f \odot c^{\langle t-1 \rangle} + \Gamma_u \odot \tilde{c} && \text{new memory} \\
# & & a^{\langle t \rangle} &= \Gamma_o \odot \tanh\left(c^{\langle t \rangle}\right) && \text{new hidden state}
# \end{aligned}
# $$
#
# `lstm_cell_forward` returns the cache
# `(a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)`. It holds the gate
# values $\Gamma_f, \Gamma_u, \tilde c, \Gamma_o$ (`ft, it, cct, ot`), which is all the backward
# pass needs: the two derivatives below can be written with the outputs alone.
#
# $$\sigma'(z) = \sigma(z)\,(1 - \sigma(z)), \qquad \tanh'(z) = 1 - \tanh(z)^2 .$$
#
# ## The LSTM cell, backward: the derivation
#
# The cell receives two gradients from the later part of the network. The first is
# $da_{next} = \partial J / \partial a^{\langle t \rangle}$ (from the prediction at step $t$
# and from step $t+1$). The second is $dc_{next} = \partial J / \partial c^{\langle t \rangle}$
# (from step $t+1$, through its forget gate). We follow the forward equations backwards, one
# chain rule at a time. All products are element-wise unless a $W$ is involved.
#
# **The memory cell.** $c^{\langle t \rangle}$ reaches the loss along two paths: directly
# (to step $t+1$) and through $a^{\langle t \rangle} = \Gamma_o \odot \tanh(c^{\langle t \rangle})$.
# Its total gradient is the sum of both:
#
# $$dc = dc_{next} + da_{next} \odot \Gamma_o \odot \left(1 - \tanh(c^{\langle t \rangle})^2\right).$$
#
# **The output gate** appears only in $a^{\langle t \rangle}$:
#
# $$d\Gamma_o = da_{next} \odot \tanh(c^{\langle t \rangle}), \qquad
# dz_o = d\Gamma_o \odot \Gamma_o \odot (1 - \Gamma_o).$$
#
# **The other three gates** appear only in $c^{\langle t \rangle} = \Gamma_f \odot c^{\langle t-1 \rangle} + \Gamma_u \odot \tilde c$,
# so each one's gradient is $dc$ times its partner in that product:
#
# $$
# \begin{aligned}
# d\tilde c &= dc \odot \Gamma_u, & dz_c &= d\tilde c \odot (1 - \tilde c^{\,2}), \\
# d\Gamma_u &= dc \odot \tilde c, & dz_i &= d\Gamma_u \odot \Gamma_u \odot (1 - \Gamma_u), \\
# d\Gamma_f &= dc \odot c^{\langle t-1 \rangle}, & dz_f &= d\Gamma_f \odot \Gamma_f \odot (1 - \Gamma_f).
# \end{aligned}
# $$
#
# **The parameters.** Each pre-activation is $z_g = W_g v + b_g$, exactly the shape of a dense
# layer, so for each gate $g \in \{f, i, c, o\}$:
#
# $$dW_g = dz_g \, v^T \quad (n_a, n_a + n_x), \qquad db_g = \textstyle\sum_{\text{batch}} dz_g \quad (n_a, 1).$$
#
# **The inputs.** $v$ feeds all four gates, so its gradient is a sum of **four** terms, each
# with its own gate's $dz$. Its first $n_a$ rows belong to $a^{\langle t-1 \rangle}$ and the
# last $n_x$ rows to $x^{\langle t \rangle}$:
#
# $$dv = W_f^T dz_f + W_i^T dz_i + W_c^T dz_c + W_o^T dz_o, \qquad
# da_{prev} = dv_{[:n_a]}, \qquad dx^{\langle t \rangle} = dv_{[n_a:]} .$$
#
# **The previous memory cell** appears only in the forget-gate product:
#
# $$dc_{prev} = dc \odot \Gamma_f .$$
#
# Check the shapes: $dz_g$ is $(n_a, m)$ and $v^T$ is $(m, n_a + n_x)$, so $dW_g$ has the shape
# of $W_g$. And $W_g^T dz_g$ is $(n_a + n_x, m)$, the shape of $v$.
#
# :::{admonition} About the source report: the equations report 001 prints
# :class: dropdown
# Report 001's Fig. 26 copies the equations of the original exercise. In its text,
# $d\tilde c$ has an extra factor $\tilde c$ and uses $1 - \tanh(\tilde c)^2$ where
# $\tilde c$ is already a tanh output (it should be $1 - \tilde c^{\,2}$). Its $d\Gamma_f$
# multiplies by a "$\tilde c_{prev}$" that should be $c^{\langle t-1 \rangle}$. In all three
# gate equations the parentheses are missing, so the activation's derivative multiplies only
# the second of the two terms instead of both. And it takes "the first $n_a$" of $W_f$ as
# `W_f[:n_a, :]`, which selects rows where it needs the columns `W_f[:, :n_a]`. Report 001's
# code computes the right values (they pass the gradient check below), so its code does not
# follow those equations to the letter. The derivation above is what the finite differences
# confirm.
# :::

# %% nbgrader={"grade": false, "grade_id": "lstm_cell_backward", "locked": false, "schema_version": 3, "solution": true, "task": false}
def lstm_cell_backward(da_next, dc_next, cache):
    """Backward pass of one LSTM cell.

    da_next, dc_next: gradients of the loss with respect to a_next and c_next, shape (n_a, m);
    cache: the cache returned by lstm_cell_forward.
    Returns a dict with dxt (n_x, m), da_prev and dc_prev (n_a, m), dWf, dWi, dWc, dWo
    (n_a, n_a + n_x) and dbf, dbi, dbc, dbo (n_a, 1).
    """
    ### BEGIN SOLUTION
    a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters = cache
    n_a = a_next.shape[0]

    tanh_c_next = np.tanh(c_next)
    dc = dc_next + da_next * ot * (1 - tanh_c_next**2)

    dz_o = da_next * tanh_c_next * ot * (1 - ot)
    dz_c = dc * it * (1 - cct**2)
    dz_i = dc * cct * it * (1 - it)
    dz_f = dc * c_prev * ft * (1 - ft)

    concat = np.concatenate([a_prev, xt], axis=0)
    dWf = np.dot(dz_f, concat.T)
    dWi = np.dot(dz_i, concat.T)
    dWc = np.dot(dz_c, concat.T)
    dWo = np.dot(dz_o, concat.T)
    dbf = np.sum(dz_f, axis=1, keepdims=True)
    dbi = np.sum(dz_i, axis=1, keepdims=True)
    dbc = np.sum(dz_c, axis=1, keepdims=True)
    dbo = np.sum(dz_o, axis=1, keepdims=True)

    dconcat = (np.dot(parameters["Wf"].T, dz_f) + np.dot(parameters["Wi"].T, dz_i)
               + np.dot(parameters["Wc"].T, dz_c) + np.dot(parameters["Wo"].T, dz_o))
    da_prev = dconcat[:n_a, :]
    dxt = dconcat[n_a:, :]
    dc_prev = dc * ft

    return {"dxt": dxt, "da_prev": da_prev, "dc_prev": dc_prev,
            "dWf": dWf, "dbf": dbf, "dWi": dWi, "dbi": dbi,
            "dWc": dWc, "dbc": dbc, "dWo": dWo, "dbo": dbo}
    ### END SOLUTION


# %% [markdown]
# The test of the original exercise, as both reports run it (report 000's `In [17]`, report
# 001's Fig. 27):

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

da_next = np.random.randn(5, 10)
dc_next = np.random.randn(5, 10)
gradients = lstm_cell_backward(da_next, dc_next, cache)
print('gradients["dxt"][1][2] =', gradients["dxt"][1][2])
print('gradients["dxt"].shape =', gradients["dxt"].shape)
print('gradients["da_prev"][2][3] =', gradients["da_prev"][2][3])
print('gradients["da_prev"].shape =', gradients["da_prev"].shape)
print('gradients["dc_prev"][2][3] =', gradients["dc_prev"][2][3])
print('gradients["dc_prev"].shape =', gradients["dc_prev"].shape)
print('gradients["dWf"][3][1] =', gradients["dWf"][3][1])
print('gradients["dWf"].shape =', gradients["dWf"].shape)
print('gradients["dWi"][1][2] =', gradients["dWi"][1][2])
print('gradients["dWi"].shape =', gradients["dWi"].shape)
print('gradients["dWc"][3][1] =', gradients["dWc"][3][1])
print('gradients["dWc"].shape =', gradients["dWc"].shape)
print('gradients["dWo"][1][2] =', gradients["dWo"][1][2])
print('gradients["dWo"].shape =', gradients["dWo"].shape)
print('gradients["dbf"][4] =', gradients["dbf"][4])
print('gradients["dbf"].shape =', gradients["dbf"].shape)
print('gradients["dbi"][4] =', gradients["dbi"][4])
print('gradients["dbi"].shape =', gradients["dbi"].shape)
print('gradients["dbc"][4] =', gradients["dbc"][4])
print('gradients["dbc"].shape =', gradients["dbc"].shape)
print('gradients["dbo"][4] =', gradients["dbo"][4])
print('gradients["dbo"].shape =', gradients["dbo"].shape)

# %% nbgrader={"grade": true, "grade_id": "test_lstm_cell_backward", "locked": true, "points": 4, "schema_version": 3, "solution": false, "task": false} tags=["hide-input"]
# Graded tests of lstm_cell_backward (4 points). Visible: the reports' test, to the printed
# digits, on a cache made here from the forward equations (not by lstm_cell_forward, so
# that a mistake there is not counted here). More tests (a gradient check) run when your
# notebook is graded.
LSTM_DRAWING_ORDER = ["Wf", "bf", "Wi", "bi", "Wo", "bo", "Wc", "bc", "Wy", "by"]


def draw_lstm_parameters(n_x, n_a, n_y, draw):
    """LSTM parameters in the reports' drawing order; draw(*shape) returns a random array."""
    shapes = {name: (n_a, n_a + n_x) if name[0] == "W" else (n_a, 1) for name in LSTM_DRAWING_ORDER[:8]}
    shapes.update(Wy=(n_y, n_a), by=(n_y, 1))
    return {name: draw(*shape) for name, shape in shapes.items()}


def lstm_cell_cache(xt, a_prev, c_prev, p):
    """The cache of one LSTM step, as lstm_cell_forward returns it, from the forward equations."""
    v = np.vstack([a_prev, xt])
    forget, update, output = (sigmoid(p["W" + g] @ v + p["b" + g]) for g in "fio")
    candidate = np.tanh(p["Wc"] @ v + p["bc"])
    memory = forget * c_prev + update * candidate
    return (output * np.tanh(memory), memory, a_prev, c_prev, forget, update, candidate, output, xt, p)


def test_lstm_cell_backward_on_the_reports_draws():
    np.random.seed(1)
    xt, a_prev, c_prev = np.random.randn(3, 10), np.random.randn(5, 10), np.random.randn(5, 10)
    p = draw_lstm_parameters(3, 5, 2, np.random.randn)
    da_next, dc_next = np.random.randn(5, 10), np.random.randn(5, 10)
    gradients = lstm_cell_backward(da_next, dc_next, lstm_cell_cache(xt, a_prev, c_prev, p))
    expected_shapes = {"dxt": (3, 10), "da_prev": (5, 10), "dc_prev": (5, 10)}
    expected_shapes.update({"dW" + g: (5, 8) for g in "fico"} | {"db" + g: (5, 1) for g in "fico"})
    assert {name: gradients[name].shape for name in expected_shapes} == expected_shapes
    for name, index, value in [("dxt", (1, 2), 3.2305591151091875), ("da_prev", (2, 3), -0.06396214197109236),
                               ("dc_prev", (2, 3), 0.7975220387970015), ("dWf", (3, 1), -0.1479548381644968),
                               ("dWi", (1, 2), 1.0574980552259903), ("dWc", (3, 1), 2.304562163687667),
                               ("dWo", (1, 2), 0.33131159528921084)]:
        np.testing.assert_allclose(gradients[name][index], value, rtol=1e-9, err_msg=name)
    for name, value in [("dbf", 0.18864637), ("dbi", -0.40142491), ("dbc", 0.25587763), ("dbo", 0.13893342)]:
        np.testing.assert_allclose(gradients[name][4], [value], atol=1e-8, err_msg=name)


test_lstm_cell_backward_on_the_reports_draws()
### BEGIN HIDDEN TESTS
def hidden_test_lstm_cell_backward(n_x, n_a, m, seed):
    """Other shapes and draws: every gradient agrees with finite differences (relative error < 1e-7)."""
    rng = np.random.default_rng(seed)
    xt, a_prev, c_prev = rng.normal(size=(n_x, m)), rng.normal(size=(n_a, m)), rng.normal(size=(n_a, m))
    da_next, dc_next = rng.normal(size=(n_a, m)), rng.normal(size=(n_a, m))
    p = draw_lstm_parameters(n_x, n_a, 2, lambda *shape: rng.normal(size=shape))
    cache = lstm_cell_cache(xt, a_prev, c_prev, p)
    originals = [array.copy() for array in (da_next, dc_next) + cache[:9]]
    gradients = lstm_cell_backward(da_next, dc_next, cache)
    for original, now in zip(originals, (da_next, dc_next) + cache[:9]):
        np.testing.assert_array_equal(now, original, err_msg="an input was changed in place")

    def loss():
        a_next, c_next = lstm_cell_cache(xt, a_prev, c_prev, p)[:2]
        return np.sum(da_next * a_next) + np.sum(dc_next * c_next)

    arrays = {"dxt": xt, "da_prev": a_prev, "dc_prev": c_prev}
    arrays.update({"d" + name: p[name] for name in LSTM_DRAWING_ORDER[:8]})
    for name, array in arrays.items():
        error = gradcheck.relative_error(gradients[name], gradcheck.numerical_gradient(loss, array))
        assert error < 1e-7, f"{name}: relative error {error:.1e} against finite differences"


hidden_test_lstm_cell_backward(n_x=2, n_a=4, m=1, seed=11)
hidden_test_lstm_cell_backward(n_x=5, n_a=3, m=6, seed=12)
### END HIDDEN TESTS

# %% [markdown]
# :::{admonition} About the source report: the values reports 000 and 001 print
# :class: dropdown
# Report 001 prints these values (Fig. 28). The last digit or two of its full-precision
# scalars differ, for example `3.2305591151091884`: the order of additions inside a matrix
# product depends on the BLAS library. Its text copy garbles the end of the list: it prints
# `gradients["dbf"][4] = [0.18864637]` twice, then dbc's value under the name dbf, and
# `gradients["dbo"].shape = (5, 1)` four times, and it has lost the values of dbi and dbo.
#
# Report 000 agrees on nine of the eleven gradients. It prints two different values:
#
# | gradient | report 000 | report 001 and this chapter |
# |---|---|---|
# | `dxt[1][2]` | `-0.0005948426375572136` | `3.2305591151091884` |
# | `da_prev[2][3]` | `-0.5867025381982609` | `-0.0639621419710924` |
#
# Both differing values come from $dv$, the gradient of the concatenated input. The
# parameter gradients do not depend on $dv$. The gradient check below decides which report is
# right, and a block after it shows what produced report 000's numbers.
# :::
#
# (lstm-backward-cell-check)=
# ### Gradient check of the cell
#
# A derivative can be measured without any calculus, and that is how we test a backward pass.
# Take the scalar loss
# $J = \sum (da_{next} \odot a^{\langle t \rangle}) + \sum (dc_{next} \odot c^{\langle t \rangle})$.
# Its gradients with respect to $a^{\langle t \rangle}$ and $c^{\langle t \rangle}$ are exactly
# `da_next` and `dc_next`, so every gradient that `lstm_cell_backward` returns must equal the
# central finite difference $\frac{J(\theta + \varepsilon) - J(\theta - \varepsilon)}{2\varepsilon}$,
# taken entry by entry ($\varepsilon = 10^{-6}$). We compare them by their relative error
# $\frac{\lVert g - \tilde g \rVert}{\lVert g \rVert + \lVert \tilde g \rVert}$; about $10^{-7}$ or
# less means they agree ([`labutils.gradcheck`](../../labutils/gradcheck.py) holds the helpers).

# %% tags=["nbval-ignore-output"]
def lstm_cell_check_loss():
    """J = sum(da_next * a_next) + sum(dc_next * c_next), from the current inputs and parameters."""
    a_next, c_next, _, _ = lstm_cell_forward(xt, a_prev, c_prev, parameters)
    return np.sum(da_next * a_next) + np.sum(dc_next * c_next)


cell_check = gradcheck.gradient_check_table(
    lstm_cell_check_loss,
    arrays={"dxt": xt, "da_prev": a_prev, "dc_prev": c_prev,
            "dWf": parameters["Wf"], "dbf": parameters["bf"],
            "dWi": parameters["Wi"], "dbi": parameters["bi"],
            "dWc": parameters["Wc"], "dbc": parameters["bc"],
            "dWo": parameters["Wo"], "dbo": parameters["bo"]},
    analytic_gradients=gradients,
)
cell_check

# %% [markdown]
# The last digits of these relative errors depend on floating-point rounding, so the tests do
# not compare the table digit by digit. They compare this line:

# %%
print("all relative errors below 1e-7:", bool((cell_check["relative error"] < 1e-7).all()))

# %% [markdown]
# Every gradient of the cell is the derivative of its forward pass, the gradients of its inputs
# `dxt`, `da_prev` and `dc_prev` included.
#
# :::{admonition} About the source report: which report's dxt and da_prev are right, and why report 000's are wrong
# :class: dropdown
# **The disputed entries.** The finite differences at the two entries where the reports
# disagree settle the question directly (first cell below): report 001's values are right.
#
# **What produced report 000's numbers.** Report 000 prints its code (`In [16]`). Its gate
# gradients are correct, but it builds $dv$ from the **forget gate's** $dz_f$ alone, repeated
# in every term:
#
# ```python
# da_prevx = np.dot(parameters['Wf'].T, dft) + np.dot(parameters['Wo'].T, dft) \
#          + np.dot(parameters['Wi'].T, dft) + np.dot(parameters['Wc'].T, dft)
# ```
#
# The printed line has four terms, but it does not reproduce the printed numbers. The
# published numbers come from the first three terms, with $dz_f$ in each and **no candidate
# term** at all. That is $(W_f + W_o + W_i)^T dz_f$ in place of
# $W_f^T dz_f + W_i^T dz_i + W_c^T dz_c + W_o^T dz_o$. (The slices `[:, n_a, :]` in the printed
# code are not valid for a 2-D array either, so the printed text and the code that ran differ
# in more than one place.)
#
# The second cell below computes that wrong formula on the same draws. It needs report 000's
# $dz_f$, which is right, and gets it from your `lstm_cell_backward` without writing it out:
# for a batch of one example, $db_f = \sum_{\text{batch}} dz_f$ is that example's $dz_f$. The
# result is report 000's two values.
#
# The mistake is easy to make and hard to see. The four terms of $dv$ look alike, and a typo
# in the gate name still gives arrays of the right shape. Because the parameter gradients are
# correct, training with it would not fail loudly either. It would only make the gradients
# reaching earlier time steps wrong. A finite-difference check catches it at once.
# :::

# %% tags=["hide-cell"] mystnb={"code_prompt_show": "Show the finite differences at the disputed entries", "code_prompt_hide": "Hide the finite differences at the disputed entries"}
numeric_dxt = gradcheck.numerical_gradient(lstm_cell_check_loss, xt)
numeric_da_prev = gradcheck.numerical_gradient(lstm_cell_check_loss, a_prev)
print("finite difference dxt[1][2]     =", round(numeric_dxt[1][2], 6))
print("finite difference da_prev[2][3] =", round(numeric_da_prev[2][3], 6))

# %% tags=["hide-cell"] mystnb={"code_prompt_show": "Show report 000's formula, reproduced", "code_prompt_hide": "Hide report 000's formula"}
def forget_gate_gradients(da_next, dc_next, cache):
    """dz_f of every example: for a batch of one example, lstm_cell_backward's dbf is its dz_f."""
    columns = []
    for j in range(da_next.shape[1]):
        one_example = tuple(value[:, j:j + 1] for value in cache[:9]) + cache[9:]
        columns.append(lstm_cell_backward(da_next[:, j:j + 1], dc_next[:, j:j + 1], one_example)["dbf"])
    return np.hstack(columns)


def lstm_input_gradient_as_in_report_000(da_next, dc_next, cache):
    """The gradient of [a_prev; xt] as report 000 computed it (wrong; kept to explain its numbers)."""
    parameters = cache[9]
    dz_f = forget_gate_gradients(da_next, dc_next, cache)
    return np.dot((parameters["Wf"] + parameters["Wo"] + parameters["Wi"]).T, dz_f)


wrong_dconcat = lstm_input_gradient_as_in_report_000(da_next, dc_next, cache)
print('report 000 formula: gradients["dxt"][1][2] =', wrong_dconcat[5:, :][1][2])
print('report 000 formula: gradients["da_prev"][2][3] =', wrong_dconcat[:5, :][2][3])

# %% [markdown]
# ## The LSTM over a sequence, backward (backpropagation through time)
#
# `da` holds, for every time step, the gradient that reaches $a^{\langle t \rangle}$ from
# *outside* the recurrence (from that step's prediction), shape $(n_a, m, T_x)$. Two
# gradients flow backwards *through* the recurrence: `da_prev` into the previous hidden state
# and `dc_prev` into the previous memory cell. Walking from $t = T_x - 1$ down to $0$:
#
# $$da_{next}^{\langle t \rangle} = da^{\langle t \rangle} + da_{prev}^{\langle t+1 \rangle}, \qquad
# dc_{next}^{\langle t \rangle} = dc_{prev}^{\langle t+1 \rangle},$$
#
# both zero beyond the last step. The memory cell has no gradient from outside: it feeds no
# prediction. The parameters are shared by all steps, so their gradients are **summed** over
# time. The gradient that leaves the first cell is the gradient with respect to the initial
# hidden state, `da0`. The initial memory cell is a constant zero in `lstm_forward`, so it
# gets no gradient.
#
# The additive path $dc_{prev} = dc \odot \Gamma_f$ is why LSTMs learn long dependencies. The
# gradient reaching $c^{\langle t-1 \rangle}$ is multiplied only by the forget gate. It does not
# pass through a weight matrix and a squashing derivative at every step, as in the basic RNN
# (the [chapter on vanishing gradients](vanishing_gradients.ipynb) measures the difference).

# %% nbgrader={"grade": false, "grade_id": "lstm_backward", "locked": false, "schema_version": 3, "solution": true, "task": false}
def lstm_backward(da, caches):
    """Backpropagation through time for the LSTM.

    da: upstream gradients of all hidden states, shape (n_a, m, T_x);
    caches: the caches returned by lstm_forward.
    Returns a dict with dx (n_x, m, T_x), da0 (n_a, m), dWf, dWi, dWc, dWo (n_a, n_a + n_x)
    and dbf, dbi, dbc, dbo (n_a, 1).
    """
    ### BEGIN SOLUTION
    cell_caches, x = caches
    n_a, m, T_x = da.shape
    n_x = x.shape[0]

    dx = np.zeros((n_x, m, T_x))
    sums = {name: np.zeros((n_a, n_a + n_x)) for name in ["dWf", "dWi", "dWc", "dWo"]}
    sums.update({name: np.zeros((n_a, 1)) for name in ["dbf", "dbi", "dbc", "dbo"]})
    da_prevt = np.zeros((n_a, m))
    dc_prevt = np.zeros((n_a, m))

    for t in reversed(range(T_x)):
        gradients = lstm_cell_backward(da[:, :, t] + da_prevt, dc_prevt, cell_caches[t])
        dx[:, :, t] = gradients["dxt"]
        da_prevt = gradients["da_prev"]
        dc_prevt = gradients["dc_prev"]
        for name in sums:
            sums[name] += gradients[name]

    return {"dx": dx, "da0": da_prevt, **sums}
    ### END SOLUTION


# %% [markdown]
# The test draws the inputs and parameters of the hands-on chapter's `lstm_forward` test
# ($n_x = 3$, $m = 10$, $T_x = 7$, $n_a = 5$), then `da` for all seven steps. Neither report
# prints a test of `lstm_backward`, so the values below are this chapter's own.

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
da = np.random.randn(5, 10, 7)
gradients = lstm_backward(da, caches)
print('gradients["dx"][1][2] =', gradients["dx"][1][2])
print('gradients["dx"].shape =', gradients["dx"].shape)
print('gradients["da0"][2][3] =', gradients["da0"][2][3])
print('gradients["da0"].shape =', gradients["da0"].shape)
print('gradients["dWf"][3][1] =', gradients["dWf"][3][1])
print('gradients["dWf"].shape =', gradients["dWf"].shape)
print('gradients["dWi"][1][2] =', gradients["dWi"][1][2])
print('gradients["dWi"].shape =', gradients["dWi"].shape)
print('gradients["dWc"][3][1] =', gradients["dWc"][3][1])
print('gradients["dWc"].shape =', gradients["dWc"].shape)
print('gradients["dWo"][1][2] =', gradients["dWo"][1][2])
print('gradients["dWo"].shape =', gradients["dWo"].shape)
print('gradients["dbf"][4] =', gradients["dbf"][4])
print('gradients["dbf"].shape =', gradients["dbf"].shape)
print('gradients["dbi"][4] =', gradients["dbi"][4])
print('gradients["dbi"].shape =', gradients["dbi"].shape)
print('gradients["dbc"][4] =', gradients["dbc"][4])
print('gradients["dbc"].shape =', gradients["dbc"].shape)
print('gradients["dbo"][4] =', gradients["dbo"][4])
print('gradients["dbo"].shape =', gradients["dbo"].shape)

# %% nbgrader={"grade": true, "grade_id": "test_lstm_backward", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false} tags=["hide-input"]
# Graded tests of lstm_backward (3 points), with a stand-in for lstm_cell_backward whose
# gradients are easy to predict, so that they test backpropagation through time alone.
# More tests (a gradient check) run when your notebook is graded.
GATE_FACTORS = {"f": 1.0, "i": 2.0, "c": 3.0, "o": 4.0}


def random_lstm_caches(n_x, n_a, m, T_x, rng):
    """Inputs x and one cache per step, of the shapes lstm_forward makes, filled with random numbers."""
    x = rng.normal(size=(n_x, m, T_x))
    p = draw_lstm_parameters(n_x, n_a, 2, lambda *shape: rng.normal(size=shape))
    return x, [tuple(rng.normal(size=(n_a, m)) for _ in range(8)) + (x[:, :, t], p) for t in range(T_x)]


def check_lstm_backward_loop(n_x, n_a, m, T_x, seed):
    rng = np.random.default_rng(seed)
    x, cell_caches = random_lstm_caches(n_x, n_a, m, T_x, rng)
    da = rng.normal(size=(n_a, m, T_x))

    def stand_in_lstm_cell_backward(da_next, dc_next, cache):
        """Not an LSTM cell: half of da_next goes back to a_prev, da_next + dc_next to c_prev;
        dxt carries the step number t."""
        t = next(step for step, known in enumerate(cell_caches) if known is cache)
        gradients = {"dxt": t + np.ones((n_x, 1)) * da_next.sum(axis=0),
                     "da_prev": 0.5 * da_next, "dc_prev": da_next + dc_next}
        for g, k in GATE_FACTORS.items():
            gradients["dW" + g] = (k * da_next + dc_next) @ np.ones((m, n_a + n_x))
            gradients["db" + g] = (k * da_next - dc_next).sum(axis=1, keepdims=True)
        return gradients

    with substituted(globals(), lstm_cell_backward=stand_in_lstm_cell_backward):
        gradients = lstm_backward(da, (cell_caches, x))
    # what reaches step t: a-gradient g_t = sum over s >= t of 0.5**(s - t) da_s; c-gradient h_t = sum over s > t of g_s
    steps = np.arange(T_x)
    decay = np.where(steps[np.newaxis, :] >= steps[:, np.newaxis],
                     0.5 ** np.abs(steps[np.newaxis, :] - steps[:, np.newaxis]), 0.0)
    g = np.einsum("ts,ams->amt", decay, da)
    h = np.cumsum(g[:, :, ::-1], axis=2)[:, :, ::-1] - g
    g_total, h_total = g.sum(axis=2), h.sum(axis=2)
    expected = {"dx": steps + np.broadcast_to(g.sum(axis=0), (n_x, m, T_x)), "da0": 0.5 * g[:, :, 0]}
    for gate, k in GATE_FACTORS.items():
        expected["dW" + gate] = (k * g_total + h_total) @ np.ones((m, n_a + n_x))
        expected["db" + gate] = (k * g_total - h_total).sum(axis=1, keepdims=True)
    for name, value in expected.items():
        np.testing.assert_allclose(gradients[name], value, rtol=1e-10, atol=1e-12, err_msg=name)


check_lstm_backward_loop(n_x=3, n_a=5, m=10, T_x=7, seed=1)  # the shapes of the test above
### BEGIN HIDDEN TESTS
check_lstm_backward_loop(n_x=2, n_a=4, m=1, T_x=1, seed=21)
check_lstm_backward_loop(n_x=4, n_a=2, m=3, T_x=9, seed=22)


def hidden_test_lstm_backward_gradients(n_x, n_a, m, T_x, seed):
    """With a linear stand-in cell and its exact backward pass, lstm_backward gives the gradient of
    J = sum(da * a) with respect to x, a0 and every parameter (finite differences, relative error < 1e-7)."""
    rng = np.random.default_rng(seed)
    x, a0, da = rng.normal(size=(n_x, m, T_x)), rng.normal(size=(n_a, m)), rng.normal(size=(n_a, m, T_x))
    p = draw_lstm_parameters(n_x, n_a, 2, lambda *shape: 0.5 * rng.normal(size=shape))

    def linear_cell(xt, a_prev, c_prev):
        """c = 0.5 c_prev + z_f + 2 z_i + 3 z_c and a = 0.3 c + z_o, with z_g = W_g [a_prev; xt] + b_g."""
        z = {g: p["W" + g] @ np.vstack([a_prev, xt]) + p["b" + g] for g in "fico"}
        c_next = 0.5 * c_prev + z["f"] + 2 * z["i"] + 3 * z["c"]
        a_next = 0.3 * c_next + z["o"]
        return (a_next, c_next, a_prev, c_prev, z["f"], z["i"], z["c"], z["o"], xt, p)

    def linear_cell_backward(da_next, dc_next, cache):
        a_prev, xt = cache[2], cache[8]
        dc = dc_next + 0.3 * da_next
        dz = {"f": dc, "i": 2 * dc, "c": 3 * dc, "o": da_next}
        gradients = {"dW" + g: dz[g] @ np.vstack([a_prev, xt]).T for g in "fico"}
        gradients.update({"db" + g: dz[g].sum(axis=1, keepdims=True) for g in "fico"})
        dv = sum(p["W" + g].T @ dz[g] for g in "fico")
        return gradients | {"da_prev": dv[:n_a], "dxt": dv[n_a:], "dc_prev": 0.5 * dc}

    def run():
        caches, a, c = [], a0, np.zeros((n_a, m))
        for t in range(T_x):
            caches.append(linear_cell(x[:, :, t], a, c))
            a, c = caches[-1][:2]
        return caches

    def loss():
        return sum(np.sum(da[:, :, t] * cache[0]) for t, cache in enumerate(run()))

    with substituted(globals(), lstm_cell_backward=linear_cell_backward):
        gradients = lstm_backward(da, (run(), x))
    arrays = {"dx": x, "da0": a0} | {"d" + name: p[name] for name in LSTM_DRAWING_ORDER[:8]}
    for name, array in arrays.items():
        error = gradcheck.relative_error(gradients[name], gradcheck.numerical_gradient(loss, array))
        assert error < 1e-7, f"{name}: relative error {error:.1e} against finite differences"


hidden_test_lstm_backward_gradients(n_x=2, n_a=3, m=2, T_x=4, seed=23)
hidden_test_lstm_backward_gradients(n_x=1, n_a=2, m=1, T_x=1, seed=24)
### END HIDDEN TESTS

# %% [markdown]
# :::{admonition} About the source report: the test of `lstm_backward` in the original exercise
# :class: dropdown
# The original exercise's cell drew `da` with only 4 time steps for a 7-step sequence. A
# function that reads $T_x$ from `da` then backpropagates through the first 4 steps only (and
# `dx` has 4 steps), so the last three steps are never tested. We draw all 7, so the printed
# values above are this chapter's own, not published ones. The forward pass is still the
# reports' `lstm_forward` test: report 000 prints `a[4][3][6] 0.17211776753291672`, and the
# cell below prints the same number, up to float rounding in its last digit.
# :::

# %% tags=["hide-cell"] mystnb={"code_prompt_show": "Show the check of report 000's a[4][3][6]", "code_prompt_hide": "Hide the check of report 000's a[4][3][6]"}
print("a[4][3][6] =", a[4][3][6])

# %% [markdown]
# ### Gradient check through time
#
# The loss is $J = \sum (da \odot a)$ over all steps. The check perturbs every input of every
# step, the initial state, and every shared parameter.

# %% tags=["nbval-ignore-output"]
def lstm_sequence_check_loss():
    """J = sum(da * a) over the whole sequence, from the current x, a0 and parameters."""
    a, _, _, _ = lstm_forward(x, a0, parameters)
    return np.sum(da * a)


sequence_check = gradcheck.gradient_check_table(
    lstm_sequence_check_loss,
    arrays={"dx": x, "da0": a0,
            "dWf": parameters["Wf"], "dbf": parameters["bf"],
            "dWi": parameters["Wi"], "dbi": parameters["bi"],
            "dWc": parameters["Wc"], "dbc": parameters["bc"],
            "dWo": parameters["Wo"], "dbo": parameters["bo"]},
    analytic_gradients=gradients,
)
sequence_check

# %%
print("all relative errors below 1e-7:", bool((sequence_check["relative error"] < 1e-7).all()))

# %% [markdown]
# ## From scratch, then the library
#
# Keras has all three recurrent layers built in. If we give them our weights, they should
# compute our hidden states. Keras stores the same numbers in a different layout:
#
# * **Batch first, row vectors.** An input sequence has shape $(m, T_x, n_x)$ and a layer
#   computes $x W$ with $x$ a row. So Keras's `kernel` is our input weight matrix
#   **transposed**, shape $(n_x, k\,n_a)$, for a layer with $k$ gates.
# * **Input and recurrent weights apart.** Our $W_g$ acts on $[a; x]$. Its first $n_a$ columns
#   act on the hidden state (Keras's `recurrent_kernel`, $(n_a, k\,n_a)$) and its last $n_x$
#   columns act on the input (`kernel`).
# * **Gates side by side**, in a fixed order along the last axis. For the LSTM the order is
#   **i, f, c, o** (input, forget, candidate, output). Our dictionary names them f, i, c, o.
# * **One bias vector** per layer, shape $(k\,n_a,)$, in the same gate order. The GRU is the
#   exception, see below.
#
# Keras computes in `float32`, whose unit roundoff is $2^{-24} \approx 6 \times 10^{-8}$;
# numpy computes in `float64`. So the two cannot agree to the last digit. We state a tolerance
# instead, well above float32 rounding but far below the size of a real mistake (a wrong or
# missing term changes values by order 0.1 to 1):
#
# * hidden states and memory cells (values in $(-1, 1)$ and a little beyond): the largest
#   absolute difference must be below $10^{-5}$;
# * gradients: the relative error (as in the gradient checks) must be below $10^{-5}$.

# %%
FORWARD_TOLERANCE = 1e-5
GRADIENT_TOLERANCE = 1e-5


def to_keras_sequence(array):
    """Our (n, m, T_x) layout to Keras's (m, T_x, n), as float32."""
    return np.transpose(array, (1, 2, 0)).astype(np.float32)


# %% [markdown]
# ### The basic RNN and `keras.layers.SimpleRNN`
#
# `SimpleRNN` computes $a^{\langle t \rangle} = \tanh(x^{\langle t \rangle} W_{kernel} + a^{\langle t-1 \rangle} W_{recurrent} + b)$,
# so `kernel` is $W_{ax}^T$, `recurrent_kernel` is $W_{aa}^T$ and `bias` is $b_a$. Keras layers
# have no output projection, so we compare the hidden states. The draws are the reports'
# `rnn_forward` test.

# %% tags=["nbval-ignore-output"]
np.random.seed(1)
x_rnn = np.random.randn(3, 10, 4)
a0_rnn = np.random.randn(5, 10)
Waa = np.random.randn(5, 5)
Wax = np.random.randn(5, 3)
Wya = np.random.randn(2, 5)
ba = np.random.randn(5, 1)
by = np.random.randn(2, 1)
rnn_parameters = {"Waa": Waa, "Wax": Wax, "Wya": Wya, "ba": ba, "by": by}
a_rnn, _, _ = rnn_forward(x_rnn, a0_rnn, rnn_parameters)

repro.seed_everything(1)
keras_rnn = keras.layers.SimpleRNN(5, return_sequences=True)
keras_rnn.build((10, 4, 3))
keras_rnn.set_weights([Wax.T, Waa.T, ba[:, 0]])
a_keras_rnn = keras_rnn(to_keras_sequence(x_rnn), initial_state=a0_rnn.T.astype(np.float32))

rnn_forward_difference = np.max(np.abs(np.asarray(a_keras_rnn) - to_keras_sequence(a_rnn)))
print("SimpleRNN: largest difference in the hidden states:", rnn_forward_difference)

# %% [markdown]
# ### The LSTM and `keras.layers.LSTM`
#
# The conversion puts our gates in Keras's order i, f, c, o, and splits each $W_g$ into its
# recurrent and input columns.

# %%
KERAS_LSTM_GATES = ["i", "f", "c", "o"]


def lstm_to_keras_weights(parameters, n_a):
    """Our LSTM parameters as [kernel, recurrent_kernel, bias] of keras.layers.LSTM."""
    kernel = np.concatenate([parameters["W" + g][:, n_a:].T for g in KERAS_LSTM_GATES], axis=1)
    recurrent_kernel = np.concatenate([parameters["W" + g][:, :n_a].T for g in KERAS_LSTM_GATES], axis=1)
    bias = np.concatenate([parameters["b" + g][:, 0] for g in KERAS_LSTM_GATES])
    return [kernel, recurrent_kernel, bias]


# %% [markdown]
# On the `lstm_forward` test of the backpropagation through time above (`x`, `a0`,
# `parameters`, and our `a` and `c`):

# %% tags=["nbval-ignore-output"]
repro.seed_everything(1)
keras_lstm = keras.layers.LSTM(5, return_sequences=True, return_state=True)
keras_lstm.build((10, 7, 3))
keras_lstm.set_weights(lstm_to_keras_weights(parameters, n_a=5))

x_keras = tf.constant(to_keras_sequence(x))
a0_keras = tf.constant(a0.T.astype(np.float32))
c0_keras = tf.zeros((10, 5))
a_keras, a_last_keras, c_last_keras = keras_lstm(x_keras, initial_state=[a0_keras, c0_keras])

lstm_forward_difference = max(
    np.max(np.abs(np.asarray(a_keras) - to_keras_sequence(a))),
    np.max(np.abs(np.asarray(c_last_keras) - c[:, :, -1].T)),
)
print("LSTM: largest difference in the hidden states and last memory cell:", lstm_forward_difference)

# %% [markdown]
# ### A GRU cell, and `keras.layers.GRU`
#
# The gated recurrent unit (GRU) has no separate memory cell. It has two gates: an **update**
# gate $z$ that mixes the old state with a candidate, and a **reset** gate $r$ that decides how
# much of the old state the candidate sees.

# %% mystnb={"image": {"alt": "The GRU cell as keras.layers.GRU(reset_after=False) computes it. The reset gate scales the previous state a(t-1) before the tanh candidate reads it together with the input x(t); the new state a(t) keeps the update gate's share of a(t-1) and takes the rest, 1 minus the update gate, from the candidate."}} tags=["remove-input"]
diagrams.show("gru_cell")

# %% [markdown]
# The diagram draws the original GRU (Cho et al., 2014), which applies $r$ to
# $a^{\langle t-1 \rangle}$ *before* the recurrent matrix product, with a single bias; Keras
# offers it as `reset_after=False`, and the [next chapter](lstm_gru_gates.ipynb) writes it.
# Here we write Keras's **default** variant (`reset_after=True`, the one cuDNN implements),
# which applies the reset gate *after* the recurrent matrix product:
#
# $$
# \begin{aligned}
# z &= \sigma\left(W_z [a^{\langle t-1 \rangle}; x^{\langle t \rangle}] + b_z\right) && \text{update gate} \\
# r &= \sigma\left(W_r [a^{\langle t-1 \rangle}; x^{\langle t \rangle}] + b_r\right) && \text{reset gate} \\
# \tilde{a} &= \tanh\left(W_{cx} x^{\langle t \rangle} + b_{cx} + r \odot \left(W_{ca} a^{\langle t-1 \rangle} + b_{ca}\right)\right) && \text{candidate} \\
# a^{\langle t \rangle} &= z \odot a^{\langle t-1 \rangle} + (1 - z) \odot \tilde{a} && \text{new hidden state}
# \end{aligned}
# $$
#
# Because $r$ multiplies $W_{ca} a^{\langle t-1 \rangle} + b_{ca}$, the candidate has two
# biases, one inside the reset and one outside: a slightly different function from the
# diagram's. It is the GRU of every `keras.layers.GRU` in this book. The
# [notation page](../../notation.md) sets the two formulations side by side. Some texts, among
# them Chung et al. (2014), swap the roles of $z$ and $1 - z$: a relabelling, not a different
# model. We follow Keras, as does the GRU's first paper (Cho et al., 2014), where $z$ is the
# share of the old state.

# %% nbgrader={"grade": false, "grade_id": "gru_cell_forward", "locked": false, "schema_version": 3, "solution": true, "task": false}
def gru_cell_forward(xt, a_prev, parameters):
    """One forward step of a GRU cell, in Keras's reset_after variant.

    xt: (n_x, m); a_prev: (n_a, m); parameters: dict with Wz, Wr of shape (n_a, n_a + n_x),
    bz, br of shape (n_a, 1), Wcx (n_a, n_x), Wca (n_a, n_a), bcx and bca (n_a, 1).
    Returns a_next, shape (n_a, m).
    """
    ### BEGIN SOLUTION
    concat = np.concatenate([a_prev, xt], axis=0)
    zt = sigmoid(np.dot(parameters["Wz"], concat) + parameters["bz"])
    rt = sigmoid(np.dot(parameters["Wr"], concat) + parameters["br"])
    recurrent_part = np.dot(parameters["Wca"], a_prev) + parameters["bca"]
    candidate = np.tanh(np.dot(parameters["Wcx"], xt) + parameters["bcx"] + rt * recurrent_part)
    a_next = zt * a_prev + (1 - zt) * candidate
    return a_next
    ### END SOLUTION


# %% [markdown]
# Keras orders the GRU's gates **z, r, candidate**. With `reset_after=True` its bias has shape
# $(2, 3 n_a)$: the first row is added to the input products and the second to the recurrent
# products. For $z$ and $r$ only the sum of the two rows matters, so we put our $b_z, b_r$ in
# the first row and zeros in the second. For the candidate the rows differ: $b_{cx}$ goes in
# the first and $b_{ca}$ in the second.

# %%
def gru_to_keras_weights(parameters, n_a):
    """Our GRU parameters as [kernel, recurrent_kernel, bias] of keras.layers.GRU."""
    Wz, Wr = parameters["Wz"], parameters["Wr"]
    kernel = np.concatenate([Wz[:, n_a:].T, Wr[:, n_a:].T, parameters["Wcx"].T], axis=1)
    recurrent_kernel = np.concatenate([Wz[:, :n_a].T, Wr[:, :n_a].T, parameters["Wca"].T], axis=1)
    input_bias = np.concatenate([parameters["bz"][:, 0], parameters["br"][:, 0], parameters["bcx"][:, 0]])
    recurrent_bias = np.concatenate([np.zeros(2 * n_a), parameters["bca"][:, 0]])
    return [kernel, recurrent_kernel, np.stack([input_bias, recurrent_bias])]


# %% tags=["nbval-ignore-output"]
np.random.seed(1)
x_gru = np.random.randn(3, 10, 7)
a0_gru = np.random.randn(5, 10)
gru_parameters = {
    "Wz": np.random.randn(5, 5 + 3), "bz": np.random.randn(5, 1),
    "Wr": np.random.randn(5, 5 + 3), "br": np.random.randn(5, 1),
    "Wcx": np.random.randn(5, 3), "Wca": np.random.randn(5, 5),
    "bcx": np.random.randn(5, 1), "bca": np.random.randn(5, 1),
}

a_gru = np.zeros((5, 10, 7))
a_next = a0_gru
for t in range(7):
    a_next = gru_cell_forward(x_gru[:, :, t], a_next, gru_parameters)
    a_gru[:, :, t] = a_next

repro.seed_everything(1)
keras_gru = keras.layers.GRU(5, return_sequences=True)  # reset_after=True is the default
keras_gru.build((10, 7, 3))
keras_gru.set_weights(gru_to_keras_weights(gru_parameters, n_a=5))
a_keras_gru = keras_gru(to_keras_sequence(x_gru), initial_state=a0_gru.T.astype(np.float32))

gru_forward_difference = np.max(np.abs(np.asarray(a_keras_gru) - to_keras_sequence(a_gru)))
print("GRU: largest difference in the hidden states:", gru_forward_difference)

# %% nbgrader={"grade": true, "grade_id": "test_gru_cell_forward", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false} tags=["hide-input"]
# Graded tests of gru_cell_forward (2 points). Visible: gates pushed shut or open by large
# biases, where the equations reduce to something simpler. More tests run when your notebook
# is graded.
def random_gru_parameters(n_x, n_a, rng):
    """GRU parameters of the shapes gru_cell_forward expects, drawn at random."""
    shapes = {"Wz": (n_a, n_a + n_x), "bz": (n_a, 1), "Wr": (n_a, n_a + n_x), "br": (n_a, 1),
              "Wcx": (n_a, n_x), "Wca": (n_a, n_a), "bcx": (n_a, 1), "bca": (n_a, 1)}
    return {name: rng.normal(size=shape) for name, shape in shapes.items()}


def test_gru_cell_forward_with_gates_shut_or_open():
    rng = np.random.default_rng(1)
    xt, a_prev = rng.normal(size=(3, 5)), rng.normal(size=(4, 5))
    p = random_gru_parameters(3, 4, rng)
    gates_by_bias = dict(p, Wz=np.zeros((4, 7)), Wr=np.zeros((4, 7)))  # the biases alone set z and r

    def with_biases(bz, br):
        return dict(gates_by_bias, bz=np.full((4, 1), bz), br=np.full((4, 1), br))

    # z = 1: the old state is kept
    np.testing.assert_allclose(gru_cell_forward(xt, a_prev, with_biases(50.0, 0.0)), a_prev, rtol=1e-12)
    # z = 0, r = 0: the candidate alone, and it sees only the input
    np.testing.assert_allclose(gru_cell_forward(xt, a_prev, with_biases(-50.0, -50.0)),
                               np.tanh(p["Wcx"] @ xt + p["bcx"]), rtol=1e-12, atol=1e-15)
    # z = 0, r = 1: the candidate sees the input and the whole recurrent term
    np.testing.assert_allclose(gru_cell_forward(xt, a_prev, with_biases(-50.0, 50.0)),
                               np.tanh(p["Wcx"] @ xt + p["bcx"] + p["Wca"] @ a_prev + p["bca"]),
                               rtol=1e-12, atol=1e-15)


test_gru_cell_forward_with_gates_shut_or_open()
### BEGIN HIDDEN TESTS
def hidden_test_gru_cell_forward(n_x, n_a, m, seed):
    """Other shapes and draws: the equations of the reset_after GRU; inputs unchanged."""
    rng = np.random.default_rng(seed)
    xt, a_prev = rng.normal(size=(n_x, m)), rng.normal(size=(n_a, m))
    p = random_gru_parameters(n_x, n_a, rng)
    originals = [xt.copy(), a_prev.copy()] + [value.copy() for value in p.values()]
    a_next = gru_cell_forward(xt, a_prev, p)
    v = np.vstack([a_prev, xt])
    update, reset = sigmoid(p["Wz"] @ v + p["bz"]), sigmoid(p["Wr"] @ v + p["br"])
    candidate = np.tanh(p["Wcx"] @ xt + p["bcx"] + reset * (p["Wca"] @ a_prev + p["bca"]))
    assert a_next.shape == (n_a, m)
    np.testing.assert_allclose(a_next, update * a_prev + (1 - update) * candidate, rtol=1e-10, atol=1e-12)
    for original, now in zip(originals, [xt, a_prev] + list(p.values())):
        np.testing.assert_array_equal(now, original, err_msg="an input was changed in place")


hidden_test_gru_cell_forward(n_x=2, n_a=4, m=1, seed=31)
hidden_test_gru_cell_forward(n_x=5, n_a=1, m=6, seed=32)
hidden_test_gru_cell_forward(n_x=3, n_a=6, m=2, seed=33)
### END HIDDEN TESTS

# %% [markdown]
# The three largest differences above are float32 rounding; their last digits may differ on
# another machine, so the tests compare this instead:

# %%
print(f"all forward differences below {FORWARD_TOLERANCE}:",
      bool(max(rnn_forward_difference, lstm_forward_difference, gru_forward_difference) < FORWARD_TOLERANCE))

# %% [markdown]
# ### Our gradients and TensorFlow's
#
# `tf.GradientTape` records the operations of the Keras LSTM and differentiates them
# automatically. We differentiate the same loss as in the gradient check through time,
# $J = \sum (da \odot a)$, with respect to the layer's three weight arrays, the inputs and the
# initial hidden state. Then we convert our gradients to Keras's layout with the same function
# as the weights (a gradient has the layout of its parameter).

# %%
da_keras = tf.constant(to_keras_sequence(da))
with tf.GradientTape() as tape:
    tape.watch([x_keras, a0_keras])
    a_keras, _, _ = keras_lstm(x_keras, initial_state=[a0_keras, c0_keras])
    loss = tf.reduce_sum(da_keras * a_keras)

tf_gradients = tape.gradient(
    loss, [keras_lstm.cell.kernel, keras_lstm.cell.recurrent_kernel, keras_lstm.cell.bias,
           x_keras, a0_keras])

our_gradients = lstm_to_keras_weights(
    {"W" + g: gradients["dW" + g] for g in KERAS_LSTM_GATES}
    | {"b" + g: gradients["db" + g] for g in KERAS_LSTM_GATES},
    n_a=5,
) + [to_keras_sequence(gradients["dx"]), gradients["da0"].T]

# %% tags=["nbval-ignore-output"]
names = ["kernel", "recurrent_kernel", "bias", "inputs x", "initial state a0"]
keras_check = pd.DataFrame(
    {"relative error": [gradcheck.relative_error(ours, np.asarray(theirs))
                        for ours, theirs in zip(our_gradients, tf_gradients)]},
    index=pd.Index(names, name="gradient"),
)
keras_check

# %%
print(f"all relative errors below {GRADIENT_TOLERANCE}:",
      bool((keras_check["relative error"] < GRADIENT_TOLERANCE).all()))

# %% [markdown]
# Our hand-written backpropagation through time and TensorFlow's automatic differentiation
# agree on every gradient to float32 precision. The relative errors are about $10^{-7}$, the
# size of float32 rounding; a single wrong term would give errors of order $10^{-1}$.
#
# (lstm-backward-summary)=
# ## Summary of published values
#
# | test | report 000 (section 4.1) | report 001 (section 3.1, item 8) | this chapter |
# |---|---|---|---|
# | `lstm_cell_backward`: `dc_prev`, `dWf`, `dWi`, `dWc`, `dWo`, `dbf`, `dbc` | all values | all values (OCR repeats and drops some lines) | reproduces both |
# | `lstm_cell_backward`: `dbi`, `dbo` | all values | lines lost to OCR | reproduces 000 |
# | `lstm_cell_backward`: `dxt[1][2]`, `da_prev[2][3]` | `-0.0005948426375572136`, `-0.5867025381982609`: wrong, from a wrong $dv$ ([gradient check of the cell](lstm-backward-cell-check)) | `3.2305591151091884`, `-0.0639621419710924` | reproduces 001; finite differences confirm |
# | `lstm_backward` | not run | not run | own test (all 7 steps), gradient-checked |
#
# ## Discussion
#
# * Where the two reports disagree, the finite differences decide: report 001's `dxt` and
#   `da_prev` are the derivatives of the forward pass; report 000's are not. Its mistake (the
#   forget gate's gradient in every term of $dv$, and no candidate term) leaves every parameter
#   gradient right. So a test that checks only some of the outputs, or a model that still
#   trains, would not reveal it.
# * Every gradient of `lstm_cell_backward` and `lstm_backward` agrees with finite differences
#   to a relative error below $10^{-7}$. The gradients of the inputs and of the initial state
#   are checked too, not only those of the parameters.
# * Given the same weights, `SimpleRNN`, `LSTM` and `GRU` compute the same hidden states as
#   our numpy code, and TensorFlow's automatic differentiation gives the same LSTM gradients as
#   our backward pass. The differences are the size of float32 rounding. What Keras does inside
#   these layers is what this chapter wrote by hand; only the memory layout differs (batch
#   first, transposed, gates side by side in the order i, f, c, o).
# * **Limitation.** These checks use random weights and random upstream gradients, on a
#   7-step sequence with 5 units. They prove that the code differentiates what it computes,
#   not that it is numerically sound over hundreds of steps, where gradients can vanish or
#   explode. The GRU's agreement with Keras is shown here for the forward pass only; its
#   backward pass is written and checked in [GRU backward](gru_backward.ipynb).
