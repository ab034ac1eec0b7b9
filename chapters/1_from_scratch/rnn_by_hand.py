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
# # An RNN by hand: the "hello" example and backpropagation through time
#
# **Objective.** This first chapter takes the smallest recurrent network there is, the
# character-level "hello" network of report 003, and computes it by hand: we define the
# recurrence, work out the hidden state of every time step, the outputs and the softmax, exactly
# as the report does in a spreadsheet, and then write the same steps in numpy. We check the
# report's remark that the untrained network predicts "h" after "e", and train the network with
# backpropagation through time (BPTT), with gradients written by hand and proven correct with
# finite differences. The next chapter, [RNN hands-on](rnn_hands_on.ipynb), turns this cell into
# the general one: full weight matrices and a batch of examples at a time.
#
# Symbols and shapes: see the [notation page](../../notation.md).
#
# **Source.** Report 003 (Amir Ali, *Recurrent Neural Network & LSTM with Practical
# Implementation*, Wavy AI Research Foundation), part 2 ("Understand a Recurrent Neural
# Network in Details"), part 3 ("Forward Propagation in a Recurrent Neuron", steps 1-7) and
# part 4 ("Backpropagation in an RNN (BPTT)"). Its spreadsheet's tables of the inputs, $W_{xh}$,
# $W_{hy}$, the hidden state and the output for "e" are what this chapter reproduces.

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import labutils
from labutils import diagrams, gradcheck
from labutils.grading import substituted
from labutils.rnn_utils import softmax

pd.set_option("display.precision", 8)
print("labutils", labutils.__version__)

# %% [markdown]
# Nothing in this chapter is random: the parameters are the report's, printed in its text.
#
# ## What a recurrent network computes
#
# A recurrent neural network (RNN) reads a sequence one element at a time: one letter (or word,
# or day's price) per **time step** $t$. It keeps a **hidden state** $h_t$, a short vector that
# sums up what it has read so far, and at every step it computes the new state from the previous
# state and the new input $x_t$:
#
# $$h_t = \tanh\left(W_{hh}\, h_{t-1} + W_{xh} x_t + b\right), \qquad y_t = W_{hy} h_t,
# \qquad h_0 = 0.$$
#
# $W_{xh}$ brings the input into the state, $W_{hh}$ carries the state from one step to the next
# (this is the **recurrence**), $b$ is a bias, and $W_{hy}$ reads the output $y_t$ off the state:
# one score per letter that could come next. The tanh keeps every entry of the state between
# $-1$ and $1$. The same weights serve at every time step. Drawn out over the time steps
# ("unrolled"), the network is a chain of identical cells, each handing its state to the next.
# The picture uses the names of the next chapters: $a$ for the hidden state, $W_{ax}$, $W_{aa}$,
# $W_{ya}$ for $W_{xh}$, $W_{hh}$, $W_{hy}$, and a prediction $\hat{y}$ that already holds the
# probabilities (the softmax of the scores, which we compute further down).

# %% mystnb={"image": {"alt": "An RNN unrolled over time: a row of identical RNN cells, one per time step. Each cell reads the input x of its step and the hidden state a of the step before (a0 at the start), passes its new state on to the next cell and emits a prediction y-hat; every step uses the same parameters Wax, Waa, Wya, ba and by."}} tags=["remove-input"]
diagrams.show("rnn_unrolled")

# %% [markdown]
# ## The task and the inputs
#
# The word is "hello" and the vocabulary is the four letters $\{h, e, l, o\}$. The network reads
# "h", "e", "l", "l" one letter per time step; after each letter it should predict the next
# one, so the targets are "e", "l", "l", "o". Each letter enters as a **one-hot** vector of
# length 4. The report prints the inputs as this table (one column per time step):

# %%
VOCABULARY = ["h", "e", "l", "o"]
INPUT_LETTERS = ["h", "e", "l", "l"]
TARGET_LETTERS = ["e", "l", "l", "o"]


def one_hot(letter):
    """The one-hot column vector of a letter of VOCABULARY, shape (4, 1)."""
    vector = np.zeros((len(VOCABULARY), 1))
    vector[VOCABULARY.index(letter)] = 1
    return vector


inputs = np.hstack([one_hot(letter) for letter in INPUT_LETTERS])
pd.DataFrame(inputs.astype(int), index=VOCABULARY, columns=INPUT_LETTERS)

# %% [markdown]
# The "o" row is all zeros: "o" is only ever a target, never an input.
#
# ## The network and the report's parameters
#
# The report writes the recurrence (its step 3) as $h_t = \tanh(W_{hh} h_{t-1} + W_{xh} x_t)$
# and the output (step 6) as $y_t = W_{hy} h_t$. Its spreadsheet also adds the **bias** $b$
# inside the tanh (step 2: "whh*ht-1 + bias"), and both $W_{hh}$ and $b$ are "1\*1 matrices":
# single numbers, applied to all three hidden units. Written out, the network the spreadsheet
# computes is
#
# $$h_t = \tanh\left(w_{hh}\, h_{t-1} + b + W_{xh} x_t\right), \qquad y_t = W_{hy} h_t,
# \qquad h_0 = 0,$$
#
# with $W_{xh}$ of shape $(3, 4)$, $W_{hy}$ of shape $(4, 3)$ and scalars $w_{hh} = 0.42703$,
# $b = 0.56700$. A scalar $w_{hh}$ means $W_{hh} = w_{hh} I$: each hidden unit feeds back only
# into itself. A general RNN has a full $(3, 3)$ matrix there.
#
# We type the parameters in **exactly as printed**, as text, because the number of digits
# printed matters when we hold our results against the report's.

