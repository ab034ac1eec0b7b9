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
# # GRU backward: from scratch, checked against finite differences and Keras
#
# **Objective.** The book has written the basic RNN and the LSTM from scratch, forward and
# backward ([RNN hands-on](rnn_hands_on.ipynb), [LSTM backward](lstm_backward.ipynb)). The third
# recurrent cell of the trio, the gated recurrent unit (GRU), has so far only run forward. Here
# we write its backward pass in numpy: one cell, then backpropagation through time over a
# whole sequence. Then we check it twice, as we checked the LSTM: finite differences show that
# every gradient is the derivative of the forward pass, and `keras.layers.GRU`, given the same
# weights, computes the same hidden states and, through TensorFlow's automatic
# differentiation, the same gradients. Both checks run in float64, so the numbers must agree to
# rounding.
#
# **Why the GRU.** The GRU (Cho et al., 2014) keeps the LSTM's central idea, a gated path
# along which the state is copied from step to step, with less machinery: no separate memory
# cell and two gates instead of three. The **update gate** decides, unit by unit, how much of
# the old state to keep and how much to replace by a candidate; the **reset gate** decides how
# much of the old state the candidate may see. The derivation below shows what these two gates
# do to the gradient.
#
# **Sources.** No source report writes the GRU's backward pass. Report 002 trains a
# `keras.layers.GRU` (the [IBM chapter](../3_forecasting/forecast_ibm.ipynb)), and reports 002
# and 004 describe the GRU in words, which the [chapter on the gates](lstm_gru_gates.ipynb)
# checks. This chapter is the book's own, and so are its test values.
#
# **Prerequisite.** The notation of [LSTM backward](lstm_backward.ipynb): arrays hold one
# example per column, $x^{\langle t \rangle}$ has shape $(n_x, m)$, the hidden state
# $a^{\langle t \rangle}$ has shape $(n_a, m)$, and a sequence adds a last axis of length $T_x$.
#
# Symbols and shapes: see the [notation page](../../notation.md).

# %% tags=["remove-stderr"]
from labutils import repro

repro.use_single_thread()  # before TensorFlow is imported: makes its results repeatable

import keras
import numpy as np
import pandas as pd
import tensorflow as tf

import labutils
from labutils import diagrams, gradcheck
from labutils.grading import substituted
from labutils.rnn_utils import sigmoid

print("labutils", labutils.__version__, "| keras", keras.__version__)

# %% [markdown]
# Every test cell seeds numpy itself with `np.random.seed(1)`, as the other numpy chapters do,
# so each cell's random draws do not depend on the cells before it.
#
# ## The GRU cell, forward
#
# The diagram draws the GRU as Cho et al. wrote it. The new state $a^{\langle t \rangle}$ is a
# mix, unit by unit, of the old state $a^{\langle t-1 \rangle}$ and a candidate $\tilde a$; the
# update gate sets the mix, and the reset gate scales what the candidate sees of the old
# state.

# %% mystnb={"image": {"alt": "The GRU cell as keras.layers.GRU(reset_after=False) computes it. The reset gate scales the previous state a(t-1) before the tanh candidate reads it together with the input x(t); the new state a(t) keeps the update gate's share of a(t-1) and takes the rest, 1 minus the update gate, from the candidate."}} tags=["remove-input"]
diagrams.show("gru_cell")

# %% [markdown]
# Keras offers two variants of this cell, and they are different functions
# (the [notation page](../../notation.md) sets them side by side). With `reset_after=False` the
# reset gate multiplies $a^{\langle t-1 \rangle}$ *before* the recurrent matrix product, as the
# diagram draws it. With `reset_after=True`, **Keras' default** (the variant cuDNN implements),
# it multiplies the recurrent product, bias included, *after* it. **This chapter writes
# `reset_after=True`**: it is the GRU of every `keras.layers.GRU` in this book (the IBM and
# dinosaur chapters train it), and choosing it lets us compare with Keras' default layer
# directly. The [LSTM backward chapter](lstm_backward.ipynb) wrote its forward step; the
# [chapter on the gates](lstm_gru_gates.ipynb) wrote the other variant.
#
# With $v = [a^{\langle t-1 \rangle}; x^{\langle t \rangle}]$, shape $(n_a + n_x, m)$, as for
# the LSTM, and a name for each **pre-activation** (the value before the sigmoid or tanh):
#
# $$
# \begin{aligned}
# s_z &= W_z v + b_z, & z &= \sigma(s_z) && \text{update gate} \\
# s_r &= W_r v + b_r, & r &= \sigma(s_r) && \text{reset gate} \\
# q &= W_{ca} a^{\langle t-1 \rangle} + b_{ca} & & && \text{the recurrent part of the candidate} \\
# s_c &= W_{cx} x^{\langle t \rangle} + b_{cx} + r \odot q, & \tilde a &= \tanh(s_c) && \text{candidate} \\
# & & a^{\langle t \rangle} &= z \odot a^{\langle t-1 \rangle} + (1 - z) \odot \tilde a && \text{new hidden state}
# \end{aligned}
# $$
#
# $W_z, W_r$ have shape $(n_a, n_a + n_x)$, $W_{cx}$ is $(n_a, n_x)$, $W_{ca}$ is $(n_a, n_a)$
# and the four biases are $(n_a, 1)$. The candidate has two biases: $b_{ca}$ inside the reset,
# $b_{cx}$ outside it. (With `reset_after=False` the candidate would be
# $\tanh(W_h [r \odot a^{\langle t-1 \rangle}; x^{\langle t \rangle}] + b_h)$, with one bias.)
#
# **Which share is $z$?** Here, as in Keras (and PyTorch), $z$ is the share of the **old
# state that is kept**. Many texts write the GRU the other way round, with an update gate that
# sets the share of the **candidate**, as the LSTM's update gate $\Gamma_u$ does:
# $a^{\langle t \rangle} = \Gamma_u \odot \tilde a + (1 - \Gamma_u) \odot a^{\langle t-1 \rangle}$.
# It is the same model, relabelled: $\Gamma_u = 1 - z$, and since
# $1 - \sigma(s) = \sigma(-s)$, a cell written that way computes ours with
# $W_u = -W_z$, $b_u = -b_z$. The cell after the exercise checks this.
#
# **The cache.** The backward pass needs the gate values and $q$, so `gru_cell_forward`
# returns, besides $a^{\langle t \rangle}$, the cache
# `(a_next, a_prev, zt, rt, cct, recurrent_part, xt, parameters)`: the gates $z$, $r$, the
# candidate $\tilde a$ (`cct`, as the LSTM's candidate) and $q$ (`recurrent_part`). The GRU of
# this chapter has no output layer: it returns hidden states, as a Keras layer does.

