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
# # Vanishing and exploding gradients, measured
#
# **Objective.** Every source of this book says that plain RNNs suffer from vanishing and
# exploding gradients and that the LSTM was made to fix it. This chapter measures it. We follow
# the gradient backwards through time in a tanh RNN with small and with large recurrent weights,
# and in an LSTM whose forget gate is near 1 or near 0.5, and plot how its size changes with the
# distance it travels. Then we show what gradient clipping does, and what it does not do.
#
# Symbols and shapes: see the [notation page](../../notation.md).
#
# **Sources.** Report 003 (Amir Ali), part 5 ("Vanishing and Exploding Gradient Problem") and
# part 6 (LSTM); report 002 (the IBM notebook), its opening section "What is Vanishing Gradient
# problem?"; report 004 (the BTC assignment), its theory section on the LSTM. Their claims are
# listed, with the measurement that backs or corrects each, in a block "About the source
# report" at the end of the chapter.

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import labutils
from labutils import diagrams, gradcheck
from labutils.grading import substituted
from labutils.rnn_utils import sigmoid, softmax

print("labutils", labutils.__version__)

# %% [markdown]
# **Your function from the RNN hands-on chapter.** The [LSTM section](vanishing-lstm) runs the
# LSTM cell of [the hands-on chapter](rnn_hands_on.ipynb). Paste your `lstm_cell_forward` from
# that chapter into the next cell, in place of what is there (that chapter's tests tell you
# whether it works). The graded tests of this chapter do not use it.

# %% nbgrader={"grade": false, "grade_id": "from_rnn_hands_on", "locked": false, "schema_version": 3, "solution": true, "task": false}
### BEGIN SOLUTION
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
### END SOLUTION


# %% [markdown]
# All random draws below come from numpy generators with fixed seeds, so the chapter prints the
# same numbers every time it runs.
#
# (vanishing-why)=
# ## Why long sequences are hard for a plain RNN
#
# A recurrent network reads a sequence one step at a time, and its hidden state is all it
# remembers of the past. Many tasks need a long memory: the verb at the end of a long sentence
# must agree with the subject at its start; a price may follow a pattern of weeks ago. The
# network can only learn such a dependency if training tells it that the early input mattered:
# the gradient of the loss at the last step has to travel back, through every hidden state in
# between, to the step that read that input. The [hands-on chapter](rnn_hands_on.ipynb) wrote
# this backward pass, backpropagation through time (BPTT), for a few steps. Over a hundred
# steps it goes wrong: the gradient that arrives from far back is either vanishingly small, so
# the network never learns the long dependency, or enormously large, so that one update throws
# the weights far away.
#
# This chapter shows why, with the maths and with measurements, and then looks at the two
# remedies the next chapters build on. Gradient clipping tames the exploding gradient (the
# [last section](vanishing-clipping) of this chapter). The LSTM's memory cell carries the
# gradient past the vanishing: [LSTM backward](lstm_backward.ipynb) writes the LSTM's backward
# pass and checks it, and [LSTM and GRU gates](lstm_gru_gates.ipynb) follows its gates, and
# those of the GRU, through a step with numbers.
#
# (vanishing-product)=
# ### A product of Jacobians
#
# Take a tanh RNN without bias, $a_t = \tanh(W a_{t-1} + U x_t)$: $W$ is the hands-on chapter's
# $W_{aa}$ and $U$ its $W_{ax}$ (the [notation page](../../notation.md) sets the two side by
# side). The diagram shows its backward pass in the hands-on chapter's names: each step
# receives the gradient `da_prev` from the step after it, adds the gradient from its own
# output, and passes the sum on to the step before. A gradient from the last step reaches an
# early step only through every step in between.

# %% mystnb={"image": {"alt": "Backpropagation through time over four steps, the forward pass drawn faintly. The gradients flow from right to left: each step's backward pass receives da(t) from its own output plus da_prev from the step after it, sends dx(t) down to its input and da_prev to the step before, and da0 leaves the first step; each step's share of dWax, dWaa and dba is summed over all the steps."}} tags=["remove-input"]
diagrams.show("bptt")

# %% [markdown]
# How much does the last state $a_T$ change when an earlier state $a_t$ changes? By the chain
# rule, through every step in between:
#
# $$\frac{\partial a_T}{\partial a_t} = \prod_{k=t+1}^{T} \frac{\partial a_k}{\partial a_{k-1}}
#   = \prod_{k=t+1}^{T} \operatorname{diag}\left(1 - a_k^2\right) W ,$$
#
# the factors ordered from $k = T$ on the left to $k = t + 1$ on the right. Backpropagation
# through time multiplies the gradient of a loss $L$ at step $T$ by the transpose of this
# matrix,
#
# $$\frac{\partial L}{\partial a_t} = \left(\frac{\partial a_T}{\partial a_t}\right)^{\top} \frac{\partial L}{\partial a_T},$$
#
# so its size decides how much an input $T - t$ steps back can influence learning. The
# gradient of the weights is a sum over the steps,
#
# $$\frac{\partial L}{\partial W} = \sum_{t=1}^{T} \operatorname{diag}\left(1 - a_t^2\right) \frac{\partial L}{\partial a_t}\, a_{t-1}^{\top},$$
#
# and the term of step $t$ carries the product of the $T - t$ Jacobians after it.
#
# A product of $T - t$ factors tends to shrink or grow **exponentially** in $T - t$. The norm of
# a product is at most the product of the norms, and $0 < 1 - a_k^2 \le 1$, so
#
# $$\left\lVert \frac{\partial a_T}{\partial a_t} \right\rVert_2
#   \le \prod_{k=t+1}^{T} \left\lVert \operatorname{diag}\left(1 - a_k^2\right) \right\rVert_2 \lVert W \rVert_2
#   \le \lVert W \rVert_2^{\,T-t},$$
#
# where $\lVert W \rVert_2$ is the spectral norm, the largest factor by which $W$ stretches a
# vector.
#
# * **Vanishing.** If $\lVert W \rVert_2 < 1$ the bound falls exponentially: the gradient from
#   far back vanishes, the sum for $\partial L / \partial W$ is made of its last few terms, and
#   the network learns only short dependencies. Saturated units ($a_k$ near $\pm 1$, where the
#   tanh derivative is near 0) make it vanish even with larger weights.
# * **Exploding.** If $\lVert W \rVert_2 > 1$ the bound grows exponentially, and the gradient
#   may grow with it (the bound allows it, it does not force it). Then the far terms dominate
#   the sum, and one gradient step can be huge.
#
# The bound proves the vanishing; whether the gradient explodes we have to measure.
#
# (vanishing-tanh-rnn)=
# ## The tanh RNN, with small and large recurrent weights
#
# Our test network has 32 hidden units and 4 inputs, and reads a random sequence of 100 steps
# from $a_0 = 0$. Its recurrent weights are $W = g \cdot G / \sqrt{32}$ with $G$ a matrix of
# standard normal draws: the gain $g$ sets their size. We compare $g = 0.5$ with $g = 3$.