# %%
WXH_PRINTED = [
    ["0.287027", "0.84606", "0.572392", "0.486813"],
    ["0.902874", "0.871522", "0.691079", "0.18998"],
    ["0.537524", "0.09224", "0.558159", "0.491528"],
]
WHY_PRINTED = [
    ["0.37168", "0.974829459", "0.830034886"],
    ["0.39141", "0.282585823", "0.659835709"],
    ["0.64985", "0.09821557", "0.334287084"],
    ["0.91266", "0.32581642", "0.144630018"],
]
WHH_PRINTED = [["0.42703"]]
BIAS_PRINTED = [["0.56700"]]

# The report's printed results for the letter "e" (its steps 5 and 6).
HIDDEN_E_PRINTED = ["0.936534", "0.949104", "0.762341"]
OUTPUT_E_PRINTED = ["1.90607732", "1.13779113", "0.95666016", "1.27422602"]


def printed_values(table):
    """The numbers of a table of printed decimals (nested lists of strings), as a float array."""
    return np.array(table, dtype=float)


parameters = {
    "Wxh": printed_values(WXH_PRINTED),
    "whh": printed_values(WHH_PRINTED),
    "b": printed_values(BIAS_PRINTED),
    "Why": printed_values(WHY_PRINTED),
}
for name, value in parameters.items():
    print(name, value.shape)
print("number of parameters:", sum(value.size for value in parameters.values()))

# %% [markdown]
# ## Forward propagation, step by step
#
# One time step computes, in the report's order, the input term $W_{xh} x_t$ (its step 1), the
# recurrent term $w_{hh} h_{t-1} + b$ (step 2), the new state $h_t$ (steps 3 and 5) and the
# output $y_t$ (step 6). Because $x_t$ is one-hot, $W_{xh} x_t$ simply picks the column of
# $W_{xh}$ that belongs to the letter.

# %% nbgrader={"grade": false, "grade_id": "hello_rnn_step", "locked": false, "schema_version": 3, "solution": true, "task": false}
def hello_rnn_step(x_t, h_prev, parameters):
    """One time step of the hello network.

    x_t: one-hot input (4, 1); h_prev: previous hidden state (3, 1).
    Returns the input term, the recurrent term, the new hidden state h_t (3, 1) and the
    output y_t (4, 1), as in the report's spreadsheet.
    """
    ### BEGIN SOLUTION
    input_term = parameters["Wxh"] @ x_t
    recurrent_term = parameters["whh"] * h_prev + parameters["b"]
    h_t = np.tanh(input_term + recurrent_term)
    y_t = parameters["Why"] @ h_t
    return input_term, recurrent_term, h_t, y_t
    ### END SOLUTION


# %% [markdown]
# For "h" there is no previous letter, so $h_0 = (0, 0, 0)$ and the recurrent term is just the
# bias. Then "e" arrives, and the state computed for "h" becomes $h_{t-1}$:

# %%
h_prev = np.zeros((3, 1))
hidden_states, outputs = [], []
for t, letter in enumerate(INPUT_LETTERS):
    input_term, recurrent_term, h_prev, y_t = hello_rnn_step(inputs[:, [t]], h_prev, parameters)
    hidden_states.append(h_prev)
    outputs.append(y_t)
    if t < 2:  # the report's spreadsheet shows "h" and "e"
        print(f"letter {letter!r}")
        print("  Wxh x_t          =", input_term.ravel())
        print("  whh h_t-1 + bias =", recurrent_term.ravel())
        print("  h_t              =", h_prev.ravel())
        print("  y_t              =", y_t.ravel())

# %% nbgrader={"grade": true, "grade_id": "test_hello_rnn_step", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false} tags=["hide-input"]
# Graded tests of hello_rnn_step (1 point). Visible: the steps for "h" and "e" with the
# report's parameters, to the printed decimals. More tests run when your notebook is graded.
def report_parameters():
    """The report's printed parameters (section 2), typed in here so the tests read no chapter variable."""
    return {
        "Wxh": np.array([[0.287027, 0.84606, 0.572392, 0.486813],
                         [0.902874, 0.871522, 0.691079, 0.18998],
                         [0.537524, 0.09224, 0.558159, 0.491528]]),
        "whh": np.array([[0.42703]]),
        "b": np.array([[0.567]]),
        "Why": np.array([[0.37168, 0.974829459, 0.830034886],
                         [0.39141, 0.282585823, 0.659835709],
                         [0.64985, 0.09821557, 0.334287084],
                         [0.91266, 0.32581642, 0.144630018]]),
    }