# %% nbgrader={"grade": false, "grade_id": "gru_cell_forward", "locked": false, "schema_version": 3, "solution": true, "task": false}
def gru_cell_forward(xt, a_prev, parameters):
    """One forward step of a GRU cell, in Keras' reset_after=True variant.

    xt: (n_x, m); a_prev: (n_a, m); parameters: dict with Wz, Wr (n_a, n_a + n_x),
    Wcx (n_a, n_x), Wca (n_a, n_a) and bz, br, bcx, bca (n_a, 1).
    Returns a_next (n_a, m) and cache = (a_next, a_prev, zt, rt, cct, recurrent_part, xt, parameters).
    """
    ### BEGIN SOLUTION
    Wz, bz = parameters["Wz"], parameters["bz"]
    Wr, br = parameters["Wr"], parameters["br"]
    Wcx, bcx = parameters["Wcx"], parameters["bcx"]
    Wca, bca = parameters["Wca"], parameters["bca"]

    concat = np.concatenate([a_prev, xt], axis=0)
    zt = sigmoid(np.dot(Wz, concat) + bz)
    rt = sigmoid(np.dot(Wr, concat) + br)
    recurrent_part = np.dot(Wca, a_prev) + bca
    cct = np.tanh(np.dot(Wcx, xt) + bcx + rt * recurrent_part)
    a_next = zt * a_prev + (1 - zt) * cct

    cache = (a_next, a_prev, zt, rt, cct, recurrent_part, xt, parameters)
    return a_next, cache
    ### END SOLUTION


# %% [markdown]
# The test draws the input, the previous state and the parameters ($n_x = 3$, $m = 10$,
# $n_a = 5$, the sizes of the LSTM's tests) in a fixed order:

# %%
def draw_gru_parameters(n_x, n_a):
    """GRU parameters from numpy's global generator, in a fixed order: Wz, bz, Wr, br, Wcx, Wca, bcx, bca."""
    return {"Wz": np.random.randn(n_a, n_a + n_x), "bz": np.random.randn(n_a, 1),
            "Wr": np.random.randn(n_a, n_a + n_x), "br": np.random.randn(n_a, 1),
            "Wcx": np.random.randn(n_a, n_x), "Wca": np.random.randn(n_a, n_a),
            "bcx": np.random.randn(n_a, 1), "bca": np.random.randn(n_a, 1)}


np.random.seed(1)
xt = np.random.randn(3, 10)
a_prev = np.random.randn(5, 10)
parameters = draw_gru_parameters(n_x=3, n_a=5)

a_next, cache = gru_cell_forward(xt, a_prev, parameters)
print("a_next[4] =", a_next[4])
print("a_next.shape =", a_next.shape)
print("update gate zt[1][2] =", round(cache[2][1][2], 8), "| reset gate rt[1][2] =", round(cache[3][1][2], 8))
print("len(cache) =", len(cache))

# %% nbgrader={"grade": true, "grade_id": "test_gru_cell_forward", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false} tags=["hide-input"]
# Graded tests of gru_cell_forward (2 points). Visible: the test above, to the printed
# digits, and the cache's order; gates pushed shut or open by large biases. More tests run
# when your notebook is graded.
def draw_gru_parameters_from(rng, n_x, n_a):
    """GRU parameters of the shapes gru_cell_forward expects, drawn from the generator rng."""
    shapes = {"Wz": (n_a, n_a + n_x), "bz": (n_a, 1), "Wr": (n_a, n_a + n_x), "br": (n_a, 1),
              "Wcx": (n_a, n_x), "Wca": (n_a, n_a), "bcx": (n_a, 1), "bca": (n_a, 1)}
    return {name: rng.normal(size=shape) for name, shape in shapes.items()}


def test_gru_cell_forward_on_the_seed_1_draws():
    np.random.seed(1)
    xt, a_prev = np.random.randn(3, 10), np.random.randn(5, 10)
    p = {"Wz": np.random.randn(5, 8), "bz": np.random.randn(5, 1), "Wr": np.random.randn(5, 8),
         "br": np.random.randn(5, 1), "Wcx": np.random.randn(5, 3), "Wca": np.random.randn(5, 5),
         "bcx": np.random.randn(5, 1), "bca": np.random.randn(5, 1)}
    a_next, cache = gru_cell_forward(xt, a_prev, p)
    assert a_next.shape == (5, 10) and len(cache) == 8
    np.testing.assert_allclose(a_next[4], [0.72323165, -0.99097427, -0.57151746, -0.80407229, 0.63142092,
                                           -1.79760931, -0.55658341, -0.98172073, -0.78122181, 0.54129263], atol=1e-8)
    np.testing.assert_allclose([cache[2][1][2], cache[3][1][2]], [0.05912796, 0.55112122], atol=1e-8)
    assert cache[0] is a_next and cache[1] is a_prev and cache[6] is xt and cache[7] is p, \
        "cache = (a_next, a_prev, zt, rt, cct, recurrent_part, xt, parameters)"


def test_gru_cell_forward_with_gates_shut_or_open():
    rng = np.random.default_rng(1)
    xt, a_prev = rng.normal(size=(3, 5)), rng.normal(size=(4, 5))
    p = draw_gru_parameters_from(rng, 3, 4)
    gates_by_bias = dict(p, Wz=np.zeros((4, 7)), Wr=np.zeros((4, 7)))  # the biases alone set z and r

    def with_biases(bz, br):
        return dict(gates_by_bias, bz=np.full((4, 1), bz), br=np.full((4, 1), br))

    # z = 1: the old state is kept
    np.testing.assert_allclose(gru_cell_forward(xt, a_prev, with_biases(50.0, 0.0))[0], a_prev, rtol=1e-12)
    # z = 0, r = 0: the candidate alone, and it sees only the input
    np.testing.assert_allclose(gru_cell_forward(xt, a_prev, with_biases(-50.0, -50.0))[0],
                               np.tanh(p["Wcx"] @ xt + p["bcx"]), rtol=1e-12, atol=1e-15)