# %%
NUM_HIDDEN, NUM_INPUTS, NUM_STEPS = 32, 4, 100
MAX_DISTANCE = 60  # we follow the gradient from step 100 back to step 40

sequence = np.random.default_rng(0).standard_normal((NUM_STEPS, NUM_INPUTS))


def random_rnn_weights(gain, seed=1):
    """Recurrent weights W = gain * normal / sqrt(n) and input weights U of a tanh RNN."""
    rng = np.random.default_rng(seed)
    W = gain * rng.standard_normal((NUM_HIDDEN, NUM_HIDDEN)) / np.sqrt(NUM_HIDDEN)
    U = rng.standard_normal((NUM_HIDDEN, NUM_INPUTS)) / np.sqrt(NUM_INPUTS)
    return W, U


def tanh_rnn_states(W, U, sequence):
    """States a_0 = 0, a_1, ..., a_T of the tanh RNN a_t = tanh(W a_{t-1} + U x_t), shape (T + 1, n)."""
    states = [np.zeros(W.shape[0])]
    for x_t in sequence:
        states.append(np.tanh(W @ states[-1] + U @ x_t))
    return np.array(states)


# %% [markdown]
# The two functions the measurement needs: the Jacobian of one step, and the norms of the
# products of these Jacobians as we walk back from the last step.

# %% nbgrader={"grade": false, "grade_id": "tanh_rnn_step_jacobians", "locked": false, "schema_version": 3, "solution": true, "task": false}
def tanh_rnn_step_jacobians(W, states):
    """The Jacobians d a_t / d a_{t-1} = diag(1 - a_t^2) W for t = 1 ... T."""
    ### BEGIN SOLUTION
    return [(1 - a_t**2)[:, np.newaxis] * W for a_t in states[1:]]
    ### END SOLUTION


# %% nbgrader={"grade": false, "grade_id": "backward_jacobian_norms", "locked": false, "schema_version": 3, "solution": true, "task": false}
def backward_jacobian_norms(step_jacobians, max_distance=MAX_DISTANCE):
    """Spectral norms of d s_T / d s_{T-k} for k = 0 ... max_distance.

    step_jacobians[t - 1] is d s_t / d s_{t-1}; s_T is the last state.
    """
    ### BEGIN SOLUTION
    product = np.eye(step_jacobians[-1].shape[0])
    norms = [1.0]
    for jacobian in reversed(step_jacobians[-max_distance:]):
        product = product @ jacobian
        norms.append(np.linalg.norm(product, 2))
    return np.array(norms)
    ### END SOLUTION


# %%
measurements = {}
for gain in [0.5, 3.0]:
    W, U = random_rnn_weights(gain)
    states = tanh_rnn_states(W, U, sequence)
    measurements[f"tanh RNN, g = {gain}"] = backward_jacobian_norms(tanh_rnn_step_jacobians(W, states))
    print(f"g = {gain}: ||W||_2 = {np.linalg.norm(W, 2):.2f}, "
          f"mean tanh'(z) = mean(1 - a_t^2) = {np.mean(1 - states[1:] ** 2):.2f}")

# %% nbgrader={"grade": true, "grade_id": "test_tanh_rnn_step_jacobians", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false} tags=["hide-input"]
# Graded tests of tanh_rnn_step_jacobians (1 point). Visible: a 2-unit example worked out by
# hand. More tests (finite differences) run when your notebook is graded.
def test_tanh_rnn_step_jacobians_by_hand():
    W = np.array([[1.0, 2.0], [3.0, 4.0]])
    states = np.array([[0.0, 0.0], [0.5, 0.0], [0.0, 0.9]])  # a_0, a_1, a_2
    jacobians = tanh_rnn_step_jacobians(W, states)
    assert len(jacobians) == 2, "one Jacobian for each step t = 1 ... T"
    # row i of W times 1 - a_t[i]**2: (0.75, 1) for a_1, (1, 0.19) for a_2
    np.testing.assert_allclose(jacobians[0], [[0.75, 1.5], [3.0, 4.0]], rtol=1e-12)
    np.testing.assert_allclose(jacobians[1], [[1.0, 2.0], [0.57, 0.76]], rtol=1e-12)


test_tanh_rnn_step_jacobians_by_hand()
### BEGIN HIDDEN TESTS
def hidden_test_tanh_rnn_step_jacobians(n, n_x, T, seed):
    """A random tanh RNN: each Jacobian agrees with finite differences of the step (relative error < 1e-7)."""
    rng = np.random.default_rng(seed)
    W, U, xs = rng.normal(size=(n, n)), rng.normal(size=(n, n_x)), rng.normal(size=(T, n_x))
    states = [np.zeros(n)]
    for x_t in xs:
        states.append(np.tanh(W @ states[-1] + U @ x_t))
    jacobians = tanh_rnn_step_jacobians(W, np.array(states))
    assert len(jacobians) == T
    for t in range(1, T + 1):
        a_prev = states[t - 1].copy()
        numeric = np.array([gradcheck.numerical_gradient(lambda: np.tanh(W @ a_prev + U @ xs[t - 1])[i], a_prev)
                            for i in range(n)])
        error = gradcheck.relative_error(jacobians[t - 1], numeric)
        assert error < 1e-7, f"step {t}: relative error {error:.1e} against finite differences"