def test_hello_rnn_step_on_h_and_e():
    p = report_parameters()
    letter_h, letter_e = np.eye(4)[:, [0]], np.eye(4)[:, [1]]
    _, recurrent_term, h_h, y_h = hello_rnn_step(letter_h, np.zeros((3, 1)), p)
    assert h_h.shape == (3, 1) and y_h.shape == (4, 1)
    np.testing.assert_allclose(recurrent_term.ravel(), [0.567, 0.567, 0.567], atol=1e-8)
    np.testing.assert_allclose(h_h.ravel(), [0.69316742, 0.89955342, 0.80211817], atol=1e-8)
    np.testing.assert_allclose(y_h.ravel(), [1.8003337, 1.05477991, 0.80694274, 1.04172581], atol=1e-8)
    input_term, recurrent_term, h_e, y_e = hello_rnn_step(letter_e, h_h, p)
    np.testing.assert_allclose(input_term.ravel(), [0.84606, 0.871522, 0.09224], atol=1e-8)
    np.testing.assert_allclose(recurrent_term.ravel(), [0.86300328, 0.95113629, 0.90952852], atol=1e-8)
    np.testing.assert_allclose(h_e.ravel(), [0.93653252, 0.9491028, 0.76233589], atol=1e-8)
    np.testing.assert_allclose(y_e.ravel(), [1.90606916, 1.13778763, 0.95666137, 1.2742257], atol=1e-8)