test_gru_cell_forward_on_the_seed_1_draws()
test_gru_cell_forward_with_gates_shut_or_open()
### BEGIN HIDDEN TESTS
def hidden_test_gru_cell_forward(n_x, n_a, m, seed):
    """Other shapes and draws: the equations of the reset_after GRU, every item of the cache; inputs unchanged."""
    rng = np.random.default_rng(seed)
    xt, a_prev = rng.normal(size=(n_x, m)), rng.normal(size=(n_a, m))
    p = draw_gru_parameters_from(rng, n_x, n_a)
    originals = [xt.copy(), a_prev.copy()] + [value.copy() for value in p.values()]
    a_next, cache = gru_cell_forward(xt, a_prev, p)
    v = np.vstack([a_prev, xt])
    update, reset = sigmoid(p["Wz"] @ v + p["bz"]), sigmoid(p["Wr"] @ v + p["br"])
    q = p["Wca"] @ a_prev + p["bca"]
    candidate = np.tanh(p["Wcx"] @ xt + p["bcx"] + reset * q)
    expected = update * a_prev + (1 - update) * candidate
    assert a_next.shape == (n_a, m) and len(cache) == 8
    for name, got, value in [("a_next", a_next, expected), ("cache a_next", cache[0], expected),
                             ("cache a_prev", cache[1], a_prev), ("cache zt", cache[2], update),
                             ("cache rt", cache[3], reset), ("cache cct", cache[4], candidate),
                             ("cache recurrent_part", cache[5], q), ("cache xt", cache[6], xt)]:
        np.testing.assert_allclose(got, value, rtol=1e-10, atol=1e-12, err_msg=name)
    assert cache[7] is p
    for original, now in zip(originals, [xt, a_prev] + list(p.values())):
        np.testing.assert_array_equal(now, original, err_msg="an input was changed in place")


hidden_test_gru_cell_forward(n_x=2, n_a=4, m=1, seed=31)
hidden_test_gru_cell_forward(n_x=5, n_a=1, m=6, seed=32)
hidden_test_gru_cell_forward(n_x=1, n_a=6, m=2, seed=33)
### END HIDDEN TESTS

# %% [markdown]
# The relabelling: a cell written with the other share as its update gate,
# $\Gamma_u = \sigma(W_u v + b_u)$ and
# $a^{\langle t \rangle} = \Gamma_u \odot \tilde a + (1 - \Gamma_u) \odot a^{\langle t-1 \rangle}$,
# given $W_u = -W_z$ and $b_u = -b_z$, computes our `a_next`:

# %%
v = np.concatenate([a_prev, xt], axis=0)
gamma_u = sigmoid(-parameters["Wz"] @ v - parameters["bz"])
a_next_other_labels = gamma_u * cache[4] + (1 - gamma_u) * a_prev
print("largest difference from a_next, below 1e-12:", bool(np.max(np.abs(a_next_other_labels - a_next)) < 1e-12))

# %% [markdown]
# ## The GRU cell, backward: the derivation
#
# The cell receives one gradient from the later part of the network,
# $da_{next} = \partial J / \partial a^{\langle t \rangle}$ (from whatever reads
# $a^{\langle t \rangle}$ at step $t$, and from step $t+1$). We follow the forward equations
# backwards, one chain rule at a time; all products are element-wise unless a $W$ is involved,
# and the derivatives of the activations are written with their outputs,
# $\sigma' = \sigma (1 - \sigma)$ and $\tanh' = 1 - \tanh^2$.
#
# **The mix.** $a^{\langle t \rangle} = z \odot a^{\langle t-1 \rangle} + (1 - z) \odot \tilde a$
# is linear in each of its three ingredients:
#
# $$d\tilde a = da_{next} \odot (1 - z), \qquad
# dz = da_{next} \odot \left(a^{\langle t-1 \rangle} - \tilde a\right), \qquad
# da_{prev}^{\text{direct}} = da_{next} \odot z .$$
#
# The last one is the GRU's gradient highway: where the update gate is near 1, the gradient
# reaches the previous state almost unchanged, without a weight matrix or a squashing
# derivative in the way, just as the LSTM's memory cell passes $dc \odot \Gamma_f$.
#
# **The candidate** $\tilde a = \tanh(s_c)$ with $s_c = W_{cx} x^{\langle t \rangle} + b_{cx} + r \odot q$:
#
# $$ds_c = d\tilde a \odot (1 - \tilde a^{\,2}), \qquad dr = ds_c \odot q, \qquad dq = ds_c \odot r .$$
#
# **The gates' pre-activations:**
#
# $$ds_z = dz \odot z \odot (1 - z), \qquad ds_r = dr \odot r \odot (1 - r).$$
#
# **The parameters.** $s_z = W_z v + b_z$ and $s_r = W_r v + b_r$ are dense layers of $v$;
# the candidate's input part is a dense layer of $x^{\langle t \rangle}$ and its recurrent part
# $q = W_{ca} a^{\langle t-1 \rangle} + b_{ca}$ one of $a^{\langle t-1 \rangle}$. So, summing
# the biases' gradients over the $m$ examples:
#
# $$
# \begin{aligned}
# dW_z &= ds_z \, v^T, & db_z &= \textstyle\sum_{\text{batch}} ds_z, &
# dW_r &= ds_r \, v^T, & db_r &= \textstyle\sum_{\text{batch}} ds_r, \\
# dW_{cx} &= ds_c \, x^{\langle t \rangle T}, & db_{cx} &= \textstyle\sum_{\text{batch}} ds_c, &
# dW_{ca} &= dq \, a^{\langle t-1 \rangle T}, & db_{ca} &= \textstyle\sum_{\text{batch}} dq .
# \end{aligned}
# $$
#
# Note that $db_{cx}$ and $db_{ca}$ differ: $b_{ca}$ sits inside the reset, so its gradient is
# scaled by $r$.
#
# **The inputs.** $v$ feeds both gates, so $dv = W_z^T ds_z + W_r^T ds_r$, whose first $n_a$
# rows belong to $a^{\langle t-1 \rangle}$ and last $n_x$ rows to $x^{\langle t \rangle}$. The
# previous state reaches the loss along **four** paths (the mix, the update gate, the reset
# gate, the candidate's $q$), and the input along three (the two gates and the candidate):
#
# $$da_{prev} = da_{next} \odot z + dv_{[:n_a]} + W_{ca}^T dq, \qquad
# dx^{\langle t \rangle} = dv_{[n_a:]} + W_{cx}^T ds_c .$$
#
# Check the shapes: $ds_z$ is $(n_a, m)$ and $v^T$ is $(m, n_a + n_x)$, so $dW_z$ has the shape
# of $W_z$; $W_{ca}^T dq$ is $(n_a, m)$, the shape of $a^{\langle t-1 \rangle}$.
#
# `gru_cell_backward` returns a dictionary `gradients` with `dxt`, `da_prev` and one gradient
# per parameter, named by the parameter with a `d` in front (`dWz`, `dbz`, ..., `dbca`).