hidden_test_tanh_rnn_step_jacobians(n=4, n_x=3, T=5, seed=11)
hidden_test_tanh_rnn_step_jacobians(n=1, n_x=2, T=1, seed=12)
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "test_backward_jacobian_norms", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false} tags=["hide-input"]
# Graded tests of backward_jacobian_norms (2 points). Visible: small examples worked out by
# hand. More tests run when your notebook is graded.
def test_backward_jacobian_norms_by_hand():
    # multiples of the identity: the norms are products of the factors, from the last step back
    steps = [g * np.eye(3) for g in (5.0, 0.5, 2.0, -3.0)]  # d s_1/d s_0, ..., d s_4/d s_3
    np.testing.assert_allclose(backward_jacobian_norms(steps, max_distance=4), [1, 3, 6, 3, 15], rtol=1e-12)
    np.testing.assert_allclose(backward_jacobian_norms(steps, max_distance=2), [1, 3, 6], rtol=1e-12)
    # the order of the product: d s_2/d s_0 = B A has norm 1, while A B = 0
    A, B = np.array([[0.0, 1.0], [0.0, 0.0]]), np.array([[1.0, 0.0], [0.0, 0.0]])
    np.testing.assert_allclose(backward_jacobian_norms([A, B], max_distance=2), [1, 1, 1], rtol=1e-12)


test_backward_jacobian_norms_by_hand()
### BEGIN HIDDEN TESTS
import functools


def hidden_test_backward_jacobian_norms(n, T, max_distance, seed):
    """Random Jacobians: each norm is the largest singular value of J_T ... J_{T-k+1}."""
    rng = np.random.default_rng(seed)
    steps = [rng.normal(size=(n, n)) / np.sqrt(n) for _ in range(T)]
    norms = backward_jacobian_norms(steps, max_distance) if max_distance else backward_jacobian_norms(steps)
    expected = [1.0]
    for k in range(1, (max_distance or MAX_DISTANCE) + 1):
        product = functools.reduce(np.matmul, steps[::-1][:k])  # J_T J_{T-1} ... J_{T-k+1}
        expected.append(np.linalg.svd(product, compute_uv=False)[0])
    np.testing.assert_allclose(norms, expected, rtol=1e-9)


hidden_test_backward_jacobian_norms(n=4, T=9, max_distance=6, seed=21)
hidden_test_backward_jacobian_norms(n=3, T=5, max_distance=5, seed=22)
hidden_test_backward_jacobian_norms(n=2, T=70, max_distance=None, seed=23)  # the default: MAX_DISTANCE
### END HIDDEN TESTS

# %% [markdown]
# Note the second column. The tanh derivatives are below 1 on average (0.66 and 0.28 here),
# but each step also multiplies by $W$: with $g = 3$ the weights stretch a vector by up to
# 5.6, and the product grows, as we are about to see. With $g = 0.5$,
# $\lVert W \rVert_2 = 0.93 < 1$ and [the bound](vanishing-product) already guarantees that the
# gradient vanishes. The tanh derivative alone does not decide.
#
# :::{admonition} About the source report: report 002 blames the tanh alone
# :class: dropdown
# Report 002 explains the vanishing gradient by the tanh alone: its derivative lies in
# $(0, 1)$, so "multiplying $n$ of these small numbers" makes the gradient decrease
# exponentially. The second column shows why that is only half of it: the tanh derivative
# averages 0.28 in the $g = 3$ network, and its gradient explodes all the same, because every
# factor of the product also contains $W$.
# :::
#
# (vanishing-lstm)=
# ## The LSTM, with its forget gate near 1 and near 0.5
#
# The LSTM of [the hands-on chapter](rnn_hands_on.ipynb) carries two states, the hidden state
# $a_t$ and the memory cell $c_t$, so we follow the Jacobian of the whole state
# $s_t = (a_t, c_t)$. Writing $z_t = [a_{t-1}; x_t]$ and $\Gamma_f, \Gamma_u, \tilde c, \Gamma_o$
# for the forget gate, update gate, candidate and output gate of step $t$, and $W_{g,a}$ for the
# columns of the gate weights $W_g$ that multiply $a_{t-1}$, differentiating the cell's
# equations gives
#
# $$
# \begin{aligned}
# \frac{\partial c_t}{\partial c_{t-1}} &= \operatorname{diag}(\Gamma_f), \\
# \frac{\partial c_t}{\partial a_{t-1}} &= \operatorname{diag}\left(c_{t-1} \Gamma_f (1 - \Gamma_f)\right) W_{f,a}
#   + \operatorname{diag}\left(\tilde c\, \Gamma_u (1 - \Gamma_u)\right) W_{i,a}
#   + \operatorname{diag}\left(\Gamma_u (1 - \tilde c^2)\right) W_{c,a}, \\
# \frac{\partial a_t}{\partial s_{t-1}} &= \operatorname{diag}\left(\tanh(c_t)\, \Gamma_o (1 - \Gamma_o)\right)
#   \left[W_{o,a},\ 0\right]
#   + \operatorname{diag}\left(\Gamma_o (1 - \tanh^2 c_t)\right) \frac{\partial c_t}{\partial s_{t-1}} .
# \end{aligned}
# $$
#
# The first line is the famous one: along the memory cell, the gradient is multiplied only by
# the forget gate, with no weight matrix and no tanh derivative in the way. If
# $\Gamma_f \approx 1$, that path neither shrinks nor grows. The other lines are the paths
# through the hidden state; they are there too, and we measure them all.

# %% nbgrader={"grade": false, "grade_id": "lstm_step_jacobian", "locked": false, "schema_version": 3, "solution": true, "task": false}
def lstm_step_jacobian(cache):
    """Jacobian of the LSTM state (a_t, c_t) with respect to (a_{t-1}, c_{t-1}), shape (2n, 2n).

    cache: the cache of lstm_cell_forward for one example (m = 1).
    """
    ### BEGIN SOLUTION
    a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters = cache
    n_a = a_next.shape[0]
    ft, it, cct, ot, c_prev, c_next = (v[:, 0] for v in (ft, it, cct, ot, c_prev, c_next))
    W_a = {gate: parameters["W" + gate][:, :n_a] for gate in "fico"}  # columns acting on a_prev
    tanh_c = np.tanh(c_next)

    dc_dc = np.diag(ft)
    dc_da = ((c_prev * ft * (1 - ft))[:, np.newaxis] * W_a["f"]
             + (cct * it * (1 - it))[:, np.newaxis] * W_a["i"]
             + (it * (1 - cct**2))[:, np.newaxis] * W_a["c"])
    through_c = (ot * (1 - tanh_c**2))[:, np.newaxis]
    da_da = (tanh_c * ot * (1 - ot))[:, np.newaxis] * W_a["o"] + through_c * dc_da
    da_dc = through_c * dc_dc
    return np.block([[da_da, da_dc], [dc_da, dc_dc]])
    ### END SOLUTION