test_hello_rnn_step_on_h_and_e()
### BEGIN HIDDEN TESTS
def hidden_test_hello_rnn_step(n_x, n_h, n_y, seed):
    """Other sizes, signs and (not one-hot) inputs: the four terms of the forward step; inputs unchanged."""
    rng = np.random.default_rng(seed)
    x_t, h_prev = rng.normal(size=(n_x, 1)), rng.normal(size=(n_h, 1))
    p = {"Wxh": rng.normal(size=(n_h, n_x)), "whh": rng.normal(size=(1, 1)),
         "b": rng.normal(size=(1, 1)), "Why": rng.normal(size=(n_y, n_h))}
    originals = [x_t.copy(), h_prev.copy()] + [value.copy() for value in p.values()]
    input_term, recurrent_term, h_t, y_t = hello_rnn_step(x_t, h_prev, p)
    np.testing.assert_allclose(input_term, p["Wxh"] @ x_t, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(recurrent_term, p["whh"] * h_prev + p["b"], rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(h_t, np.tanh(p["Wxh"] @ x_t + p["whh"] * h_prev + p["b"]), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(y_t, p["Why"] @ h_t, rtol=1e-12, atol=1e-12)
    for original, now in zip(originals, [x_t, h_prev] + list(p.values())):
        np.testing.assert_array_equal(now, original)


hidden_test_hello_rnn_step(n_x=6, n_h=5, n_y=6, seed=11)
hidden_test_hello_rnn_step(n_x=2, n_h=1, n_y=3, seed=12)
### END HIDDEN TESTS

# %% [markdown]
# The report prints $h_t$ and $y_t$ for "e". Side by side:

# %%
hidden_e, output_e = hidden_states[1].ravel(), outputs[1].ravel()
comparison = pd.DataFrame({
    "report": np.concatenate([printed_values(HIDDEN_E_PRINTED), printed_values(OUTPUT_E_PRINTED)]),
    "this chapter": np.concatenate([hidden_e, output_e]).round(8),
}, index=[f"h_e[{i}]" for i in range(3)] + [f"y_e[{i}]" for i in range(4)])
comparison["difference / 1e-6"] = ((comparison["this chapter"] - comparison["report"]) * 1e6).round(2)
comparison


# %% [markdown]
# Close, but not to the last printed digit: the hidden state differs by up to $5.1 \times
# 10^{-6}$ (the report prints six decimals) and the output by up to $8.2 \times 10^{-6}$ (it
# prints eight). The report's spreadsheet computed with more digits than it shows, and the
# parameters we typed in are its rounded display; the block below shows that this rounding
# explains every difference.
#
# :::{admonition} About the source report: why the last digits differ
# :class: dropdown
# A spreadsheet computes with every digit of its cells but shows only a few. So each printed
# parameter stands for an unknown true value within half a unit of its last printed digit:
# `0.287027` for something in $[0.2870265, 0.2870275]$, `0.37168` (five decimals, like the
# whole first column of $W_{hy}$) for something in $[0.371675, 0.371685]$. The printed results
# are rounded the same way. The question is whether *some* set of true parameters inside those
# intervals gives results that round to the printed ones.
#
# That can be answered exactly, without search, because every parameter and every state here is
# positive: $h_e = \tanh\left(w_{hh} \tanh(b + W_{xh}[:, h]) + b + W_{xh}[:, e]\right)$ grows
# with every parameter it depends on, and $y_e = W_{hy} h_e$ grows with every entry of $W_{hy}$
# and $h_e$. So the smallest possible result comes from all parameters at the lower ends of
# their intervals, the largest from all at the upper ends. The first cell below computes both.
#
# Every printed result is consistent: the printed value, give or take its own rounding, falls
# inside the range the printed parameters allow (for `h_e[1]` only thanks to its own rounding:
# `0.949104` may stand for `0.9491035`). The report's numbers agree with its printed
# parameters, and the differences above are what rounding the parameters for print does,
# nothing more. The intervals are wide because of the few entries printed with fewer digits:
# `0.84606` and `0.09224` in the "e" column of $W_{xh}$ (five decimals where the others have
# six) and $w_{hh}$, $b$ (five decimals). Unit 2 of $h_e$ depends on the entry `0.09224` with
# slope $1 - h_{e,2}^2$ (the second cell below): that one entry can account for about 41% of
# the difference of $5.1 \times 10^{-6}$ in $h_{e,2}$. To reproduce the report to its last
# printed digit one would need the spreadsheet's hidden digits, which the report does not give.
#
# In the report's text copy the spreadsheet screenshots are lost, and its $W_{xh}$ table of
# step 4 is garbled (its first column is missing); the product it shows, the "e" column
# $(0.84606, 0.871522, 0.09224)$, is right.
# :::

# %% tags=["hide-cell"] mystnb={"code_prompt_show": "Show the check of the report's last digits", "code_prompt_hide": "Hide the check of the report's last digits"}
def rounding_half_width(table):
    """Half a unit in the last printed decimal of each entry of a table of printed decimals.

    The true value of an entry printed as "0.18998" lies within 0.18998 +- 0.000005.
    """
    return np.array([[0.5 * 10.0 ** -len(entry.split(".")[1]) for entry in row] for row in table])


def hidden_and_output_for_e(parameters):
    """The hidden state and output of the hello network for "e" (the second letter)."""
    h_prev = np.zeros((3, 1))
    for t in range(2):
        _, _, h_prev, y_t = hello_rnn_step(inputs[:, [t]], h_prev, parameters)
    return h_prev.ravel(), y_t.ravel()


printed_tables = {"Wxh": WXH_PRINTED, "whh": WHH_PRINTED, "b": BIAS_PRINTED, "Why": WHY_PRINTED}
lowest = {name: printed_values(table) - rounding_half_width(table) for name, table in printed_tables.items()}
highest = {name: printed_values(table) + rounding_half_width(table) for name, table in printed_tables.items()}
hidden_low, output_low = hidden_and_output_for_e(lowest)
hidden_high, output_high = hidden_and_output_for_e(highest)

printed_results = np.concatenate([printed_values(HIDDEN_E_PRINTED), printed_values(OUTPUT_E_PRINTED)])
results_half_width = np.concatenate([rounding_half_width([HIDDEN_E_PRINTED])[0],
                                     rounding_half_width([OUTPUT_E_PRINTED])[0]])
intervals = pd.DataFrame({
    "lowest possible": np.concatenate([hidden_low, output_low]).round(8),
    "report": printed_results,
    "highest possible": np.concatenate([hidden_high, output_high]).round(8),
}, index=comparison.index)
intervals["consistent"] = ((printed_results + results_half_width >= intervals["lowest possible"])
                           & (printed_results - results_half_width <= intervals["highest possible"]))
intervals

# %% tags=["hide-cell"] mystnb={"code_prompt_show": "Show the check of the report's last digits", "code_prompt_hide": "Hide the check of the report's last digits"}
slope = 1 - hidden_e[2] ** 2
print(f"d h_e[2] / d Wxh[2, 1] = 1 - h_e[2]**2 = {slope:.4f}")
print(f"so the rounding of 0.09224 alone can move h_e[2] by up to {slope * 5e-6:.1e}")
difference = abs(hidden_e[2] - printed_values(HIDDEN_E_PRINTED)[2])
print(f"that is {slope * 5e-6 / difference:.0%} of the difference of {difference:.1e} between this chapter and the report")

# %% [markdown]
# ## Softmax and the prediction after "e"
#
# The outputs $y_t$ are scores (logits); the softmax turns them into probabilities over the
# vocabulary (the report's step 7):
#
# $$p_t = \operatorname{softmax}(y_t), \qquad p_{t,k} = \frac{e^{y_{t,k}}}{\sum_j e^{y_{t,j}}}.$$
#
# (`labutils.rnn_utils.softmax` subtracts the largest score first, which changes nothing
# mathematically and avoids overflow.)

# %%
probabilities = np.hstack([softmax(y_t) for y_t in outputs])
predictions = pd.DataFrame(probabilities.T.round(6), columns=[f"p({letter})" for letter in VOCABULARY],
                           index=pd.Index(INPUT_LETTERS, name="input"))
predictions["predicted"] = [VOCABULARY[k] for k in probabilities.argmax(axis=0)]
predictions["target"] = TARGET_LETTERS
predictions

# %% [markdown]
# After "e" the network gives "h" the highest probability (0.420), as the report says; the
# right answer "l" gets 0.162, the *lowest* of the four. The report's screenshot of these
# probabilities is lost, but its conclusion is reproduced. Note that the network predicts "h"
# after **every** letter, not only after "e". All its weights and its bias are positive, so
# every hidden state has all three components between 0.69 and 0.95, and for such states the
# first row of $W_{hy}$, the one for "h", has by far the largest sum:

# %%
print("hidden states, one column per step:\n", np.hstack(hidden_states).round(4))
print("row sums of Why (h, e, l, o):", parameters["Why"].sum(axis=1))

# %% [markdown]
# The report explains the wrong prediction with "we have hardly trained the network. We have
# just shown it two letters". More precisely, the network has not been trained at all: a
# forward pass changes no weight, however many letters it reads. Training is what BPTT,
# further down, is for.
#
# ## From the hello network to the general RNN cell
#
# The hello network is a special case of the basic RNN cell that
# [the next chapter](rnn_hands_on.ipynb) writes for any sizes. There the hidden state is called
# $a$, the recurrent weights are a full matrix $W_{aa}$, the output has a bias $b_y$ too, and
# the cell returns the probabilities directly:
#
# $$a_t = \tanh\left(W_{ax} x_t + W_{aa} a_{t-1} + b_a\right), \qquad
# \hat{y}_t = \operatorname{softmax}\left(W_{ya} a_t + b_y\right).$$
#
# With $W_{ax} = W_{xh}$, $W_{aa} = w_{hh} I$, $b_a = b \cdot (1, 1, 1)$, $W_{ya} = W_{hy}$ and
# $b_y = 0$ it is our network. Written with those matrices, the loop over the four one-hot inputs
# must give the same hidden states and the same softmax probabilities:

# %%
cell_parameters = {
    "Wax": parameters["Wxh"],
    "Waa": parameters["whh"] * np.eye(3),
    "ba": parameters["b"] * np.ones((3, 1)),
    "Wya": parameters["Why"],
    "by": np.zeros((4, 1)),
}
a_t = np.zeros((3, 1))
cell_states, cell_probabilities = [], []
for t in range(len(INPUT_LETTERS)):
    a_t = np.tanh(cell_parameters["Wax"] @ inputs[:, [t]] + cell_parameters["Waa"] @ a_t + cell_parameters["ba"])
    cell_states.append(a_t)
    cell_probabilities.append(softmax(cell_parameters["Wya"] @ a_t + cell_parameters["by"]))
print("same hidden states:", np.allclose(np.hstack(cell_states), np.hstack(hidden_states), rtol=0, atol=1e-15))
print("same probabilities:", np.allclose(np.hstack(cell_probabilities), probabilities, rtol=0, atol=1e-15))

# %% [markdown]
# ## Backpropagation through time
#
# **The loss.** With the target letter $k_t$ at step $t$, the cross-entropy of the report's
# part 4, summed over the word, is
#
# $$E = -\sum_{t=1}^{4} \log p_{t, k_t}.$$
#
# **The gradients.** Unroll the network over the four steps and apply the chain rule backwards,
# from the last step to the first. For the softmax with cross-entropy the gradient with respect
# to the scores is the familiar $\partial E / \partial y_t = p_t - \text{onehot}(k_t)$. The
# hidden state $h_t$ receives gradient from its own output and from the next time step:
#
# $$
# \begin{aligned}
# \frac{\partial E}{\partial h_t} &= W_{hy}^T (p_t - \text{onehot}(k_t)) + w_{hh}\, \delta_{t+1},
# \qquad \delta_{t} = \frac{\partial E}{\partial h_t} \odot (1 - h_t^2), \qquad \delta_5 = 0, \\
# \frac{\partial E}{\partial W_{hy}} &= \sum_t (p_t - \text{onehot}(k_t))\, h_t^T, \qquad
# \frac{\partial E}{\partial W_{xh}} = \sum_t \delta_t\, x_t^T, \\
# \frac{\partial E}{\partial w_{hh}} &= \sum_t \sum_{i} \delta_{t,i}\, h_{t-1,i}, \qquad
# \frac{\partial E}{\partial b} = \sum_t \sum_i \delta_{t,i}.
# \end{aligned}
# $$
#
# Here $\delta_t$ is the gradient with respect to the pre-activation of step $t$. The sums over
# $t$ are the report's "combine the gradients of the error for all time steps": the same
# weights act at every step, so their gradient is the sum of the contributions of all steps.
# The scalars $w_{hh}$ and $b$ also sum over the three hidden units they are shared by.

# %% nbgrader={"grade": false, "grade_id": "hello_loss_and_gradients", "locked": false, "schema_version": 3, "solution": true, "task": false}
def hello_loss_and_gradients(parameters):
    """Cross-entropy loss of the hello network over "hell" -> "ello", and its gradients.

    Returns (loss, gradients) where gradients has the keys and shapes of parameters.
    """
    ### BEGIN SOLUTION
    Wxh, whh, b, Why = parameters["Wxh"], parameters["whh"], parameters["b"], parameters["Why"]
    targets = [VOCABULARY.index(letter) for letter in TARGET_LETTERS]

    # Forward pass, keeping every state: h[0] is the initial state, h[t + 1] that of step t.
    h = [np.zeros((3, 1))]
    p = []
    loss = 0.0
    for t in range(len(INPUT_LETTERS)):
        h.append(np.tanh(whh * h[t] + b + Wxh @ inputs[:, [t]]))
        p.append(softmax(Why @ h[t + 1]))
        loss -= np.log(p[t][targets[t], 0])

    # Backward pass, from the last step to the first.
    gradients = {name: np.zeros_like(value) for name, value in parameters.items()}
    delta_next = np.zeros((3, 1))
    for t in reversed(range(len(INPUT_LETTERS))):
        dy = p[t].copy()
        dy[targets[t]] -= 1
        gradients["Why"] += dy @ h[t + 1].T
        dh = Why.T @ dy + whh * delta_next
        delta = dh * (1 - h[t + 1] ** 2)
        gradients["Wxh"] += delta @ inputs[:, [t]].T
        gradients["whh"] += np.sum(delta * h[t])
        gradients["b"] += np.sum(delta)
        delta_next = delta
    return loss, gradients
    ### END SOLUTION


# %%
loss, gradients = hello_loss_and_gradients(parameters)
print(f"loss of the untrained network: {loss:.6f}")
print(f"(a network that guesses uniformly would have 4 * log(4) = {4 * np.log(4):.6f})")
for name, gradient in gradients.items():
    print(f"dE/d{name} =\n{np.round(gradient, 6)}")

# %% nbgrader={"grade": true, "grade_id": "test_hello_loss_and_gradients", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false} tags=["hide-input"]
# Graded tests of hello_loss_and_gradients (3 points). Visible: the loss and gradients above,
# to the printed decimals, for the word and parameters of the report (set here, so that the
# tests read no chapter variable). If your function calls hello_rnn_step, it gets the step
# of "Forward propagation, step by step" from the formula instead, so that a mistake there is
# not counted twice. More tests (a gradient check on other words) run when your notebook is
# graded.
def hello_word(word, vocabulary=("h", "e", "l", "o")):
    """The chapter's globals for a word: each letter but the last is an input, the next one its target."""
    letters = list(vocabulary)
    return {"VOCABULARY": letters, "INPUT_LETTERS": list(word[:-1]), "TARGET_LETTERS": list(word[1:]),
            "inputs": np.eye(len(letters))[:, [letters.index(letter) for letter in word[:-1]]]}


def formula_hello_step(x_t, h_prev, p):
    """The forward step, from its formula: input term, recurrent term, h_t and y_t."""
    h_t = np.tanh(p["Wxh"] @ x_t + p["whh"] * h_prev + p["b"])
    return p["Wxh"] @ x_t, p["whh"] * h_prev + p["b"], h_t, p["Why"] @ h_t


def test_hello_loss_and_gradients_on_the_report():
    with substituted(globals(), hello_rnn_step=formula_hello_step, **hello_word("hello")):
        loss, gradients = hello_loss_and_gradients(report_parameters())
    np.testing.assert_allclose(loss, 6.811271, atol=1e-6)
    expected = {
        "Wxh": [[0.068651, -0.014603, -0.089512, 0.0], [0.057035, 0.047811, 0.096179, 0.0],
                [-0.013464, 0.105596, 0.130432, 0.0]],
        "whh": [[0.23571]],
        "b": [[0.388126]],
        "Why": [[1.482958, 1.593958, 1.448332], [-0.006174, -0.16021, -0.13064],
                [-1.297266, -1.287401, -1.120892], [-0.179518, -0.146347, -0.1968]],
    }
    assert sorted(gradients) == sorted(expected), "one gradient per parameter"
    for name, value in expected.items():
        assert gradients[name].shape == np.shape(value), f"{name}: shape"
        np.testing.assert_allclose(gradients[name], value, atol=1e-6, err_msg=name)


test_hello_loss_and_gradients_on_the_report()
### BEGIN HIDDEN TESTS
def hidden_test_hello_loss_and_gradients(word, seed):
    """Another word and random parameters: the loss, and every gradient against finite differences."""
    rng = np.random.default_rng(seed)
    p = {"Wxh": rng.normal(size=(3, 4)), "whh": rng.normal(size=(1, 1)),
         "b": rng.normal(size=(1, 1)), "Why": rng.normal(size=(4, 3))}
    originals = {name: value.copy() for name, value in p.items()}
    globals_of_word = hello_word(word)

    def loss():
        h, total = np.zeros((3, 1)), 0.0
        for t, target in enumerate(globals_of_word["TARGET_LETTERS"]):
            h = np.tanh(p["whh"] * h + p["b"] + p["Wxh"] @ globals_of_word["inputs"][:, [t]])
            probabilities = np.exp(p["Why"] @ h) / np.sum(np.exp(p["Why"] @ h))
            total -= np.log(probabilities[globals_of_word["VOCABULARY"].index(target), 0])
        return total

    with substituted(globals(), hello_rnn_step=formula_hello_step, **globals_of_word):
        computed_loss, gradients = hello_loss_and_gradients(p)
    for name, original in originals.items():
        np.testing.assert_array_equal(p[name], original, err_msg=f"{name} was changed in place")
    np.testing.assert_allclose(computed_loss, loss(), rtol=1e-10)
    for name, array in p.items():
        error = gradcheck.relative_error(gradients[name], gradcheck.numerical_gradient(loss, array))
        assert error < 1e-7, f"{name}: relative error {error:.1e} against finite differences"


hidden_test_hello_loss_and_gradients("lo", seed=21)
hidden_test_hello_loss_and_gradients("ohhleello", seed=22)
### END HIDDEN TESTS

# %% [markdown]
# The untrained network is worse than guessing: it is confidently wrong.
#
# ### Gradient check
#
# Each gradient must agree with the central finite difference
# $\frac{E(\theta + \varepsilon) - E(\theta - \varepsilon)}{2\varepsilon}$, entry by entry
# ($\varepsilon = 10^{-6}$, [`labutils.gradcheck`](../../labutils/gradcheck.py)). We check on a copy
# of the parameters, since the check perturbs them in place.

# %% tags=["nbval-ignore-output"]
check_parameters = {name: value.copy() for name, value in parameters.items()}
check_table = gradcheck.gradient_check_table(
    lambda: hello_loss_and_gradients(check_parameters)[0],
    arrays=check_parameters,
    analytic_gradients=hello_loss_and_gradients(check_parameters)[1],
)
check_table

# %% [markdown]
# The relative errors depend on floating-point rounding, so the table is not compared digit by
# digit by the tests; this check is:

# %%
print("all relative errors below 1e-7:", bool((check_table["relative error"] < 1e-7).all()))

# %% [markdown]
# ### Training the hello network
#
# With correct gradients, plain gradient descent, $\theta \leftarrow \theta - \eta\,
# \partial E / \partial \theta$, trains the network. We start from the report's parameters and
# take 300 steps with learning rate $\eta = 0.1$, printing the loss and the four predicted
# letters every 50 steps.

# %% nbgrader={"grade": false, "grade_id": "train_hello", "locked": false, "schema_version": 3, "solution": true, "task": false}
def train_hello(parameters, learning_rate, num_steps):
    """Gradient descent on the hello network from a copy of `parameters`.

    Returns the trained parameters and the loss before each step.
    """
    ### BEGIN SOLUTION
    parameters = {name: value.copy() for name, value in parameters.items()}
    losses = []
    for step in range(num_steps):
        loss, gradients = hello_loss_and_gradients(parameters)
        losses.append(loss)
        for name in parameters:
            parameters[name] -= learning_rate * gradients[name]
    return parameters, np.array(losses)
    ### END SOLUTION


# %%
def hello_forward(parameters):
    """Hidden states (3, 4) and outputs (4, 4) of the hello network over "hell", one column per step."""
    h_t, states, outputs = np.zeros((3, 1)), [], []
    for t in range(len(INPUT_LETTERS)):
        _, _, h_t, y_t = hello_rnn_step(inputs[:, [t]], h_t, parameters)
        states.append(h_t)
        outputs.append(y_t)
    return np.hstack(states), np.hstack(outputs)


def predicted_letters(parameters):
    """The letter the network predicts after each input letter, as a string."""
    _, outputs = hello_forward(parameters)
    return "".join(VOCABULARY[k] for k in outputs.argmax(axis=0))


# %%
for num_steps in [0, 50, 100, 150, 200, 250, 300]:
    trained, losses = train_hello(parameters, learning_rate=0.1, num_steps=num_steps)
    loss, _ = hello_loss_and_gradients(trained)
    print(f"after {num_steps:3d} steps: loss {loss:.4f}, reads 'hell', predicts {predicted_letters(trained)!r}")
print(f"trained w_hh = {trained['whh'][0, 0]:.4f}, b = {trained['b'][0, 0]:.4f}")

# %% nbgrader={"grade": true, "grade_id": "test_train_hello", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false} tags=["hide-input"]
# Graded tests of train_hello (2 points). They run your loop with a stand-in for
# hello_loss_and_gradients whose descent is easy to predict, so they test the loop alone.
# More tests run when your notebook is graded.
def random_hello_parameters(seed):
    """Parameters of the hello network's shapes, drawn at random."""
    rng = np.random.default_rng(seed)
    return {"Wxh": rng.normal(size=(3, 4)), "whh": rng.normal(size=(1, 1)),
            "b": rng.normal(size=(1, 1)), "Why": rng.normal(size=(4, 3))}


def stand_in_squares(parameters):
    """Not the hello network: loss = (sum of squares) / 2, whose gradient is the parameters."""
    loss = sum(0.5 * np.sum(value**2) for value in parameters.values())
    return loss, {name: value.copy() for name, value in parameters.items()}


def check_train_hello(stand_in, expected_parameters, expected_losses, learning_rate, num_steps, seed):
    start = random_hello_parameters(seed)
    with substituted(globals(), hello_loss_and_gradients=stand_in):
        trained, losses = train_hello(start, learning_rate, num_steps)
    for name, original in random_hello_parameters(seed).items():
        np.testing.assert_array_equal(start[name], original, err_msg="the parameters passed in must not change")
        np.testing.assert_allclose(trained[name], expected_parameters(original), rtol=1e-12, atol=1e-14, err_msg=name)
    np.testing.assert_allclose(losses, expected_losses(random_hello_parameters(seed)), rtol=1e-12)


def check_descent_on_squares(learning_rate, num_steps, seed):
    """Each step multiplies the parameters by (1 - learning_rate), the loss by its square."""
    shrink = 1 - learning_rate
    check_train_hello(stand_in_squares, lambda p: p * shrink**num_steps,
                      lambda p: stand_in_squares(p)[0] * shrink ** (2 * np.arange(num_steps)),
                      learning_rate, num_steps, seed)


check_descent_on_squares(learning_rate=0.1, num_steps=5, seed=1)
### BEGIN HIDDEN TESTS
def stand_in_sum(parameters):
    """Not the hello network: loss = sum of the parameters, whose gradient is all ones."""
    return sum(np.sum(value) for value in parameters.values()), {name: np.ones_like(value) for name, value in parameters.items()}


def check_descent_on_sum(learning_rate, num_steps, seed):
    """Each step subtracts learning_rate from each of the 26 numbers, so the loss falls by 26 learning_rate."""
    check_train_hello(stand_in_sum, lambda p: p - learning_rate * num_steps,
                      lambda p: stand_in_sum(p)[0] - 26 * learning_rate * np.arange(num_steps),
                      learning_rate, num_steps, seed)


check_descent_on_squares(learning_rate=0.3, num_steps=1, seed=31)
check_descent_on_squares(learning_rate=0.05, num_steps=0, seed=32)
check_descent_on_sum(learning_rate=0.2, num_steps=7, seed=33)
### END HIDDEN TESTS

# %% [markdown]
# After 100 steps the network predicts "ello": "l" after "e", and after the two "l"s first "l"
# and then "o". That last part needs memory, since the input is the same letter both times;
# only the hidden state, carried over by $w_{hh}$, tells the two steps apart.
#
# A learning rate too large shows the other face of these gradients. With $\eta = 1$ the steps
# overshoot, the loss jumps up and down for a few dozen steps, and then the bias grows so large
# that every hidden unit sits in the flat part of the tanh, at $h_t \approx (1, 1, 1)$, at every
# step. The gradient through the tanh is then nearly zero, the hidden states can no longer tell
# the time steps apart, and the network predicts the same letter after every input; only the
# output weights still learn, bouncing between two values:

# %% tags=["nbval-ignore-output"]
stuck, losses_fast = train_hello(parameters, learning_rate=1.0, num_steps=300)
_, losses_slow = train_hello(parameters, learning_rate=0.1, num_steps=300)
print(f"learning rate 1.0: loss {hello_loss_and_gradients(stuck)[0]:.4f} after 300 steps, "
      f"predicts {predicted_letters(stuck)!r}, bias b = {stuck['b'][0, 0]:.2f}")
print(f"the loss stays above 10 from step {np.flatnonzero(losses_fast <= 10)[-1] + 1} on; "
      f"its last four values: {np.round(losses_fast[-4:], 2)}")
print(f"hidden states: every entry within {1 - hello_forward(stuck)[0].min():.0e} of 1")

# %% [markdown]
# The jumpy phase amplifies floating-point rounding, so these digits could differ on another
# machine (on this page: the loss jumps for 36 steps, ends at 14.5649 and alternates between
# 14.56 and 14.71; the bias ends at 11.69). The tests check the claims themselves, with wide
# margins:

# %%
print("stuck: loss above 10 over the last 100 steps (the untrained network had 6.81):",
      losses_fast[-100:].min() > 10)
print("saturated: bias above 5:", stuck["b"][0, 0] > 5)

# %%
fig, ax = plt.subplots(figsize=(7, 3.5))
ax.semilogy(losses_slow, label="learning rate 0.1")
ax.semilogy(losses_fast, label="learning rate 1.0")
ax.set_xlabel("gradient-descent step")
ax.set_ylabel("loss E (log scale)")
ax.set_title("Training the hello network with BPTT")
ax.legend()
plt.show()

# %% [markdown]
# With a bias near 12 every pre-activation is large and positive, every $\tanh$ is within a
# hair of 1, and $1 - h_t^2$, the factor every gradient passes through, is close to zero.
# The [vanishing-gradients chapter](vanishing_gradients.ipynb) measures this saturation, and its
# relatives the vanishing and the exploding gradient, on longer sequences.
#
# ## Discussion
#
# * A recurrent network is a single cell applied at every time step, with its hidden state
#   handed from one step to the next. Computed by hand, the report's network gives its printed
#   hidden state and output for "e" to five or six decimals, and the prediction it reports:
#   "h" after "e" (probability 0.420), while the right answer "l" gets 0.162. The remaining
#   differences come from the report printing its parameters rounded.
# * The untrained network predicts "h" after every letter: a forward pass changes no weight.
#   BPTT, the chain rule unrolled over the time steps, gives gradients that agree with finite
#   differences, and 100 gradient-descent steps teach the network "ello", where only the hidden
#   state can tell the two "l"s apart.
# * Too large a learning rate drives the tanh into saturation, where the gradient vanishes and
#   learning stops: the subject of the vanishing-gradients chapter.
# * **Limitation.** The training run memorises a single four-letter word with 26 parameters;
#   it shows that the BPTT gradients are right and usable, not that such a network learns
#   language. The next-word chapter trains a real (small) language model.
#
# :::{admonition} About the source report: its published values, and what it gets wrong or leaves out
# :class: dropdown
# | quantity | report 003 | this chapter |
# |---|---|---|
# | hidden state for "e" (step 5) | `0.936534 0.949104 0.762341` | `0.93653252 0.9491028 0.76233589`; within the range the printed parameters allow |
# | output for "e" (step 6) | `1.90607732 1.13779113 0.95666016 1.27422602` | `1.90606916 1.13778763 0.95666137 1.2742257`; within that range |
# | prediction after "e" (step 7) | "h" | "h" (probability 0.420); the target "l" gets 0.162 |
# | softmax probabilities (step 7) | screenshot lost | printed in the softmax section |
#
# What the report gets wrong or leaves out:
#
# - Its formula $h_t = \tanh(W_{hh} h_{t-1} + W_{xh} x_t)$ has no bias, but its spreadsheet
#   adds one ($0.567$); without it none of its numbers come out.
# - Its $W_{hh}$ is a single number shared by the three hidden units, a diagonal recurrence
#   $w_{hh} I$ in which the units never exchange information; ordinary RNNs use a full matrix.
# - Part 2 says the network is given "h, e, l, l" and asked "to predict the last letter i.e.
#   'o'", but the spreadsheet (and this chapter) predicts a letter after every input, four
#   predictions per word; the loss of part 4 sums over all four.
# - "We have just shown it two letters" suggests that reading letters trains a network. It
#   does not: the weights change only in the backward pass, which the report never runs.
# - Part 5 describes the error as the squared difference between actual and predicted output,
#   part 4 as the cross-entropy; for this classification network the cross-entropy is right.
# :::