# %% nbgrader={"grade": false, "grade_id": "gru_cell_backward", "locked": false, "schema_version": 3, "solution": true, "task": false}
def gru_cell_backward(da_next, cache):
    """Backward pass of one GRU cell (reset_after=True).

    da_next: gradient of the loss with respect to a_next, shape (n_a, m);
    cache: the cache returned by gru_cell_forward.
    Returns a dict with dxt (n_x, m), da_prev (n_a, m), dWz, dWr (n_a, n_a + n_x), dWcx (n_a, n_x),
    dWca (n_a, n_a) and dbz, dbr, dbcx, dbca (n_a, 1).
    """
    ### BEGIN SOLUTION
    a_next, a_prev, zt, rt, cct, recurrent_part, xt, parameters = cache
    n_a = a_prev.shape[0]

    dcct = da_next * (1 - zt)
    dzt = da_next * (a_prev - cct)
    ds_c = dcct * (1 - cct**2)
    drt = ds_c * recurrent_part
    dq = ds_c * rt
    ds_z = dzt * zt * (1 - zt)
    ds_r = drt * rt * (1 - rt)

    concat = np.concatenate([a_prev, xt], axis=0)
    dWz = np.dot(ds_z, concat.T)
    dWr = np.dot(ds_r, concat.T)
    dWcx = np.dot(ds_c, xt.T)
    dWca = np.dot(dq, a_prev.T)
    dbz = np.sum(ds_z, axis=1, keepdims=True)
    dbr = np.sum(ds_r, axis=1, keepdims=True)
    dbcx = np.sum(ds_c, axis=1, keepdims=True)
    dbca = np.sum(dq, axis=1, keepdims=True)

    dconcat = np.dot(parameters["Wz"].T, ds_z) + np.dot(parameters["Wr"].T, ds_r)
    da_prev = da_next * zt + dconcat[:n_a, :] + np.dot(parameters["Wca"].T, dq)
    dxt = dconcat[n_a:, :] + np.dot(parameters["Wcx"].T, ds_c)

    return {"dxt": dxt, "da_prev": da_prev,
            "dWz": dWz, "dbz": dbz, "dWr": dWr, "dbr": dbr,
            "dWcx": dWcx, "dWca": dWca, "dbcx": dbcx, "dbca": dbca}
    ### END SOLUTION


# %% [markdown]
# The test continues the draws of the forward test with an upstream gradient `da_next`:

# %%
np.random.seed(1)
xt = np.random.randn(3, 10)
a_prev = np.random.randn(5, 10)
parameters = draw_gru_parameters(n_x=3, n_a=5)
a_next, cache = gru_cell_forward(xt, a_prev, parameters)

da_next = np.random.randn(5, 10)
gradients = gru_cell_backward(da_next, cache)
for name, index in [("dxt", (1, 2)), ("da_prev", (2, 3)), ("dWz", (3, 1)), ("dWr", (1, 2)),
                    ("dWcx", (3, 1)), ("dWca", (1, 2)), ("dbz", 4), ("dbr", 4), ("dbcx", 4), ("dbca", 4)]:
    where = "".join(f"[{i}]" for i in np.atleast_1d(index))
    print(f'gradients["{name}"]{where} = {np.round(gradients[name][index], 8)}, shape {gradients[name].shape}')

# %% nbgrader={"grade": true, "grade_id": "test_gru_cell_backward", "locked": true, "points": 4, "schema_version": 3, "solution": false, "task": false} tags=["hide-input"]
# Graded tests of gru_cell_backward (4 points). Visible: the test above, to the printed
# digits, on a cache made here from the forward equations (not by gru_cell_forward, so
# that a mistake there is not counted here). More tests (gradient checks by finite
# differences) run when your notebook is graded.
def gru_cell_cache(xt, a_prev, p):
    """The cache of one GRU step, as gru_cell_forward returns it, from the forward equations."""
    v = np.vstack([a_prev, xt])
    update, reset = sigmoid(p["Wz"] @ v + p["bz"]), sigmoid(p["Wr"] @ v + p["br"])
    q = p["Wca"] @ a_prev + p["bca"]
    candidate = np.tanh(p["Wcx"] @ xt + p["bcx"] + reset * q)
    return (update * a_prev + (1 - update) * candidate, a_prev, update, reset, candidate, q, xt, p)


def test_gru_cell_backward_on_the_seed_1_draws():
    np.random.seed(1)
    xt, a_prev = np.random.randn(3, 10), np.random.randn(5, 10)
    p = {"Wz": np.random.randn(5, 8), "bz": np.random.randn(5, 1), "Wr": np.random.randn(5, 8),
         "br": np.random.randn(5, 1), "Wcx": np.random.randn(5, 3), "Wca": np.random.randn(5, 5),
         "bcx": np.random.randn(5, 1), "bca": np.random.randn(5, 1)}
    da_next = np.random.randn(5, 10)
    gradients = gru_cell_backward(da_next, gru_cell_cache(xt, a_prev, p))
    expected_shapes = {"dxt": (3, 10), "da_prev": (5, 10), "dWz": (5, 8), "dWr": (5, 8), "dWcx": (5, 3),
                       "dWca": (5, 5), "dbz": (5, 1), "dbr": (5, 1), "dbcx": (5, 1), "dbca": (5, 1)}
    assert {name: gradients[name].shape for name in expected_shapes} == expected_shapes
    for name, index, value in [("dxt", (1, 2), 0.69544768), ("da_prev", (2, 3), 0.20357145),
                               ("dWz", (3, 1), -0.13132302), ("dWr", (1, 2), -0.00843768),
                               ("dWcx", (3, 1), 0.1236179), ("dWca", (1, 2), -0.6488605),
                               ("dbz", 4, -0.35934657), ("dbr", 4, 0.28530996),
                               ("dbcx", 4, 0.68256231), ("dbca", 4, 0.16711115)]:
        np.testing.assert_allclose(gradients[name][index], value, atol=1e-8, err_msg=name)


test_gru_cell_backward_on_the_seed_1_draws()
### BEGIN HIDDEN TESTS
def hidden_test_gru_cell_backward(n_x, n_a, m, seed):
    """Other shapes and draws: every gradient agrees with finite differences (relative error < 1e-7)."""
    rng = np.random.default_rng(seed)
    xt, a_prev, da_next = rng.normal(size=(n_x, m)), rng.normal(size=(n_a, m)), rng.normal(size=(n_a, m))
    p = draw_gru_parameters_from(rng, n_x, n_a)
    cache = gru_cell_cache(xt, a_prev, p)
    originals = [array.copy() for array in (da_next,) + cache[:7]]
    gradients = gru_cell_backward(da_next, cache)
    for original, now in zip(originals, (da_next,) + cache[:7]):
        np.testing.assert_array_equal(now, original, err_msg="an input was changed in place")

    def loss():
        return np.sum(da_next * gru_cell_cache(xt, a_prev, p)[0])

    arrays = {"dxt": xt, "da_prev": a_prev} | {"d" + name: p[name] for name in p}
    for name, array in arrays.items():
        assert gradients[name].shape == array.shape, name
        error = gradcheck.relative_error(gradients[name], gradcheck.numerical_gradient(loss, array))
        assert error < 1e-7, f"{name}: relative error {error:.1e} against finite differences"