# %% [markdown]
# The LSTM gets the same 32 hidden units, 4 inputs and sequence. Its gate weights are
# $G / \sqrt{32 + 4}$, its biases zero, except the forget-gate bias $b_f$: $b_f = 5$ makes
# $\Gamma_f = \sigma(\ldots + 5)$ close to 1, $b_f = 0$ puts it near $\sigma(0) = 0.5$. (Keras
# starts every LSTM with $b_f = 1$, its `unit_forget_bias=True`, for this reason.)

# %%
def random_lstm_parameters(forget_bias, seed=2):
    """LSTM parameters for lstm_cell_forward, with forget-gate bias `forget_bias`."""
    rng = np.random.default_rng(seed)
    parameters = {}
    for gate in "fico":
        parameters["W" + gate] = rng.standard_normal((NUM_HIDDEN, NUM_HIDDEN + NUM_INPUTS)) / np.sqrt(NUM_HIDDEN + NUM_INPUTS)
        parameters["b" + gate] = np.zeros((NUM_HIDDEN, 1))
    parameters["bf"] += forget_bias
    parameters["Wy"], parameters["by"] = np.zeros((1, NUM_HIDDEN)), np.zeros((1, 1))  # no output needed
    return parameters


def lstm_caches(parameters, sequence):
    """Run the LSTM over the sequence from zero states; return the cache of every step."""
    a, c = np.zeros((NUM_HIDDEN, 1)), np.zeros((NUM_HIDDEN, 1))
    caches = []
    for x_t in sequence:
        a, c, _, cache = lstm_cell_forward(x_t[:, np.newaxis], a, c, parameters)
        caches.append(cache)
    return caches


# %% [markdown]
# Before trusting `lstm_step_jacobian`, check it. A Jacobian $J$ is right if $u^T J$ agrees with
# the finite-difference gradient of the scalar $u^T s_t$ for a random vector $u$; the helpers of
# [`labutils.gradcheck`](../../labutils/gradcheck.py) do the rest.

# %% tags=["nbval-ignore-output"]
check_parameters = random_lstm_parameters(forget_bias=5.0)
check_cache = lstm_caches(check_parameters, sequence[:10])[-1]
x_check = check_cache[8]
previous_state = np.vstack([check_cache[2], check_cache[3]])  # (a_{t-1}; c_{t-1}), perturbed in place
u = np.random.default_rng(3).standard_normal(2 * NUM_HIDDEN)


def projected_next_state():
    """u . (a_t, c_t), recomputed from the current previous_state."""
    a, c, _, _ = lstm_cell_forward(x_check, previous_state[:NUM_HIDDEN], previous_state[NUM_HIDDEN:], check_parameters)
    return u @ np.vstack([a, c])[:, 0]


numeric = gradcheck.numerical_gradient(projected_next_state, previous_state)[:, 0]
analytic = u @ lstm_step_jacobian(check_cache)
jacobian_error = gradcheck.relative_error(analytic, numeric)
print(f"relative error of the LSTM step Jacobian: {jacobian_error:.1e}")

# %%
print("LSTM step Jacobian agrees with finite differences (relative error below 1e-7):", jacobian_error < 1e-7)

# %% nbgrader={"grade": true, "grade_id": "test_lstm_step_jacobian", "locked": true, "points": 4, "schema_version": 3, "solution": false, "task": false} tags=["hide-input"]
# Graded tests of lstm_step_jacobian (4 points). Visible: an LSTM whose gates do not look at
# a_{t-1}, except the output gate, so that the four blocks can be written down; the cache is
# made here, not by lstm_cell_forward. More tests (finite differences) run when your notebook
# is graded.
def test_lstm_step_jacobian_output_gate_only():
    rng = np.random.default_rng(1)
    n_a, n_x = 3, 2
    p = {"W" + g: np.zeros((n_a, n_a + n_x)) for g in "fico"}
    p.update({"b" + g: rng.normal(size=(n_a, 1)) for g in "fico"})
    p["Wo"][:, :n_a] = rng.normal(size=(n_a, n_a))
    xt, a_prev, c_prev = rng.normal(size=(n_x, 1)), rng.normal(size=(n_a, 1)), rng.normal(size=(n_a, 1))
    gates = [sigmoid(p["bf"]), sigmoid(p["bi"]), np.tanh(p["bc"])]  # no weights: only the biases
    ot = sigmoid(p["Wo"][:, :n_a] @ a_prev + p["bo"])
    c_next = gates[0] * c_prev + gates[1] * gates[2]
    cache = (ot * np.tanh(c_next), c_next, a_prev, c_prev, *gates, ot, xt, p)
    ft = gates[0]
    jacobian = lstm_step_jacobian(cache)
    assert jacobian.shape == (2 * n_a, 2 * n_a)
    tanh_c = np.tanh(c_next)[:, 0]
    expected = np.block([
        [(tanh_c * ot[:, 0] * (1 - ot[:, 0]))[:, np.newaxis] * p["Wo"][:, :n_a],  # d a_t / d a_{t-1}
         np.diag(ot[:, 0] * (1 - tanh_c**2) * ft[:, 0])],                           # d a_t / d c_{t-1}
        [np.zeros((n_a, n_a)), np.diag(ft[:, 0])],                                   # d c_t / d a_{t-1}, d c_t / d c_{t-1}
    ])
    np.testing.assert_allclose(jacobian, expected, rtol=1e-12, atol=1e-15)


test_lstm_step_jacobian_output_gate_only()
### BEGIN HIDDEN TESTS
def hidden_test_lstm_step_jacobian(n_a, n_x, forget_bias, seed):
    """A random LSTM step: the whole Jacobian agrees with finite differences (relative error < 1e-7)."""
    rng = np.random.default_rng(seed)
    p = {"W" + g: rng.normal(size=(n_a, n_a + n_x)) for g in "fico"}
    p.update({"b" + g: rng.normal(size=(n_a, 1)) for g in "fico"})
    p["bf"] += forget_bias
    xt, state = rng.normal(size=(n_x, 1)), rng.normal(size=(2 * n_a, 1))

    def step():
        """(a_t; c_t) from the current state = (a_{t-1}; c_{t-1}), by the LSTM equations."""
        concat = np.vstack([state[:n_a], xt])
        gate = {g: sigmoid(p["W" + g] @ concat + p["b" + g]) for g in "fio"}
        c = gate["f"] * state[n_a:] + gate["i"] * np.tanh(p["Wc"] @ concat + p["bc"])
        return np.vstack([gate["o"] * np.tanh(c), c])[:, 0]

    concat = np.vstack([state[:n_a], xt])
    gate = {g: sigmoid(p["W" + g] @ concat + p["b" + g]) for g in "fio"}
    candidate = np.tanh(p["Wc"] @ concat + p["bc"])
    a_next, c_next = np.split(step()[:, np.newaxis], 2)
    cache = (a_next, c_next, state[:n_a].copy(), state[n_a:].copy(), gate["f"], gate["i"], candidate, gate["o"], xt, p)
    jacobian = lstm_step_jacobian(cache)
    numeric = np.array([gradcheck.numerical_gradient(lambda: step()[i], state)[:, 0] for i in range(2 * n_a)])
    error = gradcheck.relative_error(jacobian, numeric)
    assert error < 1e-7, f"relative error {error:.1e} against finite differences"


hidden_test_lstm_step_jacobian(n_a=3, n_x=2, forget_bias=0.0, seed=31)
hidden_test_lstm_step_jacobian(n_a=4, n_x=1, forget_bias=3.0, seed=32)
hidden_test_lstm_step_jacobian(n_a=1, n_x=3, forget_bias=-1.0, seed=33)
### END HIDDEN TESTS

# %%
for forget_bias in [5.0, 0.0]:
    caches = lstm_caches(random_lstm_parameters(forget_bias), sequence)
    name = f"LSTM, b_f = {forget_bias:g}"
    measurements[name] = backward_jacobian_norms([lstm_step_jacobian(cache) for cache in caches])
    forget_gates = np.array([cache[4] for cache in caches])
    print(f"{name}: mean forget gate {forget_gates.mean():.3f}, "
          f"product of the forget gates over {MAX_DISTANCE} steps, largest unit: "
          f"{forget_gates[-MAX_DISTANCE:].prod(axis=0).max():.2e}")

# %% [markdown]
# (vanishing-measurements)=
# ## The measurements
#
# The norm $\lVert \partial s_T / \partial s_{T-k} \rVert_2$ for each network at a few distances
# $k$, and the first distance at which it has fallen below $10^{-2}$ (the gradient reaching that
# step is then less than a hundredth of what it was at step $T$):

# %%
distances = [1, 5, 10, 20, 40, 60]
table = pd.DataFrame({name: [f"{norms[k]:.2e}" for k in distances] for name, norms in measurements.items()},
                     index=pd.Index(distances, name="distance T - t")).T
table["below 1e-2 from distance"] = [
    int(np.argmax(norms < 1e-2)) if (norms < 1e-2).any() else f"never (up to {MAX_DISTANCE})"
    for norms in measurements.values()
]
table

# %%
fig, ax = plt.subplots(figsize=(8, 4.5))
for name, norms in measurements.items():
    ax.semilogy(np.arange(len(norms)), norms, label=name)
ax.axhline(1.0, color="gray", linewidth=0.8)
ax.set_xlabel("distance T - t (time steps back from the last step)")
ax.set_ylabel(r"$\|\partial s_T / \partial s_t\|_2$ (log scale)")
ax.set_title("How the gradient changes as it travels back through time")
ax.legend()
plt.show()

# %% [markdown]
# On the log scale the RNN curves are nearly straight lines: exponential decay and exponential
# growth.
#
# * **Vanishing.** With $g = 0.5$ the gradient falls below a hundredth of its size after 7
#   steps and to $10^{-26}$ after 60: for learning, inputs more than a few steps back do not
#   exist. That is not a law of RNNs: it is a property of these weights.
# * **Exploding.** With $g = 3$ the same network multiplies the gradient by $1.4 \times 10^{4}$
#   over 40 steps and $7 \times 10^{4}$ over 60, although the tanh derivative averages only 0.28.
# * **The LSTM.** With $\Gamma_f \approx 0.99$ the gradient is still of order 1 after 60 steps
#   (between 1.3 and 5.6 at the distances of the table): the memory cell carries it. (Its
#   norm grows slowly, through the paths via the hidden state, while the direct cell path
#   alone, the product of the forget gates, keeps 0.84 of it.) With $\Gamma_f \approx 0.5$ the
#   same LSTM loses it almost as fast as the small-weight RNN: below 1% after 16 steps,
#   $6 \times 10^{-9}$ after 60. An LSTM does not
#   remove the vanishing gradient by itself; a forget gate kept near 1 does.
#
# (vanishing-clipping)=
# ## Gradient clipping
#
# The usual cure for exploding gradients is **clipping**: before each update, if the gradient's
# norm exceeds a threshold $\tau$, scale it down to norm $\tau$,
#
# $$g \leftarrow g \cdot \min\left(1, \frac{\tau}{\lVert g \rVert}\right).$$
#
# The direction is kept, the step length is bounded. (Keras optimizers do this with
# `clipnorm=`; the [dinosaur exercise](../2_language_models/dinosaur_names.ipynb) instead clips
# each entry to $[-5, 5]$, which Keras calls `clipvalue=`.)
#
# ### One step on the exploding network
#
# Give the $g = 3$ network of [the tanh RNN section](vanishing-tanh-rnn) a task: the scalar
# $v^T a_T$ should equal 0.5, with loss $L = \frac{1}{2}(v^T a_T - 0.5)^2$. Backpropagation
# through time gives $\partial L / \partial W$ (as in the hands-on chapter, with the loss at
# the last step only):

# %% nbgrader={"grade": false, "grade_id": "rnn_loss_and_gradient", "locked": false, "schema_version": 3, "solution": true, "task": false}
def rnn_loss_and_gradient(W, U, v, sequence, target=0.5):
    """Loss 0.5 (v . a_T - target)^2 of the tanh RNN and its gradient with respect to W (BPTT)."""
    ### BEGIN SOLUTION
    states = tanh_rnn_states(W, U, sequence)
    error = v @ states[-1] - target
    da = error * v
    dW = np.zeros_like(W)
    for t in range(len(sequence), 0, -1):
        dz = da * (1 - states[t] ** 2)
        dW += np.outer(dz, states[t - 1])
        da = W.T @ dz
    return 0.5 * error**2, dW
    ### END SOLUTION