hidden_test_gru_cell_backward(n_x=2, n_a=4, m=1, seed=11)
hidden_test_gru_cell_backward(n_x=5, n_a=3, m=6, seed=12)
hidden_test_gru_cell_backward(n_x=1, n_a=1, m=2, seed=13)
### END HIDDEN TESTS

# %% [markdown]
# ### Gradient check of the cell
#
# A derivative can be measured without calculus, and that is how we test a backward pass.
# Take the scalar loss $J = \sum (da_{next} \odot a^{\langle t \rangle})$. Its gradient with
# respect to $a^{\langle t \rangle}$ is exactly `da_next`, so every gradient that
# `gru_cell_backward` returns must equal the central finite difference
# $\frac{J(\theta + \varepsilon) - J(\theta - \varepsilon)}{2\varepsilon}$, taken entry by
# entry ($\varepsilon = 10^{-6}$). We compare them by their relative error
# $\frac{\lVert g - \tilde g \rVert}{\lVert g \rVert + \lVert \tilde g \rVert}$, for the two
# inputs and each of the eight parameters ([`labutils.gradcheck`](../../labutils/gradcheck.py)
# holds the helpers).

# %% tags=["nbval-ignore-output"]
def gru_cell_check_loss():
    """J = sum(da_next * a_next), from the current inputs and parameters."""
    a_next, _ = gru_cell_forward(xt, a_prev, parameters)
    return np.sum(da_next * a_next)


cell_check = gradcheck.gradient_check_table(
    gru_cell_check_loss,
    arrays={"dxt": xt, "da_prev": a_prev} | {"d" + name: parameters[name] for name in parameters},
    analytic_gradients=gradients,
)
cell_check

# %% [markdown]
# The last digits of these relative errors depend on floating-point rounding, so the tests do
# not compare the table digit by digit. They compare this line:

# %%
print("all relative errors below 1e-7:", bool((cell_check["relative error"] < 1e-7).all()))

# %% [markdown]
# ## The GRU over a sequence, forward
#
# `gru_forward` runs the cell over the $T_x$ steps of a sequence $x$ of shape
# $(n_x, m, T_x)$, starting from $a^{\langle 0 \rangle}$ (`a0`), and stores every hidden
# state in `a`, shape $(n_a, m, T_x)$. It returns `a` and `caches = (list of the cells'
# caches, x)`, as `rnn_forward` and `lstm_forward` do.

# %% nbgrader={"grade": false, "grade_id": "gru_forward", "locked": false, "schema_version": 3, "solution": true, "task": false}
def gru_forward(x, a0, parameters):
    """Forward pass of a GRU over a whole sequence.

    x: inputs, shape (n_x, m, T_x); a0: initial hidden state, shape (n_a, m).
    Returns a (n_a, m, T_x), every hidden state, and caches = (list of cell caches, x).
    """
    ### BEGIN SOLUTION
    n_x, m, T_x = x.shape
    n_a = a0.shape[0]

    a = np.zeros((n_a, m, T_x))
    caches = []

    a_next = a0
    for t in range(T_x):
        a_next, cache = gru_cell_forward(x[:, :, t], a_next, parameters)
        a[:, :, t] = a_next
        caches.append(cache)

    return a, (caches, x)
    ### END SOLUTION


# %% [markdown]
# The test draws a sequence of $T_x = 7$ steps, the initial state and the parameters:

# %%
np.random.seed(1)
x = np.random.randn(3, 10, 7)
a0 = np.random.randn(5, 10)
parameters = draw_gru_parameters(n_x=3, n_a=5)

a, caches = gru_forward(x, a0, parameters)
print("a[4][1] =", a[4][1])
print("a.shape =", a.shape)
print("len(caches[0]) =", len(caches[0]))

# %% nbgrader={"grade": true, "grade_id": "test_gru_forward", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false} tags=["hide-input"]
# Graded tests of gru_forward (2 points). They run your loop with a stand-in for
# gru_cell_forward whose outputs are easy to predict, so they test the loop alone: a mistake
# in gru_cell_forward is not counted twice. More tests run when your notebook is graded.
def check_gru_forward_loop(n_x, n_a, m, T_x, seed):
    rng = np.random.default_rng(seed)
    x, a0 = rng.normal(size=(n_x, m, T_x)), rng.normal(size=(n_a, m))
    p = draw_gru_parameters_from(rng, n_x, n_a)
    made = []

    def stand_in_gru_cell(xt, a_prev, parameters):
        """Not a GRU cell: a_next = a_prev + (sum of the inputs); the cache records its call."""
        a_next = a_prev + xt.sum(axis=0)
        made.append((a_next, a_prev, "zt", "rt", "cct", "recurrent_part", xt, parameters))
        return a_next, made[-1]

    with substituted(globals(), gru_cell_forward=stand_in_gru_cell):
        a, caches = gru_forward(x, a0, p)
    expected_a = a0[:, :, np.newaxis] + np.cumsum(x.sum(axis=0), axis=1)
    assert a.shape == (n_a, m, T_x)
    np.testing.assert_allclose(a, expected_a, rtol=1e-12, atol=1e-12)
    cell_caches, cached_x = caches
    np.testing.assert_array_equal(cached_x, x)
    assert len(cell_caches) == T_x, "one cache per time step"
    assert all(cache is known for cache, known in zip(cell_caches, made)), "the caches of the cells, in time order"
    for t, cache in enumerate(cell_caches):
        np.testing.assert_array_equal(cache[6], x[:, :, t])
        assert cache[7] is p
        np.testing.assert_allclose(cache[1], a0 if t == 0 else expected_a[:, :, t - 1], rtol=1e-12, atol=1e-12)


check_gru_forward_loop(n_x=3, n_a=5, m=10, T_x=7, seed=1)  # the shapes of the test above
### BEGIN HIDDEN TESTS
check_gru_forward_loop(n_x=2, n_a=4, m=1, T_x=1, seed=41)
check_gru_forward_loop(n_x=4, n_a=2, m=3, T_x=9, seed=42)
check_gru_forward_loop(n_x=1, n_a=3, m=2, T_x=2, seed=43)
### END HIDDEN TESTS

# %% [markdown]
# ## The GRU over a sequence, backward (backpropagation through time)
#
# `da` holds, for every step, the gradient that reaches $a^{\langle t \rangle}$ from
# *outside* the recurrence (from whatever reads that step's state: a prediction, or here a
# loss), shape $(n_a, m, T_x)$. One gradient flows backwards *through* the recurrence,
# `da_prev`, into the previous state. Walking from $t = T_x - 1$ down to $0$:
#
# $$da_{next}^{\langle t \rangle} = da^{\langle t \rangle} + da_{prev}^{\langle t+1 \rangle},$$
#
# with $da_{prev}^{\langle T_x \rangle} = 0$. The parameters are shared by all steps, so their
# gradients are **summed** over time; `dx` keeps one `dxt` per step; and the gradient that
# leaves the first cell is the gradient of the initial state, `da0`. Unlike the LSTM there is
# no memory cell, so one gradient travels back instead of two: the GRU's highway
# $da_{next} \odot z$ runs through the hidden state itself.