# %% tags=["nbval-ignore-output"]
W, U = random_rnn_weights(3.0)
v = np.random.default_rng(4).standard_normal(NUM_HIDDEN) / np.sqrt(NUM_HIDDEN)
short_sequence = sequence[:10]  # finite differences are accurate on a short sequence
_, dW_short = rnn_loss_and_gradient(W, U, v, short_sequence)
W_check = W.copy()
dW_numeric = gradcheck.numerical_gradient(lambda: rnn_loss_and_gradient(W_check, U, v, short_sequence)[0], W_check)
bptt_error = gradcheck.relative_error(dW_short, dW_numeric)
print(f"relative error of the BPTT gradient: {bptt_error:.1e}")

# %%
print("BPTT gradient agrees with finite differences (relative error below 1e-7):", bptt_error < 1e-7)

# %% nbgrader={"grade": true, "grade_id": "test_rnn_loss_and_gradient", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false} tags=["hide-input"]
# Graded tests of rnn_loss_and_gradient (3 points). Visible: on a small random network, the
# loss, and the gradient against finite differences. More tests run when your notebook is
# graded.
def check_rnn_loss_and_gradient(n, n_x, T, target, seed):
    rng = np.random.default_rng(seed)
    W, U = 1.5 * rng.normal(size=(n, n)) / np.sqrt(n), rng.normal(size=(n, n_x))
    v, xs = rng.normal(size=n), rng.normal(size=(T, n_x))
    originals = [W.copy(), U.copy(), v.copy(), xs.copy()]

    def loss():
        a = np.zeros(n)
        for x_t in xs:
            a = np.tanh(W @ a + U @ x_t)
        return 0.5 * (v @ a - target) ** 2

    computed_loss, dW = rnn_loss_and_gradient(W, U, v, xs, target)
    for original, now in zip(originals, [W, U, v, xs]):
        np.testing.assert_array_equal(now, original, err_msg="an argument was changed in place")
    np.testing.assert_allclose(computed_loss, loss(), rtol=1e-12)
    assert dW.shape == W.shape
    error = gradcheck.relative_error(dW, gradcheck.numerical_gradient(loss, W))
    assert error < 1e-7, f"dW: relative error {error:.1e} against finite differences"


check_rnn_loss_and_gradient(n=3, n_x=2, T=4, target=0.5, seed=1)
### BEGIN HIDDEN TESTS
check_rnn_loss_and_gradient(n=6, n_x=3, T=12, target=-0.3, seed=41)
check_rnn_loss_and_gradient(n=2, n_x=1, T=2, target=2.0, seed=42)
check_rnn_loss_and_gradient(n=5, n_x=4, T=1, target=0.5, seed=43)  # one step: a_0 = 0, so dW = 0
### END HIDDEN TESTS

# %% [markdown]
# On the full 100-step sequence the gradient is enormous. Take one gradient-descent step with
# learning rate 0.01, once as it is and once clipped to norm $\tau = 1$:

# %%
def saturated_fraction(W, U, sequence):
    """Fraction of hidden-unit values over the sequence with tanh'(z) = 1 - a^2 < 1e-6."""
    return np.mean(1 - tanh_rnn_states(W, U, sequence)[1:] ** 2 < 1e-6)


learning_rate, threshold = 0.01, 1.0
loss, dW = rnn_loss_and_gradient(W, U, v, sequence)
clipped_dW = dW * min(1.0, threshold / np.linalg.norm(dW))
print(f"||W|| = {np.linalg.norm(W):.1f}, loss = {loss:.2f}, ||dL/dW|| = {np.linalg.norm(dW):.2e}, "
      f"saturated units: {saturated_fraction(W, U, sequence):.0%}")
for label, step in [("unclipped", dW), ("clipped", clipped_dW)]:
    W_new = W - learning_rate * step
    new_loss, new_dW = rnn_loss_and_gradient(W_new, U, v, sequence)
    print(f"{label:>9} step: ||change of W|| = {learning_rate * np.linalg.norm(step):.2e}, "
          f"saturated units after: {saturated_fraction(W_new, U, sequence):.0%}, "
          f"||dL/dW|| after: {np.linalg.norm(new_dW):.1e}")
print(f"unclipped change of W / ||W||: {learning_rate * np.linalg.norm(dW) / np.linalg.norm(W):.1e}")

# %% [markdown]
# The unclipped step changes $W$ by $1.0 \times 10^{5}$ times its own size. Almost every
# pre-activation becomes huge, 99% of the unit values saturate at $\pm 1$, their tanh
# derivatives are numerically zero, and so is the next gradient (exactly `0.0`): the network is
# dead, and no further gradient step can revive it. The clipped step moves $W$ by $0.01$ and
# leaves the network alive.
#
# Clipping each entry instead, as the dinosaur exercise does with `np.clip(gradient, -5, 5)`,
# also bounds the step, but changes its direction:

# %%
entrywise = np.clip(dW, -5, 5)
cosine = np.sum(entrywise * dW) / (np.linalg.norm(entrywise) * np.linalg.norm(dW))
print(f"entries clipped: {np.mean(np.abs(dW) > 5):.0%}, "
      f"cosine between the entry-clipped and the true gradient: {cosine:.2f}")

# %% [markdown]
# Every entry of this gradient is larger than 5 in size, so the entry-clipped gradient keeps
# only the signs of the entries: the cosine of 0.76 says that it points in another direction
# than the true gradient.
#
# ### Training through a cliff
#
# One step shows the damage; a whole training run shows the cure. The cleanest case is a
# one-parameter linear RNN, $a_t = w\, a_{t-1} + 1$ with $a_0 = 0$, over 50 steps, so that
# $a_{50} = 1 + w + \dots + w^{49}$. We want $a_{50}$ to equal its value at $w^\ast = 0.85$ and
# minimise $L(w) = \frac{1}{2}(a_{50}(w) - a_{50}(w^\ast))^2$ from $w = 1.1$. The derivative
# $\partial a_{50} / \partial w$ contains $w^{48}$, so for $w > 1$ the gradient explodes
# (it is the linear regime of a tanh RNN).

# %%
LINEAR_STEPS = 50


def linear_rnn_states(w):
    """States a_0 = 0, a_1, ..., a_50 of the linear RNN a_t = w a_{t-1} + 1."""
    states = [0.0]
    for t in range(LINEAR_STEPS):
        states.append(w * states[-1] + 1.0)
    return states


# %% nbgrader={"grade": false, "grade_id": "linear_rnn_loss_and_gradient", "locked": false, "schema_version": 3, "solution": true, "task": false}
def linear_rnn_loss_and_gradient(w, target):
    """Loss 0.5 (a_50 - target)^2 of the linear RNN and dL/dw (BPTT).

    When a_50 is too large for a float, the loss is inf (not an error).
    """
    ### BEGIN SOLUTION
    states = linear_rnn_states(w)
    error = states[-1] - target
    da, dw = error, 0.0
    for t in range(LINEAR_STEPS, 0, -1):
        dw += da * states[t - 1]
        da *= w
    return 0.5 * error * error, dw  # error * error gives inf on overflow, error**2 raises
    ### END SOLUTION


# %% nbgrader={"grade": false, "grade_id": "descend", "locked": false, "schema_version": 3, "solution": true, "task": false}
def descend(w, target, learning_rate, num_steps, threshold=None):
    """Gradient descent on w, clipping |dL/dw| to `threshold` if given; stops at an overflow.

    Returns a DataFrame with w, the loss and the gradient before each step.
    """
    ### BEGIN SOLUTION
    rows = []
    for step in range(num_steps):
        loss, dw = linear_rnn_loss_and_gradient(w, target)
        rows.append({"w": w, "loss": loss, "dL/dw": dw})
        if not np.isfinite(loss):
            break
        if threshold is not None and abs(dw) > threshold:
            dw = threshold * np.sign(dw)
        w = w - learning_rate * dw
    return pd.DataFrame(rows)
    ### END SOLUTION


# %%
target = linear_rnn_states(0.85)[-1]
w_check = np.array([1.02])
numeric = gradcheck.numerical_gradient(lambda: linear_rnn_loss_and_gradient(w_check[0], target)[0], w_check, eps=1e-7)
print(f"target a_50(0.85) = {target:.6f}; "
      f"dL/dw at w = 1.02: BPTT {linear_rnn_loss_and_gradient(1.02, target)[1]:.6e}, "
      f"finite difference {numeric[0]:.6e}")

# %% nbgrader={"grade": true, "grade_id": "test_linear_rnn_loss_and_gradient", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false} tags=["hide-input"]
# Graded tests of linear_rnn_loss_and_gradient (2 points). Visible: the loss and gradient from
# the geometric sum a_50 = 1 + w + ... + w^49. More tests run when your notebook is graded.
def linear_rnn_closed_form(w, target, num_steps):
    """Loss and dL/dw from a_T = sum of w^k (k < T), whose derivative is the sum of k w^(k-1)."""
    powers = w ** np.arange(num_steps)
    a_T = powers.sum()
    return 0.5 * (a_T - target) ** 2, (a_T - target) * np.sum(np.arange(1, num_steps) * powers[:-1])


def check_linear_rnn(w, target, num_steps):
    loss, gradient = linear_rnn_loss_and_gradient(w, target)
    expected_loss, expected_gradient = linear_rnn_closed_form(w, target, num_steps)
    np.testing.assert_allclose(loss, expected_loss, rtol=1e-10)
    np.testing.assert_allclose(gradient, expected_gradient, rtol=1e-10)


target_at_085 = (1 - 0.85**50) / (1 - 0.85)  # a_50 at w = 0.85
check_linear_rnn(1.02, target_at_085, num_steps=50)
check_linear_rnn(0.9, target_at_085, num_steps=50)
### BEGIN HIDDEN TESTS
def hidden_test_linear_rnn(w, target, num_steps):
    """Another sequence length: the closed form, and the gradient against finite differences of the loss."""
    with substituted(globals(), LINEAR_STEPS=num_steps):
        check_linear_rnn(w, target, num_steps)
        w_array = np.array([w])
        numeric = gradcheck.numerical_gradient(lambda: linear_rnn_closed_form(w_array[0], target, num_steps)[0], w_array)
        error = gradcheck.relative_error([linear_rnn_loss_and_gradient(w, target)[1]], numeric)
    assert error < 1e-7, f"{num_steps} steps: relative error {error:.1e} against finite differences"


def hidden_test_linear_rnn_overflow():
    """At w = -4827 (the first unclipped step of the cliff example) a_50 overflows: the loss is inf, no error."""
    with np.errstate(all="ignore"):
        loss, _ = linear_rnn_loss_and_gradient(-4827.0, target_at_085)
    assert loss == np.inf, "the loss should be inf when a_50 overflows"


check_linear_rnn(-0.7, 3.0, num_steps=50)
hidden_test_linear_rnn(1.3, -2.0, num_steps=1)
hidden_test_linear_rnn(1.3, -2.0, num_steps=7)
hidden_test_linear_rnn(-0.6, 0.5, num_steps=50)
hidden_test_linear_rnn_overflow()
### END HIDDEN TESTS

# %%
runs = {
    "learning rate 1e-4": descend(1.1, target, 1e-4, 100),
    "learning rate 1e-4, clipped to 100": descend(1.1, target, 1e-4, 100, threshold=100.0),
    "learning rate 1e-9": descend(1.1, target, 1e-9, 100),
}
print(f"first gradient dL/dw at w = 1.1: {runs['learning rate 1e-4']['dL/dw'].iloc[0]:.3e}")
for name, run in runs.items():
    last = run.iloc[-1]
    print(f"{name}: {len(run)} steps, last w = {last['w']:.6g}, last loss = {last['loss']:.3g}")
clipped_run = runs["learning rate 1e-4, clipped to 100"]
print("clipped run: w within 1e-6 of 0.85 from step", int(np.argmax(np.abs(clipped_run["w"] - 0.85) < 1e-6)))

# %% nbgrader={"grade": true, "grade_id": "test_descend", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false} tags=["hide-input"]
# Graded tests of descend (2 points). They run your loop with a stand-in for
# linear_rnn_loss_and_gradient, a parabola whose descent is easy to predict, so they test the
# loop alone. More tests run when your notebook is graded.
def stand_in_parabola(w, target):
    """Not the linear RNN: loss 0.5 (w - target)^2, gradient w - target."""
    return 0.5 * (w - target) ** 2, w - target


def check_descent(w, target, learning_rate, num_steps, threshold, expected_w, stand_in=stand_in_parabola):
    with substituted(globals(), linear_rnn_loss_and_gradient=stand_in):
        run = descend(w, target, learning_rate, num_steps, threshold)
    assert list(run.columns) == ["w", "loss", "dL/dw"] and len(run) == len(expected_w)
    np.testing.assert_allclose(run["w"], expected_w, rtol=1e-12)
    losses, gradients = zip(*(stand_in(value, target) for value in expected_w))
    np.testing.assert_allclose(run["loss"], losses, rtol=1e-12)
    np.testing.assert_allclose(run["dL/dw"], gradients, rtol=1e-12)  # the gradient before clipping