# %% nbgrader={"grade": false, "grade_id": "gru_backward", "locked": false, "schema_version": 3, "solution": true, "task": false}
def gru_backward(da, caches):
    """Backpropagation through time for the GRU.

    da: upstream gradients of all hidden states, shape (n_a, m, T_x);
    caches: the caches returned by gru_forward.
    Returns a dict with dx (n_x, m, T_x), da0 (n_a, m), dWz, dWr (n_a, n_a + n_x), dWcx (n_a, n_x),
    dWca (n_a, n_a) and dbz, dbr, dbcx, dbca (n_a, 1).
    """
    ### BEGIN SOLUTION
    cell_caches, x = caches
    n_a, m, T_x = da.shape
    n_x = x.shape[0]
    parameters = cell_caches[0][7]

    dx = np.zeros((n_x, m, T_x))
    sums = {"d" + name: np.zeros_like(value) for name, value in parameters.items()}
    da_prevt = np.zeros((n_a, m))

    for t in reversed(range(T_x)):
        gradients = gru_cell_backward(da[:, :, t] + da_prevt, cell_caches[t])
        dx[:, :, t] = gradients["dxt"]
        da_prevt = gradients["da_prev"]
        for name in sums:
            sums[name] += gradients[name]

    return {"dx": dx, "da0": da_prevt, **sums}
    ### END SOLUTION


# %% [markdown]
# The test continues the draws of the `gru_forward` test with `da` for all seven steps:

# %%
np.random.seed(1)
x = np.random.randn(3, 10, 7)
a0 = np.random.randn(5, 10)
parameters = draw_gru_parameters(n_x=3, n_a=5)
a, caches = gru_forward(x, a0, parameters)

da = np.random.randn(5, 10, 7)
gradients = gru_backward(da, caches)
for name, index in [("dx", (1, 2, 3)), ("da0", (2, 3)), ("dWz", (3, 1)), ("dWr", (1, 2)),
                    ("dWcx", (3, 1)), ("dWca", (1, 2)), ("dbz", 4), ("dbr", 4), ("dbcx", 4), ("dbca", 4)]:
    where = "".join(f"[{i}]" for i in np.atleast_1d(index))
    print(f'gradients["{name}"]{where} = {np.round(gradients[name][index], 8)}, shape {gradients[name].shape}')

# %% nbgrader={"grade": true, "grade_id": "test_gru_backward", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false} tags=["hide-input"]
# Graded tests of gru_backward (3 points), with a stand-in for gru_cell_backward whose
# gradients are easy to predict, so that they test backpropagation through time alone.
# More tests (a gradient check) run when your notebook is graded.
PARAMETER_FACTORS = {"Wz": 1.0, "bz": 2.0, "Wr": 3.0, "br": 4.0, "Wcx": 5.0, "Wca": 6.0, "bcx": 7.0, "bca": 8.0}


def check_gru_backward_loop(n_x, n_a, m, T_x, seed):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n_x, m, T_x))
    p = draw_gru_parameters_from(rng, n_x, n_a)
    cell_caches = [tuple(rng.normal(size=(n_a, m)) for _ in range(6)) + (x[:, :, t], p) for t in range(T_x)]
    da = rng.normal(size=(n_a, m, T_x))

    def stand_in_gru_cell_backward(da_next, cache):
        """Not a GRU cell: half of da_next goes back to a_prev; dxt carries the step number t;
        each parameter's gradient is a multiple of da_next's column sums."""
        t = next(step for step, known in enumerate(cell_caches) if known is cache)
        gradients = {"dxt": t + np.ones((n_x, 1)) * da_next.sum(axis=0), "da_prev": 0.5 * da_next}
        for name, k in PARAMETER_FACTORS.items():
            gradients["d" + name] = k * (da_next @ np.ones((m, p[name].shape[1])))
        return gradients

    with substituted(globals(), gru_cell_backward=stand_in_gru_cell_backward):
        gradients = gru_backward(da, (cell_caches, x))
    # the gradient that reaches step t: g_t = sum over s >= t of 0.5**(s - t) da_s
    steps = np.arange(T_x)
    decay = np.where(steps[np.newaxis, :] >= steps[:, np.newaxis],
                     0.5 ** np.abs(steps[np.newaxis, :] - steps[:, np.newaxis]), 0.0)
    g = np.einsum("ts,ams->amt", decay, da)
    g_total = g.sum(axis=2)
    expected = {"dx": steps + np.broadcast_to(g.sum(axis=0), (n_x, m, T_x)), "da0": 0.5 * g[:, :, 0]}
    for name, k in PARAMETER_FACTORS.items():
        expected["d" + name] = k * (g_total @ np.ones((m, p[name].shape[1])))
    for name, value in expected.items():
        np.testing.assert_allclose(gradients[name], value, rtol=1e-10, atol=1e-12, err_msg=name)


check_gru_backward_loop(n_x=3, n_a=5, m=10, T_x=7, seed=1)  # the shapes of the test above
### BEGIN HIDDEN TESTS
check_gru_backward_loop(n_x=2, n_a=4, m=1, T_x=1, seed=51)
check_gru_backward_loop(n_x=4, n_a=2, m=3, T_x=9, seed=52)