# not clipped: w - 1 shrinks by 1 - 0.25 at every step
check_descent(3.0, 1.0, 0.25, num_steps=4, threshold=None, expected_w=1 + 2 * 0.75 ** np.arange(4))
# clipped to |g| <= 0.1: each step moves w by 0.25 * 0.1
check_descent(3.0, 1.0, 0.25, num_steps=4, threshold=0.1, expected_w=3.0 - 0.025 * np.arange(4))
### BEGIN HIDDEN TESTS
def stand_in_cliff(w, target):
    """The parabola, but an infinite loss (an overflow) beyond w = 10."""
    return (np.inf, 1.0) if w > 10 else stand_in_parabola(w, target)


check_descent(-2.0, 1.0, 0.5, num_steps=5, threshold=1.0, expected_w=-2.0 + 0.5 * np.arange(5))  # negative gradients, clipped
check_descent(1.5, 1.0, 0.5, num_steps=3, threshold=1.0, expected_w=1 + 0.5 * 0.5 ** np.arange(3))  # below the threshold
check_descent(0.0, 100.0, 0.2, num_steps=5, threshold=None, expected_w=[0.0, 20.0], stand_in=stand_in_cliff)  # stops
check_descent(7.0, 2.0, 0.1, num_steps=1, threshold=None, expected_w=[7.0])
### END HIDDEN TESTS

# %% [markdown]
# * Without clipping, learning rate $10^{-4}$: the first gradient is $4.8 \times 10^{7}$, the
#   first step throws $w$ to $-4827$, and $a_{50}$ overflows: the loss is `inf` after one step.
# * With the same learning rate, clipped to $|g| \le 100$: every step moves $w$ by at most
#   $0.01$, down the cliff, and once the gradient is small the ordinary gradient step takes
#   over; $w$ is within $10^{-6}$ of $0.85$ after 67 steps.
# * A learning rate small enough for the cliff ($10^{-9}$) never blows up, but it is far too
#   small where the gradient is moderate: after 100 steps $w$ is still 1.016 and the loss
#   $2.3 \times 10^{3}$.
#
# Clipping is what lets one learning rate serve both the cliff and the plain.

# %%
w_grid = np.linspace(0.7, 1.12, 400)
fig, ax = plt.subplots(figsize=(8, 4.5))
ax.semilogy(w_grid, [linear_rnn_loss_and_gradient(w, target)[0] + 1e-12 for w in w_grid],
            color="gray", label="loss L(w)")
ax.semilogy(clipped_run["w"], clipped_run["loss"] + 1e-12, "o", markersize=3,
            label="learning rate 1e-4, clipped (100 steps)")
slow_run = runs["learning rate 1e-9"]
ax.semilogy(slow_run["w"], slow_run["loss"] + 1e-12, "x", markersize=4,
            label="learning rate 1e-9, not clipped (100 steps)")
ax.set_xlabel("recurrent weight w")
ax.set_ylabel("loss + 1e-12 (log scale)")
ax.set_title("A cliff in the loss of a linear RNN over 50 steps")
ax.legend()
plt.show()

# %% [markdown]
# Clipping does nothing for the *vanishing* gradient: a gradient that is already small is never
# clipped, and the gradient reaching 60 steps back in the $g = 0.5$ network stays about
# $10^{-26}$ times smaller, clipped or not. Only the architecture (the LSTM's memory cell with
# its forget gate near 1) or the weights change that.
#
# :::{admonition} About the source report: the sources' claims, measured
# :class: dropdown
# | claim | source | measured here |
# |---|---|---|
# | RNNs suffer from vanishing and exploding gradients | 002, 003 part 5, 004 | yes: the gradient norm falls to $10^{-26}$ or grows to $7 \times 10^{4}$ within 60 steps, depending on the recurrent weights ([the measurements](vanishing-measurements)) |
# | the cause is the tanh derivative in $(0, 1)$, multiplied $n$ times | 002 | only half of it: the product also contains $W$ at every step; with $g = 3$ the gradient explodes although the tanh derivative averages 0.28 |
# | RNNs are "good for storing memory 3-4 instances of past iterations" | 002 | with small weights the gradient is below 1% after 7 steps; the number depends on the weights, it is not a constant |
# | vanishing comes from multiplying the weight change by the learning rate over many iterations, so that "a lot of iterations will cause the new weights to be extremely negligible" | 003 part 5.1 | no: the products above are computed in a single backward pass, with no learning rate and no iterations; the gradient vanishes *across time steps* |
# | in the LSTM, "problems like vanishing and exploding gradients do not exist" | 003 part 6 | no: with the forget gate near 0.5 the LSTM's gradient vanishes like the RNN's ($6 \times 10^{-9}$ after 60 steps); with it near 1 the gradient stays of order 1, but its norm grows past 1 (5.6 after 60 steps), so nothing rules out an explosion and clipping remains useful |
# | the LSTM was developed to deal with the vanishing gradient | 002, 004 | yes, through the memory cell: its direct path multiplies the gradient by the forget gate alone ([the LSTM section](vanishing-lstm)) |
#
# Report 003 also defines the error in part 5 as the squared difference between actual and
# predicted output and in part 4 as the cross-entropy; and its diagrams of the two problems are
# lost in the text copy, so its explanation rests on prose alone.
# :::
#
# ## Discussion
#
# * The vanishing and the exploding gradient are two sides of one fact: backpropagation through
#   time multiplies by one Jacobian per time step, and a long product of matrices shrinks or
#   grows exponentially unless something keeps its factors near 1. The LSTM's forget gate is
#   such a thing, for the memory-cell path.
# * Clipping is cheap insurance against the explosion, and it keeps the direction of the
#   gradient if it clips the norm; it cannot bring back a vanished gradient.
# * **Limitation.** These are measurements on random, untrained networks with one random input
#   sequence. Training changes the weights, and trained networks often sit near the border
#   between the two regimes; the qualitative picture (exponential in the distance, decided by
#   the weights and the gates) holds, the exact rates do not transfer. And the norm of the
#   Jacobian is an upper bound on how much any one gradient direction is scaled.
#
# Next, [LSTM backward](lstm_backward.ipynb) writes the backward pass of the LSTM whose
# Jacobians we measured here, and [LSTM and GRU gates](lstm_gru_gates.ipynb) follows its
# gates, and the GRU's, through a step with numbers.