def hidden_test_gru_backward_gradients(n_x, n_a, m, T_x, seed):
    """With a linear stand-in cell and its exact backward pass, gru_backward gives the gradient of
    J = sum(da * a) with respect to x, a0 and every parameter (finite differences, relative error < 1e-7)."""
    rng = np.random.default_rng(seed)
    x, a0, da = rng.normal(size=(n_x, m, T_x)), rng.normal(size=(n_a, m)), rng.normal(size=(n_a, m, T_x))
    p = {name: 0.5 * value for name, value in draw_gru_parameters_from(rng, n_x, n_a).items()}

    def linear_cell(xt, a_prev):
        """a = 0.5 a_prev + s_z + 2 s_r + 3 (Wcx xt + bcx) + 4 (Wca a_prev + bca), all linear."""
        v = np.vstack([a_prev, xt])
        s_z, s_r = p["Wz"] @ v + p["bz"], p["Wr"] @ v + p["br"]
        s_x, q = p["Wcx"] @ xt + p["bcx"], p["Wca"] @ a_prev + p["bca"]
        return (0.5 * a_prev + s_z + 2 * s_r + 3 * s_x + 4 * q, a_prev, s_z, s_r, s_x, q, xt, p)

    def linear_cell_backward(da_next, cache):
        a_prev, xt = cache[1], cache[6]
        v = np.vstack([a_prev, xt])
        dv = p["Wz"].T @ da_next + p["Wr"].T @ (2 * da_next)
        return {"dWz": da_next @ v.T, "dbz": da_next.sum(axis=1, keepdims=True),
                "dWr": 2 * da_next @ v.T, "dbr": 2 * da_next.sum(axis=1, keepdims=True),
                "dWcx": 3 * da_next @ xt.T, "dbcx": 3 * da_next.sum(axis=1, keepdims=True),
                "dWca": 4 * da_next @ a_prev.T, "dbca": 4 * da_next.sum(axis=1, keepdims=True),
                "da_prev": 0.5 * da_next + dv[:n_a] + p["Wca"].T @ (4 * da_next),
                "dxt": dv[n_a:] + p["Wcx"].T @ (3 * da_next)}

    def run():
        caches, a = [], a0
        for t in range(T_x):
            caches.append(linear_cell(x[:, :, t], a))
            a = caches[-1][0]
        return caches

    def loss():
        return sum(np.sum(da[:, :, t] * cache[0]) for t, cache in enumerate(run()))

    with substituted(globals(), gru_cell_backward=linear_cell_backward):
        gradients = gru_backward(da, (run(), x))
    arrays = {"dx": x, "da0": a0} | {"d" + name: p[name] for name in p}
    for name, array in arrays.items():
        error = gradcheck.relative_error(gradients[name], gradcheck.numerical_gradient(loss, array))
        assert error < 1e-7, f"{name}: relative error {error:.1e} against finite differences"


hidden_test_gru_backward_gradients(n_x=2, n_a=3, m=2, T_x=4, seed=53)
hidden_test_gru_backward_gradients(n_x=1, n_a=2, m=1, T_x=1, seed=54)
### END HIDDEN TESTS

# %% [markdown]
# ### Gradient check through time
#
# The loss is $J = \sum (da \odot a)$ over all steps. The check perturbs every input of every
# step, the initial state, and every shared parameter: the relative error of each gradient
# against the finite differences.

# %% tags=["nbval-ignore-output"]
def gru_sequence_check_loss():
    """J = sum(da * a) over the whole sequence, from the current x, a0 and parameters."""
    a, _ = gru_forward(x, a0, parameters)
    return np.sum(da * a)


sequence_check = gradcheck.gradient_check_table(
    gru_sequence_check_loss,
    arrays={"dx": x, "da0": a0} | {"d" + name: parameters[name] for name in parameters},
    analytic_gradients=gradients,
)
sequence_check

# %%
print("all relative errors below 1e-7:", bool((sequence_check["relative error"] < 1e-7).all()))

# %% [markdown]
# Every gradient of the cell and of the sequence is the derivative of the forward pass, the
# gradients of the inputs `dx` and of the initial state `da0` included.
#
# ## From scratch, then the library
#
# `keras.layers.GRU(reset_after=True)` should compute our hidden states if we give it our
# weights, and TensorFlow's automatic differentiation should then give our gradients. Keras
# stores the same numbers in another layout (a table of the [notation page](../../notation.md),
# "Keras' weights and the numpy W", sets them side by side):
#
# * **Batch first, row vectors.** A sequence is $(m, T_x, n_x)$ and a layer computes $x W$
#   with $x$ a row, so Keras' `kernel` holds our input weights **transposed**, $(n_x, 3 n_a)$,
#   and its `recurrent_kernel` our recurrent weights transposed, $(n_a, 3 n_a)$: the last $n_x$
#   columns of $W_z, W_r$ and $W_{cx}$ go to the first, the first $n_a$ columns of $W_z, W_r$
#   and $W_{ca}$ to the second.
# * **Gates side by side** along the last axis, in the order **z, r, h** (update, reset,
#   candidate).
# * **Two bias rows.** With `reset_after=True` the `bias` has shape $(2, 3 n_a)$: row 0 is
#   added to the input products, row 1 to the recurrent products. For the candidate the rows
#   are our $b_{cx}$ and $b_{ca}$ (row 1 sits inside the reset). For $z$ and $r$ only the sum of
#   the two rows matters, so we put $b_z, b_r$ in row 0 and zeros in row 1.
# * **The same convention for $z$**: Keras computes
#   $h_t = z \odot h_{t-1} + (1 - z) \odot \tilde h_t$, our
#   $a^{\langle t \rangle} = z \odot a^{\langle t-1 \rangle} + (1 - z) \odot \tilde a$; no
#   relabelling is needed.
#
# The layer is built in float64 (`dtype="float64"`), so the comparison can be as tight as the
# gradient check's: float64 rounding is about $10^{-16}$ per operation, far below what a wrong or
# missing term would change.

# %%
def gru_to_keras_weights(parameters, n_a):
    """Our GRU parameters as [kernel, recurrent_kernel, bias] of keras.layers.GRU(reset_after=True)."""
    Wz, Wr = parameters["Wz"], parameters["Wr"]
    kernel = np.concatenate([Wz[:, n_a:].T, Wr[:, n_a:].T, parameters["Wcx"].T], axis=1)
    recurrent_kernel = np.concatenate([Wz[:, :n_a].T, Wr[:, :n_a].T, parameters["Wca"].T], axis=1)
    input_bias = np.concatenate([parameters["bz"][:, 0], parameters["br"][:, 0], parameters["bcx"][:, 0]])
    recurrent_bias = np.concatenate([np.zeros(2 * n_a), parameters["bca"][:, 0]])
    return [kernel, recurrent_kernel, np.stack([input_bias, recurrent_bias])]


def to_keras_sequence(array):
    """Our (n, m, T_x) layout to Keras' (m, T_x, n)."""
    return np.transpose(array, (1, 2, 0))


# %% [markdown]
# On the test of `gru_forward` above (`x`, `a0`, `parameters`, and our `a`):

# %% tags=["nbval-ignore-output"]
repro.seed_everything(1)
keras_gru = keras.layers.GRU(5, reset_after=True, return_sequences=True, dtype="float64")
keras_gru.build((10, 7, 3))
keras_gru.set_weights(gru_to_keras_weights(parameters, n_a=5))

x_keras = tf.constant(to_keras_sequence(x))
a0_keras = tf.constant(a0.T)
a_keras = keras_gru(x_keras, initial_state=a0_keras)
forward_difference = np.max(np.abs(np.asarray(a_keras) - to_keras_sequence(a)))
print("largest difference in the hidden states:", forward_difference)

# %%
print("Keras' hidden states are", a_keras.dtype.name)
print("largest difference in the hidden states below 1e-12:", bool(forward_difference < 1e-12))

# %% [markdown]
# ### Our gradients and TensorFlow's
#
# `tf.GradientTape` records the operations of the Keras layer and differentiates them
# automatically. We differentiate the loss of the gradient check through time,
# $J = \sum (da \odot a)$ (the hidden states times fixed random weights `da`), with respect to
# the layer's three weight arrays, the inputs and the initial state. Then we put our gradients
# in Keras' layout. A gradient has the layout of its parameter, with one exception: the
# **bias row 1 of $z$ and $r$**, which we set to zero, still has a gradient. Both rows of a gate
# are added into the same pre-activation, so the gradient of each row is that gate's
# $db_z$ (or $db_r$).

# %%
def gru_gradients_to_keras(gradients, n_a):
    """Our gradients in the layout of keras.layers.GRU(reset_after=True)'s [kernel, recurrent_kernel, bias]."""
    kernel, recurrent_kernel, bias = gru_to_keras_weights(
        {name: gradients["d" + name] for name in ["Wz", "bz", "Wr", "br", "Wcx", "Wca", "bcx", "bca"]}, n_a)
    bias[1, :2 * n_a] = bias[0, :2 * n_a]  # both rows of z and r feed the same pre-activation
    return [kernel, recurrent_kernel, bias]


da_keras = tf.constant(to_keras_sequence(da))
with tf.GradientTape() as tape:
    tape.watch([x_keras, a0_keras])
    a_keras = keras_gru(x_keras, initial_state=a0_keras)
    loss = tf.reduce_sum(da_keras * a_keras)

tf_gradients = tape.gradient(
    loss, [keras_gru.cell.kernel, keras_gru.cell.recurrent_kernel, keras_gru.cell.bias, x_keras, a0_keras])
our_gradients = gru_gradients_to_keras(gradients, n_a=5) + [to_keras_sequence(gradients["dx"]), gradients["da0"].T]

# %% tags=["nbval-ignore-output"]
keras_check = pd.DataFrame(
    {"shape": [str(ours.shape) for ours in our_gradients],
     "relative error": [gradcheck.relative_error(ours, np.asarray(theirs))
                        for ours, theirs in zip(our_gradients, tf_gradients)],
     "largest difference": [np.max(np.abs(ours - np.asarray(theirs)))
                            for ours, theirs in zip(our_gradients, tf_gradients)]},
    index=pd.Index(["kernel", "recurrent_kernel", "bias", "inputs x", "initial state a0"], name="gradient"),
)
keras_check

# %%
print("all relative errors below 1e-12:", bool((keras_check["relative error"] < 1e-12).all()))

# %% [markdown]
# Our hand-written backpropagation through time and TensorFlow's automatic differentiation
# agree on every gradient to float64 rounding, the bias row that our weights leave at zero
# included. What `keras.layers.GRU` does inside is what this chapter wrote by hand; only the
# memory layout differs.
#
# ## Exercise question: how many parameters?
#
# Before running the next cell, work out how many parameters a GRU layer of this chapter has
# for $n_x$ inputs and $n_a$ units, and how many an LSTM layer of the same sizes has (four
# weight matrices of shape $(n_a, n_a + n_x)$ and four biases, without the output layer).
# Which has fewer, and by what fraction when $n_a$ is much larger than $n_x$? The cell counts
# the entries of our parameter dictionaries and asks Keras for its counts.

# %%
def numpy_gru_parameter_count(n_x, n_a):
    """Entries of the GRU parameters of this chapter (Wz, bz, Wr, br, Wcx, Wca, bcx, bca)."""
    return sum(value.size for value in draw_gru_parameters(n_x, n_a).values())


def keras_parameter_count(layer, n_x):
    """Parameters of a Keras recurrent layer reading n_x features per step."""
    layer.build((None, None, n_x))
    return layer.count_params()


counts = pd.DataFrame(
    [{"n_x": n_x, "n_a": n_a,
      "GRU, numpy": numpy_gru_parameter_count(n_x, n_a),
      "GRU(reset_after=True), Keras": keras_parameter_count(keras.layers.GRU(n_a), n_x),
      "LSTM, Keras": keras_parameter_count(keras.layers.LSTM(n_a), n_x)}
     for n_x, n_a in [(3, 5), (1, 50), (10, 200)]]
)
counts["GRU / LSTM"] = (counts["GRU(reset_after=True), Keras"] / counts["LSTM, Keras"]).round(3)
counts

# %% [markdown]
# **Answer.** The GRU has three blocks of weights (two gates and the candidate) where the LSTM
# has four: $3 n_a (n_a + n_x)$ weights against $4 n_a (n_a + n_x)$. With this chapter's four
# bias vectors the GRU has $3 n_a (n_a + n_x) + 4 n_a$ parameters. Keras' bias of shape
# $(2, 3 n_a)$ holds six such vectors, $3 n_a (n_a + n_x + 2)$ parameters in all, two vectors
# of them redundant (only the sum of the two rows of $z$ and of $r$ matters): that is the
# difference between the two GRU columns.
# The LSTM has $4 n_a (n_a + n_x + 1)$. When $n_a$ is much larger than $n_x$ the ratio tends
# to $3/4$: the GRU has about a quarter fewer parameters than an LSTM with as many units.
#
# ## Discussion
#
# * The GRU's backward pass is shorter than the LSTM's: one gradient travels back through
#   time instead of two, because the GRU has no memory cell. Its gradient highway is
#   $da_{next} \odot z$: where the update gate keeps the old state, the gradient passes back
#   unchanged by any weight matrix, as the LSTM's passes along $dc \odot \Gamma_f$.
# * Every gradient of `gru_cell_backward` and `gru_backward` agrees with finite differences to
#   a relative error below $10^{-7}$, those of the inputs and of the initial state included.
# * `keras.layers.GRU(reset_after=True)`, Keras' default, given our weights in float64,
#   computes our hidden states, and TensorFlow's automatic differentiation gives our
#   gradients, both to float64 rounding. The layout is the only difference, and one detail of
#   it matters for gradients: the redundant second bias row of the gates, which our
#   parameters leave at zero, has a nonzero gradient.
# * With the [RNN hands-on](rnn_hands_on.ipynb) and [LSTM backward](lstm_backward.ipynb)
#   chapters, the three recurrent cells of this book are now written from scratch, forward and
#   backward, and checked against the Keras layers that the later chapters train.
# * **Limitation.** These checks use random weights and random upstream gradients, on a
#   7-step sequence with 5 units. They prove that the code differentiates what it computes,
#   not that it is numerically sound over hundreds of steps, and they say nothing about how
#   well a GRU learns compared with an LSTM. The variant written here is `reset_after=True`;
#   the original GRU (`reset_after=False`, the diagram's) has a slightly different candidate
#   and so a slightly different backward pass for $r$ and the candidate's weights.
