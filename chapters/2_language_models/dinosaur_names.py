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
# # Dinosaur names: a character-level language model in numpy
#
# **Objective.** The chapters of the first part built the recurrent cells by hand and checked
# their gradients; this one, which opens the part on language models, makes one of them
# *learn*. A **language model** gives a probability to every possible next symbol of a text.
# We train the basic RNN of the [RNN hands-on chapter](../1_from_scratch/rnn_hands_on.ipynb),
# in numpy, to read 1,536 dinosaur names one character at a time and to predict the next
# character; then we let it invent new names by sampling from its own predictions. On the way
# we build the pieces that every such model needs (gradient clipping, sampling, one step of
# stochastic gradient descent, the training loop), and finally we measure how good the model
# is on names it has never seen, as a cross-entropy and a **perplexity** per character,
# against simple baselines and a Keras SimpleRNN, LSTM and GRU.
#
# Symbols and shapes: see the [notation page](../../notation.md).
#
# **Sources.** Report 000 (Irvan Ariyanto, ITB), sections 3.2 and 4.2, and report 001 (Amany
# Akhyar, ITB), section 3.2. Both reproduce the classic "Dinosaur Island" exercise of the
# deeplearning.ai *Sequence Models* course, with its data file `dinos.txt` and its helper module
# `utils.py` (here: [`labutils.charmodel`](../../labutils/charmodel.py)). The chapter's test cells
# print what the reports print; which of their numbers can be reproduced, which cannot, and why,
# is told in the "About the source report" blocks, and summarised
# {ref}`at the end <summary-of-published-values>`.

# %%
from labutils import repro

repro.use_single_thread()  # before TensorFlow is imported (for the Keras models at the end)

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from tqdm import tqdm

import labutils
from labutils import data, diagrams, gradcheck
from labutils.grading import substituted
from labutils.charmodel import (
    format_sample,
    get_initial_loss,
    initialize_parameters,
    print_sample,
    rnn_backward,
    rnn_forward,
    smooth,
    update_parameters,
)
from labutils.rnn_utils import softmax

print("labutils", labutils.__version__)

# %% [markdown]
# The exercises seed numpy's global random generator themselves, in the places the original
# exercise does (`np.random.seed(0)` before shuffling the names, `np.random.seed(1)` inside
# `initialize_parameters`, a fresh seed before every sampled character), so this chapter needs
# no global seed.
#
# ## The data
#
# The data set is a list of dinosaur genus names, one per line. We lower-case it and list its
# characters: the 26 letters and the newline, which plays the part of an *end of name* token.

# %%
text = data.load_text("dinos.txt").lower()
chars = sorted(set(text))
data_size, vocab_size = len(text), len(chars)
print("There are %d total characters and %d unique characters in your data." % (data_size, vocab_size))

# %% [markdown]
# Report 000 prints this sentence with the same numbers (report 001 shows the code of this
# step and of the next, without their output). The vocabulary is sorted, so the newline gets
# index 0 and the letters `a` to `z` get 1 to 26. Two dictionaries translate in both
# directions:

# %%
char_to_ix = {ch: i for i, ch in enumerate(chars)}
ix_to_char = {i: ch for i, ch in enumerate(chars)}
print(ix_to_char)

# %% [markdown]
# Each line is one training example. Ten lines of the file hold two names glued together
# (the original file has them too, and so does every copy of the exercise); we keep them, as
# the exercise does, so that the training log can be compared with the reports.

# %%
lines = data.load_text("dinos.txt").split("\n")
glued = data.find_glued_names(lines)
print(len(lines), "names;", len(glued), "of them are two names glued together, e.g.", glued[:2])

# %% [markdown]
# ## The model
#
# The network is the basic RNN of the [RNN hands-on chapter](../1_from_scratch/rnn_hands_on.ipynb)
# with a softmax output over the $n_y = 27$ characters. A name is fed in as a sequence of
# one-hot vectors $x^{\langle 0 \rangle}, x^{\langle 1 \rangle}, \dots$; at every step the
# network predicts a probability distribution $\hat{y}^{\langle t \rangle}$ over the next
# character:
#
# $$a^{\langle t \rangle} = \tanh\left(W_{ax} x^{\langle t \rangle} + W_{aa} a^{\langle t-1 \rangle} + b\right),
# \qquad
# \hat{y}^{\langle t \rangle} = \operatorname{softmax}\left(W_{ya} a^{\langle t \rangle} + b_y\right).$$
#
# One step of the network (the picture's bias $b_a$ is called `b` in this chapter's code, as in
# the original exercise):

# %% mystnb={"image": {"alt": "One basic RNN cell: the previous hidden state a(t-1) times Waa, plus the input x(t) times Wax, plus the bias ba, goes through tanh and gives the new hidden state a(t). a(t) goes on to the next time step and up to the prediction y-hat(t) = softmax(Wya a(t) + by)."}} tags=["remove-input"]
diagrams.show("rnn_cell")

# %% [markdown]
# For the name "trex", the input is a zero vector (no character yet) followed by `t`, `r`,
# `e`, `x`, and the targets are the same characters shifted by one, followed by the newline:
#
# | step $t$ | 0 | 1 | 2 | 3 | 4 |
# |---|---|---|---|---|---|
# | input `X[t]` | `None` (zero vector) | t | r | e | x |
# | target `Y[t]` | t | r | e | x | newline |
#
# The loss of one name is the cross-entropy summed over its steps,
# $\mathcal{L} = -\sum_t \log \hat{y}^{\langle t \rangle}_{Y[t]}$. Its gradient with respect
# to the output scores is simply $\hat{y}^{\langle t \rangle} - \text{onehot}(Y[t])$; from there
# backpropagation through time (the [RNN hands-on chapter](../1_from_scratch/rnn_hands_on.ipynb))
# gives the gradients of all five parameters.
#
# These building blocks are given, as in the original exercise, by the module
# [`labutils.charmodel`](../../labutils/charmodel.py): `initialize_parameters` (weights
# `randn * 0.01` after `np.random.seed(1)`, zero biases), `rnn_forward` (loss and cache for one
# name), `rnn_backward` (gradients and hidden states), `update_parameters` (one gradient-descent
# step), `smooth` and `get_initial_loss` (for the logged loss), `print_sample`. Its one-step
# functions `rnn_step_forward` and `rnn_step_backward` are the definitions, line for line the
# original's; `rnn_forward` and `rnn_backward` compute the same for a whole name, with the
# products that do not depend on the previous step done for all steps at once, which makes
# training faster. The book's unit tests check them against each other and against
# finite differences; here is that check once, on a small network ($n_a = 5$) and the name
# "trex":

# %% tags=["nbval-ignore-output"]
check_parameters = initialize_parameters(5, vocab_size, vocab_size)
for name in ("b", "by"):  # non-zero biases, so that their gradients are tested too
    check_parameters[name] += 0.1 * np.random.randn(*check_parameters[name].shape)
check_X = [None] + [char_to_ix[ch] for ch in "trex"]
check_Y = check_X[1:] + [char_to_ix["\n"]]
check_a0 = np.random.randn(5, 1)

_, check_cache = rnn_forward(check_X, check_Y, check_a0, check_parameters)
check_gradients, _ = rnn_backward(check_X, check_Y, check_parameters, check_cache)
name_check = gradcheck.gradient_check_table(
    lambda: rnn_forward(check_X, check_Y, check_a0, check_parameters)[0],
    arrays={"d" + name: check_parameters[name] for name in ("Wax", "Waa", "Wya", "b", "by")},
    analytic_gradients=check_gradients,
)
name_check

# %%
print("all relative errors below 1e-7:", bool((name_check["relative error"] < 1e-7).all()))

# %% [markdown]
# ## Exercise: clip the gradients
#
# A recurrent network multiplies by $W_{aa}$ once per step, so its gradients can grow
# exponentially with the length of the sequence ("exploding gradients", measured in the chapter
# [Vanishing and exploding gradients](../1_from_scratch/vanishing_gradients.ipynb)), and one
# huge update can throw the parameters far away. The simplest remedy is **element-wise clipping**: every
# entry of every gradient is forced into $[-N, N]$ (here $N$ is `maxValue`). The direction of
# the update changes a little, but its size stays bounded. We clip in place: the arrays in the
# dictionary are overwritten, which costs no extra memory.

# %% nbgrader={"grade": false, "grade_id": "clip", "locked": false, "schema_version": 3, "solution": true, "task": false}
def clip(gradients, maxValue):
    """Clip every entry of every gradient to [-maxValue, maxValue], in place; return the dict."""
    ### BEGIN SOLUTION
    for gradient in gradients.values():
        gradient.clip(-maxValue, maxValue, out=gradient)
    return gradients
    ### END SOLUTION


# %% [markdown]
# The test cell of the reports, with the seed of the original exercise (`np.random.seed(3)`):

# %%
np.random.seed(3)
dWax = np.random.randn(5, 3) * 10
dWaa = np.random.randn(5, 5) * 10
dWya = np.random.randn(2, 5) * 10
db = np.random.randn(5, 1) * 10
dby = np.random.randn(2, 1) * 10
gradients = {"dWax": dWax, "dWaa": dWaa, "dWya": dWya, "db": db, "dby": dby}
gradients = clip(gradients, 10)
print("gradients['dWaa'][1][2] =", gradients["dWaa"][1][2])
print("gradients['dWax'][3][1] =", gradients["dWax"][3][1])
print("gradients['dWya'][1][2] =", gradients["dWya"][1][2])
print("gradients['db'][4] =", gradients["db"][4])
print("gradients['dby'][1] =", gradients["dby"][1])

# %% nbgrader={"grade": true, "grade_id": "test_clip", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false} tags=["hide-input"]
# Graded tests of clip (1 point). Visible: the test above (seed 3), to the printed digits, and
# the arrays of the dictionary are clipped in place. More tests run when your notebook is graded.
def test_clip_on_the_seeded_draws():
    np.random.seed(3)
    shapes = {"dWax": (5, 3), "dWaa": (5, 5), "dWya": (2, 5), "db": (5, 1), "dby": (2, 1)}
    gradients = {name: np.random.randn(*shape) * 10 for name, shape in shapes.items()}
    arrays = dict(gradients)  # the same array objects, to see that they are changed in place
    clipped = clip(gradients, 10)
    for name, array in arrays.items():
        assert np.all(np.abs(array) <= 10), f"{name} is not clipped in place"
        np.testing.assert_array_equal(clipped[name], array)
    np.testing.assert_allclose(clipped["dWaa"][1][2], 10.0, rtol=1e-12)
    np.testing.assert_allclose(clipped["dWax"][3][1], -10.0, rtol=1e-12)
    np.testing.assert_allclose(clipped["dWya"][1][2], 0.2971381536101662, rtol=1e-9)
    np.testing.assert_allclose(clipped["db"][4], [10.0], rtol=1e-12)
    np.testing.assert_allclose(clipped["dby"][1], [8.45833407], atol=1e-8)


test_clip_on_the_seeded_draws()
### BEGIN HIDDEN TESTS
def hidden_test_clip(shapes, maxValue, seed):
    """Other names, shapes and bounds: every entry clipped, in place; entries inside the bound untouched."""
    rng = np.random.default_rng(seed)
    gradients = {name: rng.normal(scale=2 * maxValue, size=shape) for name, shape in shapes.items()}
    gradients[next(iter(shapes))].flat[:2] = [maxValue, -maxValue]  # on the bound: unchanged
    before = {name: array.copy() for name, array in gradients.items()}
    arrays = dict(gradients)
    clipped = clip(gradients, maxValue)
    assert set(clipped) == set(shapes), "the same gradients, by the same names"
    for name, original in before.items():
        inside = np.abs(original) <= maxValue
        assert np.all(np.abs(arrays[name]) <= maxValue), f"{name} is not clipped in place"
        np.testing.assert_array_equal(clipped[name], arrays[name])
        np.testing.assert_array_equal(clipped[name][inside], original[inside])
        np.testing.assert_array_equal(clipped[name][~inside], maxValue * np.sign(original[~inside]))


hidden_test_clip({"dW": (3, 4), "dx": (1, 1), "db": (6, 1)}, maxValue=0.5, seed=71)
hidden_test_clip({"dWax": (50, 27), "dWaa": (50, 50), "dWya": (27, 50), "db": (50, 1), "dby": (27, 1)},
                 maxValue=5, seed=72)
### END HIDDEN TESTS

# %% [markdown]
# Every entry beyond the bound is now exactly $\pm 10$, and the others are untouched.
#
# :::{admonition} About the source report: the clip test's numbers
# :class: dropdown
# Report 000 prints other numbers for this cell (`2.429412595639908`, `2.578222094355658`,
# `-7.789418565738093`, `[3.83272006]`, `[-10.]`), because its cell has **no seed**: the
# draws depend on whatever state the random generator was in. They are a correct clipping of
# some draws, but not reproducible. To make sure they do not come from a small seed, the cell
# below searches: under none of the seeds 0 to 99,999 does the published `dWaa[1][2]` appear
# among the first 64 normal draws. So the chapter seeds the test with 3, as the original
# exercise does.
# :::

# %% tags=["hide-cell"] mystnb={"code_prompt_show": "Show the search for the seed of report 000's clip test", "code_prompt_hide": "Hide the search for the seed of report 000's clip test"}
published_dWaa_12 = 2.429412595639908
SEEDS_SEARCHED = 100_000
generator = np.random.RandomState()
matching_seeds = []
for seed in range(SEEDS_SEARCHED):
    generator.seed(seed)
    if np.any(np.abs(10 * generator.randn(64) - published_dWaa_12) < 1e-9):
        matching_seeds.append(seed)
print(f"seeds searched: 0 to {SEEDS_SEARCHED - 1:,}")
print("seeds reproducing the published dWaa[1][2]:", matching_seeds)

# %% [markdown]
# (exercise-sample)=
# ## Exercise: sample a name
#
# A trained model generates a name one character at a time:
#
# 1. Start with a zero input $x = \vec{0}$ (no character yet) and a zero hidden state.
# 2. Run one forward step to get $a^{\langle t \rangle}$ and the distribution $\hat{y}^{\langle t \rangle}$.
# 3. Draw the next character's index at random with the probabilities $\hat{y}^{\langle t \rangle}$
#    (not the most probable one: that would give the same name every time).
# 4. Feed the drawn character back in as the next one-hot input, and repeat until the newline is
#    drawn, or 50 characters have been drawn (then a newline is appended).
#
# To make the draws repeatable, the original exercise re-seeds numpy before every draw with
# `np.random.seed(counter + seed)`, and increments both `counter` and `seed` after it (so the
# $t$-th draw of a name sampled with `seed` $= s$ uses the seed $s + 2t$). We keep that
# convention: without it the published names could not be reproduced.

# %% nbgrader={"grade": false, "grade_id": "sample", "locked": false, "schema_version": 3, "solution": true, "task": false}
def sample(parameters, char_to_ix, seed):
    """Sample a sequence of character indices from the RNN, ending with the newline's index.

    parameters: dict with Waa, Wax, Wya, by, b; seed: the first seed of the draws.
    Returns the list of sampled indices (at most 50 characters, then a newline).
    """
    ### BEGIN SOLUTION
    Waa, Wax, Wya, by, b = parameters["Waa"], parameters["Wax"], parameters["Wya"], parameters["by"], parameters["b"]
    vocab_size = by.shape[0]
    n_a = Waa.shape[1]

    x = np.zeros((vocab_size, 1))  # the first input: no character yet
    a_prev = np.zeros((n_a, 1))
    indices = []
    idx = -1
    counter = 0
    newline_character = char_to_ix["\n"]

    while idx != newline_character and counter != 50:
        a = np.tanh(np.dot(Wax, x) + np.dot(Waa, a_prev) + b)
        z = np.dot(Wya, a) + by
        y = softmax(z)

        np.random.seed(counter + seed)
        idx = int(np.random.choice(vocab_size, p=y.ravel()))
        indices.append(idx)

        x = np.zeros((vocab_size, 1))  # the drawn character is the next input
        x[idx] = 1
        a_prev = a

        seed += 1
        counter += 1

    if counter == 50:
        indices.append(newline_character)
    return indices
    ### END SOLUTION


# %% [markdown]
# The reports' test: random (untrained, and unscaled) parameters with $n_a = 100$.

# %% tags=["nbval-ignore-output"]
np.random.seed(2)
_, n_a = 20, 100
Wax, Waa, Wya = np.random.randn(n_a, vocab_size), np.random.randn(n_a, n_a), np.random.randn(vocab_size, n_a)
b, by = np.random.randn(n_a, 1), np.random.randn(vocab_size, 1)
parameters = {"Wax": Wax, "Waa": Waa, "Wya": Wya, "b": b, "by": by}

indices = sample(parameters, char_to_ix, 0)
print("Sampling:")
print("list of sampled indices:", indices)
print("list of sampled characters:", [ix_to_char[i] for i in indices])

# %% nbgrader={"grade": true, "grade_id": "test_sample", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false} tags=["hide-input"]
# Graded tests of sample (3 points). Visible: the reports' test, whose first 40 indices do not
# depend on rounding (see the text below), and a name that ends with the newline. More tests run when
# your notebook is graded.
SAMPLE_TEST_CHAR_TO_IX = {ch: i for i, ch in enumerate("\nabcdefghijklmnopqrstuvwxyz")}


def test_sample_on_the_reports_draws():
    np.random.seed(2)
    n_a, vocab_size = 100, 27
    shapes = {"Wax": (n_a, vocab_size), "Waa": (n_a, n_a), "Wya": (vocab_size, n_a), "b": (n_a, 1), "by": (vocab_size, 1)}
    parameters = {name: np.random.randn(*shape) for name, shape in shapes.items()}
    indices = sample(parameters, SAMPLE_TEST_CHAR_TO_IX, 0)
    assert indices[:40] == [12, 17, 24, 14, 13, 9, 10, 22, 24, 6, 13, 11, 12, 6, 21, 15, 21, 14, 3, 2,
                            1, 21, 18, 24, 7, 25, 6, 25, 18, 10, 16, 2, 3, 8, 15, 12, 11, 7, 1, 12]
    assert indices[-1] == 0 and 0 not in indices[:-1], "the newline (index 0) ends the name, once"
    assert len(indices) <= 51, "at most 50 characters, then the newline"


test_sample_on_the_reports_draws()
### BEGIN HIDDEN TESTS
def reference_sample(parameters, newline, seed):
    """The indices and the probabilities of every draw, by the formulas of this section."""
    Wax, Waa, Wya, b, by = (parameters[name] for name in ("Wax", "Waa", "Wya", "b", "by"))
    x, a = np.zeros((len(by), 1)), np.zeros((len(Waa), 1))
    indices, probabilities = [], []
    while len(indices) < 50 and newline not in indices:
        a = np.tanh(Wax @ x + Waa @ a + b)
        scores = Wya @ a + by
        p = np.exp(scores - scores.max()) / np.exp(scores - scores.max()).sum()
        probabilities.append(p.ravel())
        np.random.seed(seed + 2 * len(indices))  # the t-th draw uses seed + 2 t
        indices.append(int(np.random.choice(len(by), p=p.ravel())))
        x = np.zeros((len(by), 1))
        x[indices[-1]] = 1
    return indices + ([] if newline in indices else [newline]), probabilities


def sample_recording_draws(parameters, char_to_ix, seed):
    """sample(...), and the probability vector of every np.random.choice it makes."""
    draws, choice = [], np.random.choice

    def recording_choice(a, size=None, replace=True, p=None):
        draws.append(np.array(p, dtype=float))
        return choice(a, size, replace, p)

    with substituted(vars(np.random), choice=recording_choice):
        indices = sample(parameters, char_to_ix, seed)
    return indices, draws


def hidden_test_sample(characters, n_a, seed, newline_bias=0.0, scale=0.5):
    """Another vocabulary (newline not at 0), size and seed: the draws, their probabilities, the end."""
    char_to_ix = {ch: i for i, ch in enumerate(characters)}
    newline, vocab_size = char_to_ix["\n"], len(characters)
    rng = np.random.default_rng(seed)
    sizes = {"Wax": (n_a, vocab_size), "Waa": (n_a, n_a), "Wya": (vocab_size, n_a), "b": (n_a, 1), "by": (vocab_size, 1)}
    parameters = {name: scale * rng.normal(size=size) for name, size in sizes.items()}
    parameters["by"][newline] += newline_bias
    parameters_before = {name: value.copy() for name, value in parameters.items()}
    indices, draws = sample_recording_draws(parameters, char_to_ix, seed)
    expected_indices, expected_probabilities = reference_sample(parameters, newline, seed)
    assert all(isinstance(i, (int, np.integer)) and 0 <= i < vocab_size for i in indices), "indices of the vocabulary"
    assert indices == expected_indices, f"expected {expected_indices}, got {indices}"
    assert indices[-1] == newline and newline not in indices[:-1], "the newline ends the name, once"
    assert len(draws) == len(expected_probabilities), "one np.random.choice(vocab_size, p=...) per character"
    for p, expected in zip(draws, expected_probabilities):
        np.testing.assert_allclose(p.sum(), 1.0, rtol=1e-12)
        np.testing.assert_allclose(p, expected, rtol=1e-9, atol=1e-15)
    assert sample(parameters, char_to_ix, seed) == indices, "the same seed gives the same name"
    for name, value in parameters_before.items():
        np.testing.assert_array_equal(parameters[name], value, err_msg=f"{name} was changed")
    return expected_indices


hidden_names = [hidden_test_sample("abc\nde", n_a=4, seed=seed, newline_bias=1.0) for seed in (0, 7, 12)]
assert len({tuple(name) for name in hidden_names}) > 1, "other seeds give other names"
hidden_test_sample("\nxyz", n_a=1, seed=3)
assert len(hidden_test_sample("ab\ncd", n_a=3, seed=5, newline_bias=-1000.0)) == 51, "50 characters, then the newline"
assert hidden_test_sample("ab\ncd", n_a=3, seed=5, newline_bias=1000.0) == [2], "a newline drawn first ends at once"
### END HIDDEN TESTS

# %% [markdown]
# The output above is not compared by the book's tests, and the graded test checks only the
# first 40 indices: these test weights are drawn from $N(0, 1)$ without the factor 0.01, so
# $W_{aa}$ (100 × 100) stretches the hidden state at every step. Such a recurrence is
# *chaotic*: a difference in the last bit of any number, the size of a rounding difference
# between two machines, grows at every step, until the characters drawn depend on the rounding
# of the machine that computes them.
#
# :::{admonition} About the source report: the 45 sampled indices
# :class: dropdown
# Report 000 prints a list of 45 indices. Its first 43 entries are the ones above; from the
# 44th on the lists differ (report 000 draws `7` and then the newline). The first cell below
# checks this.
#
# **Why the tail cannot be reproduced.** The recurrence of this test is chaotic: a difference
# in the last bit of any number grows about tenfold every three steps. To see it, the next cells
# change every entry of $b$ by one unit in the last place (`np.nextafter`, a relative change of
# about $10^{-16}$, the size of a rounding difference between two BLAS libraries) and follow
# the largest difference between the two hidden states along the characters sampled above.
# The draws themselves are seeded, so the first characters agree; but after about 40 steps
# the two hidden states have nothing in common any more, and from then on the characters
# drawn depend on the rounding of the machine that computes them. The published list parts
# from ours at entry 44, exactly where such a difference shows up.
#
# Report 000's list of sampled *characters* also has one character too many, an `i` between
# `u` and `n`, where the indices read `21, 14`: a slip of the text copy.
# :::

# %% tags=["hide-cell"] mystnb={"code_prompt_show": "Show the comparison with report 000's list", "code_prompt_hide": "Hide the comparison with report 000's list"}
published_indices = [12, 17, 24, 14, 13, 9, 10, 22, 24, 6, 13, 11, 12, 6, 21, 15, 21, 14, 3, 2, 1, 21, 18,
                     24, 7, 25, 6, 25, 18, 10, 16, 2, 3, 8, 15, 12, 11, 7, 1, 12, 10, 2, 7, 7, 0]
print("indices in report 000's list:", len(published_indices))
print("first 43 sampled indices equal report 000's:", indices[:43] == published_indices[:43])

# %% tags=["nbval-ignore-output", "hide-cell"] mystnb={"code_prompt_show": "Show the sampling with a nudged bias", "code_prompt_hide": "Hide the sampling with a nudged bias"}
def hidden_states(parameters, indices):
    """The hidden states of the sampling loop when it is fed the given characters."""
    a = np.zeros((parameters["Waa"].shape[0], 1))
    states = []
    for idx in [None] + indices[:-1]:
        x = np.zeros((vocab_size, 1))
        if idx is not None:
            x[idx] = 1
        a = np.tanh(np.dot(parameters["Wax"], x) + np.dot(parameters["Waa"], a) + parameters["b"])
        states.append(a)
    return np.array(states)


nudged = dict(parameters, b=np.nextafter(parameters["b"], np.inf))
state_difference = np.abs(hidden_states(parameters, indices) - hidden_states(nudged, indices)).max(axis=(1, 2))
nudged_indices = sample(nudged, char_to_ix, 0)
first_difference = next(i for i, (u, v) in enumerate(zip(indices, nudged_indices)) if u != v)
print("largest hidden-state difference at steps 0, 10, ..., 50:", state_difference[::10])
print("the sampled lists first differ at entry", first_difference + 1)

# %% tags=["hide-cell"] mystnb={"code_prompt_show": "Show the checks of the nudged sampling", "code_prompt_hide": "Hide the checks of the nudged sampling"}
print("below 1e-10 for the first 15 steps:", bool(state_difference[:15].max() < 1e-10))
print("above 0.01 by step 40:", bool(state_difference[40] > 0.01))
print("the nudged list still starts with the same 40 entries:", nudged_indices[:40] == indices[:40])

# %% [markdown]
# :::{admonition} About the source report: the sample code it prints
# :class: dropdown
# Report 000's printed `sample` code multiplies by the bias instead of adding it,
# `np.tanh(np.dot(Wax,x)+np.dot(Waa,a_prev)*b)`. That code cannot have produced the
# published list: run as printed (in the cell below), it departs from it at the third index.
# (Multiplying the recurrent term by $b$ entry by entry is the same as multiplying row $i$ of
# $W_{aa}$ by $b_i$ and adding no bias, so `sample` itself can run the printed code.)
# :::

# %% tags=["hide-cell"] mystnb={"code_prompt_show": "Show report 000's printed sample code at work", "code_prompt_hide": "Hide report 000's printed sample code at work"}
def sample_as_printed_in_report_000(parameters, char_to_ix, seed):
    """Report 000's printed sample(), with its `* b`: sample() with the rows of Waa scaled by b, no bias."""
    b = parameters["b"]
    return sample(dict(parameters, Waa=b * parameters["Waa"], b=np.zeros_like(b)), char_to_ix, seed)


print("first 5 indices, correct code:   ", indices[:5])
print("first 5 indices, printed code:   ", sample_as_printed_in_report_000(parameters, char_to_ix, 0)[:5])
print("first 5 indices, report 000:     ", published_indices[:5])

# %% [markdown]
# ## Exercise: one step of optimisation
#
# One step of stochastic gradient descent on one name: forward pass and loss, backward pass
# through time, clip the gradients to $[-5, 5]$, update the parameters with learning rate
# $\alpha$:
#
# $$W \leftarrow W - \alpha \, \frac{\partial \mathcal{L}}{\partial W}
# \quad \text{for } W \in \{W_{ax}, W_{aa}, W_{ya}, b, b_y\}.$$
#
# It returns the loss, the (clipped) gradients and the last hidden state, which the training
# loop passes on as the initial state of the next name.

# %% nbgrader={"grade": false, "grade_id": "optimize", "locked": false, "schema_version": 3, "solution": true, "task": false}
def optimize(X, Y, a_prev, parameters, learning_rate=0.01):
    """One step of SGD on one name; updates `parameters` in place.

    X, Y: input and target indices; a_prev: hidden state before the first step (n_a, 1).
    Returns the loss, the clipped gradients and the last hidden state (n_a, 1).
    """
    ### BEGIN SOLUTION
    loss, cache = rnn_forward(X, Y, a_prev, parameters)
    gradients, a = rnn_backward(X, Y, parameters, cache)
    gradients = clip(gradients, 5)
    parameters = update_parameters(parameters, gradients, learning_rate)
    return loss, gradients, a[len(X) - 1]
    ### END SOLUTION


# %% [markdown]
# The reports' test:

# %%
np.random.seed(1)
vocab_size, n_a = 27, 100
a_prev = np.random.randn(n_a, 1)
Wax, Waa, Wya = np.random.randn(n_a, vocab_size), np.random.randn(n_a, n_a), np.random.randn(vocab_size, n_a)
b, by = np.random.randn(n_a, 1), np.random.randn(vocab_size, 1)
parameters = {"Wax": Wax, "Waa": Waa, "Wya": Wya, "b": b, "by": by}
X = [12, 3, 5, 11, 22, 3]
Y = [4, 14, 11, 22, 25, 26]

loss, gradients, a_last = optimize(X, Y, a_prev, parameters, learning_rate=0.01)
print("Loss =", loss)
print("gradients['dWaa'][1][2] =", gradients["dWaa"][1][2])
print("np.argmax(gradients['dWax']) =", np.argmax(gradients["dWax"]))
print("gradients['dWya'][1][2] =", gradients["dWya"][1][2])
print("gradients['db'][4] =", gradients["db"][4])
print("gradients['dby'][1] =", gradients["dby"][1])
print("a_last[4] =", a_last[4])

# %% nbgrader={"grade": true, "grade_id": "test_optimize", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false} tags=["hide-input"]
# Graded tests of optimize (2 points), on the reports' draws, with a stand-in for clip that
# halves the gradients, so that they test optimize alone: a mistake in clip is not counted
# twice. The expected values come from labutils.charmodel. More tests run when your notebook
# is graded.
from labutils import charmodel


def check_optimize(X, Y, a_prev, parameters, **learning_rate):
    """Run optimize with the stand-in clip; compare with the given forward/backward and the SGD step."""
    before = {name: value.copy() for name, value in parameters.items()}
    loss, cache = charmodel.rnn_forward(X, Y, a_prev, before)
    expected_gradients, states = charmodel.rnn_backward(X, Y, before, cache)
    clip_calls = []

    def stand_in_clip(gradients, maxValue):
        """Not a clip: notes its arguments, halves every gradient in place, returns the dict."""
        clip_calls.append(({name: value.copy() for name, value in gradients.items()}, maxValue))
        for value in gradients.values():
            value *= 0.5
        return gradients

    with substituted(globals(), clip=stand_in_clip):
        result = optimize(X, Y, a_prev, parameters, **learning_rate)
    lr = learning_rate.get("learning_rate", 0.01)
    assert len(result) == 3, "returns loss, gradients, a_last"
    assert len(clip_calls) == 1 and clip_calls[0][1] == 5, "clip(gradients, 5), once"
    for name, value in expected_gradients.items():
        np.testing.assert_allclose(clip_calls[0][0][name], value, rtol=1e-10, atol=1e-12, err_msg=name)
        np.testing.assert_allclose(result[1][name], 0.5 * value, rtol=1e-10, atol=1e-12, err_msg=name)
        np.testing.assert_allclose(parameters[name[1:]], before[name[1:]] - lr * 0.5 * value,
                                   rtol=1e-10, atol=1e-12, err_msg=f"update of {name[1:]}")
    np.testing.assert_allclose(result[0], loss, rtol=1e-12)
    assert np.shape(result[2]) == a_prev.shape, "a_last has the shape of a_prev, (n_a, 1)"
    np.testing.assert_allclose(result[2], states[-1], rtol=1e-12, atol=1e-15)


def test_optimize_on_the_reports_draws():
    np.random.seed(1)
    a_prev = np.random.randn(100, 1)
    shapes = {"Wax": (100, 27), "Waa": (100, 100), "Wya": (27, 100), "b": (100, 1), "by": (27, 1)}
    parameters = {name: np.random.randn(*shape) for name, shape in shapes.items()}
    check_optimize([12, 3, 5, 11, 22, 3], [4, 14, 11, 22, 25, 26], a_prev, parameters, learning_rate=0.01)


test_optimize_on_the_reports_draws()
### BEGIN HIDDEN TESTS
def hidden_test_optimize(name, n_a, seed, **learning_rate):
    """Another name, size and seed (and the default learning rate when none is given)."""
    rng = np.random.default_rng(seed)
    shapes = {"Wax": (n_a, 27), "Waa": (n_a, n_a), "Wya": (27, n_a), "b": (n_a, 1), "by": (27, 1)}
    parameters = {key: rng.normal(size=shape) for key, shape in shapes.items()}
    X = [None] + [ord(ch) - ord("a") + 1 for ch in name]
    a_prev = rng.normal(size=(n_a, 1))
    a_prev_before = a_prev.copy()
    check_optimize(X, X[1:] + [0], a_prev, parameters, **learning_rate)
    np.testing.assert_array_equal(a_prev, a_prev_before, err_msg="a_prev was changed")


hidden_test_optimize("trex", n_a=5, seed=81, learning_rate=0.1)
hidden_test_optimize("", n_a=1, seed=82)  # one step: the zero input, then the newline
hidden_test_optimize("brachiosaurus", n_a=20, seed=83)
### END HIDDEN TESTS

# %% [markdown]
# These are the values report 000 prints (report 001 does not print this test).
#
# :::{admonition} About the source report: the last digits of the optimize test
# :class: dropdown
# Report 000 prints `Loss = 126.5039757216538`, `dWaa[1][2] = 0.19470931534716257`,
# `argmax = 93`, `dWya[1][2] = -0.007773876032002955`, `db[4] = [-0.06809825]`,
# `dby[1] = [0.01538192]`, `a_last[4] = [-1.]`. The full-precision numbers agree with the
# chapter's to 12 significant digits or more; the last digits depend on the order in which the
# BLAS library adds up the products, and this book's tests compare such numbers to 10
# significant digits.
# :::
#
# ## Exercise: the training loop
#
# The model trains on one name per iteration, in the order of a list shuffled once (after
# `np.random.seed(0)`), cycling through it; the hidden state is carried over from the end of
# one name to the start of the next, as in the original exercise. The loss it logs is not the
# loss of one name (which jumps around with the name's length) but an exponential moving
# average, $\bar{\mathcal{L}} \leftarrow 0.999\,\bar{\mathcal{L}} + 0.001\,\mathcal{L}$,
# started at the loss of a uniform guess over 7 characters, $7 \log 27 \approx 23.07$. Every
# 2,000 iterations it prints that loss and 7 names sampled with the seeds 0 to 6.

# %% nbgrader={"grade": false, "grade_id": "model", "locked": false, "schema_version": 3, "solution": true, "task": false}
def model(data, ix_to_char, char_to_ix, num_iterations=35000, n_a=50, dino_names=7, vocab_size=27,
          log_every=2000, initial_parameters=None):
    """Train the character-level RNN on the names in `data` (one per line) with SGD.

    Prints the smoothed loss and `dino_names` sampled names every `log_every` iterations
    (never if None). The parameters start from initialize_parameters(), or from a copy of
    `initial_parameters` if given. Returns the learned parameters, the smoothed loss of
    every iteration (an array) and the sampled names (a dict: iteration -> list of names).
    """
    ### BEGIN SOLUTION
    n_x, n_y = vocab_size, vocab_size
    if initial_parameters is None:
        parameters = initialize_parameters(n_a, n_x, n_y)
    else:
        parameters = {name: value.copy() for name, value in initial_parameters.items()}
    loss = get_initial_loss(vocab_size, dino_names)

    examples = [line.strip() for line in data.lower().split("\n")]
    np.random.seed(0)
    np.random.shuffle(examples)

    a_prev = np.zeros((n_a, 1))
    smoothed_losses = np.zeros(num_iterations)
    samples = {}
    for j in tqdm(range(num_iterations), desc="training", mininterval=1):
        index = j % len(examples)
        X = [None] + [char_to_ix[ch] for ch in examples[index]]
        Y = X[1:] + [char_to_ix["\n"]]

        curr_loss, gradients, a_prev = optimize(X, Y, a_prev, parameters, learning_rate=0.01)
        loss = smooth(loss, curr_loss)
        smoothed_losses[j] = loss

        if log_every and j % log_every == 0:
            print("Iteration: %d, Loss: %f" % (j, loss) + "\n")
            samples[j] = []
            for seed in range(dino_names):
                sampled_indices = sample(parameters, char_to_ix, seed)
                print_sample(sampled_indices, ix_to_char)
                samples[j].append(format_sample(sampled_indices, ix_to_char).strip())
            print("\n")

    return parameters, smoothed_losses, samples
    ### END SOLUTION


# %% [markdown]
# Train for 35,000 iterations (nearly twenty-three passes over the 1,536 names), as in the reports.
# The progress bar shows while it runs; the log is the one the reports print.

# %% tags=["nbval-ignore-output", "remove-stderr"]
parameters, smoothed_losses, samples = model(text, ix_to_char, char_to_ix)

# %% nbgrader={"grade": true, "grade_id": "test_model", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false} tags=["hide-input"]
# Graded tests of model (3 points). They run your loop for a few iterations on four names, with
# stand-ins for optimize and sample whose results are easy to predict, so that they test the
# loop alone (the order of the names, the hidden state carried over, the smoothed loss, when
# and with which seeds it samples, the log), and take no time. More tests run when your
# notebook is graded.
import contextlib
import io

from labutils import charmodel

MODEL_TEST_CHARACTERS = "\nabcdefghijklmnopqrstuvwxyz"
MODEL_TEST_CHAR_TO_IX = {ch: i for i, ch in enumerate(MODEL_TEST_CHARACTERS)}


def run_model_with_stand_ins(data, **options):
    """model(data, ...) with the stand-ins; returns its results, their calls and the printed log."""
    calls = {"optimize": [], "sample": []}

    def stand_in_optimize(X, Y, a_prev, parameters, learning_rate=0.01):
        """Not SGD: notes its arguments, adds 1 to by[0], returns loss len(X) and a_prev + 1."""
        calls["optimize"].append((X, Y, a_prev.copy(), {k: v.copy() for k, v in parameters.items()}, learning_rate))
        parameters["by"][0, 0] += 1
        return float(len(X)), {}, a_prev + 1

    def stand_in_sample(parameters, char_to_ix, seed):
        """Not a sample: the name is the letter number `seed` ('a' for 0); notes by[0]."""
        calls["sample"].append((seed, parameters["by"][0, 0]))
        return [char_to_ix["a"] + seed, char_to_ix["\n"]]

    log = io.StringIO()
    with substituted(globals(), optimize=stand_in_optimize, sample=stand_in_sample), \
            contextlib.redirect_stdout(log), contextlib.redirect_stderr(io.StringIO()):
        results = model(data, dict(enumerate(MODEL_TEST_CHARACTERS)), MODEL_TEST_CHAR_TO_IX, **options)
    return results, calls, log.getvalue()


def check_model_loop(data, order, num_iterations, n_a, dino_names, log_every, initial_parameters=None):
    """order: the names of data, stripped and lower-cased, as np.random.seed(0); np.random.shuffle order them."""
    options = dict(num_iterations=num_iterations, n_a=n_a, dino_names=dino_names, log_every=log_every)
    if initial_parameters is not None:
        start = {name: value.copy() for name, value in initial_parameters.items()}
        options["initial_parameters"] = initial_parameters
    else:
        start = charmodel.initialize_parameters(n_a, 27, 27)
    (parameters, smoothed_losses, samples), calls, log = run_model_with_stand_ins(data, **options)

    assert len(calls["optimize"]) == num_iterations, "one call of optimize per iteration"
    for name, value in calls["optimize"][0][3].items():
        np.testing.assert_array_equal(value, start[name], err_msg=f"initial {name}")
    loss = charmodel.get_initial_loss(27, dino_names)
    expected_losses, expected_samples, expected_log, expected_sample_calls = [], {}, [], []
    for j, (X, Y, a_prev, seen_parameters, learning_rate) in enumerate(calls["optimize"]):
        name = order[j % len(order)]
        assert X == [None] + [MODEL_TEST_CHAR_TO_IX[ch] for ch in name], f"iteration {j}: X of {name!r}"
        assert Y == X[1:] + [0], f"iteration {j}: Y of {name!r}"
        np.testing.assert_array_equal(a_prev, np.full((n_a, 1), float(j)), err_msg="the hidden state carried over")
        assert seen_parameters["by"][0, 0] == start["by"][0, 0] + j, "the same parameters at every iteration"
        assert learning_rate == 0.01
        loss = charmodel.smooth(loss, len(X))
        expected_losses.append(loss)
        if j in (range(0, num_iterations, log_every) if log_every else []):
            expected_samples[j] = [chr(ord("A") + seed) for seed in range(dino_names)]
            expected_log += ["Iteration: %d, Loss: %f" % (j, loss)] + expected_samples[j]
            expected_sample_calls += [(seed, start["by"][0, 0] + j + 1) for seed in range(dino_names)]
    np.testing.assert_allclose(smoothed_losses, expected_losses, rtol=1e-12, err_msg="the smoothed losses")
    assert samples == expected_samples
    assert calls["sample"] == expected_sample_calls, "sampled with seeds 0, 1, ... after the update"
    assert [line for line in log.splitlines() if line.strip()] == expected_log
    assert parameters["by"][0, 0] == start["by"][0, 0] + num_iterations, "returns the trained parameters"
    if initial_parameters is not None:
        for name, value in start.items():
            np.testing.assert_array_equal(initial_parameters[name], value, err_msg="initial_parameters was changed")


check_model_loop("Trex\nabc\nXY\nqqqq", ["xy", "qqqq", "abc", "trex"], num_iterations=5, n_a=4, dino_names=3,
                 log_every=2)
### BEGIN HIDDEN TESTS
check_model_loop("Brachiosaurus\n  Eoraptor \nzby", ["zby", "eoraptor", "brachiosaurus"], num_iterations=9, n_a=2,
                 dino_names=7, log_every=4,
                 initial_parameters={name: np.full(shape, 0.5) for name, shape in
                                     {"Wax": (2, 27), "Waa": (2, 2), "Wya": (27, 2), "b": (2, 1), "by": (27, 1)}.items()})
check_model_loop("mei", ["mei"], num_iterations=3, n_a=3, dino_names=2, log_every=None)
check_model_loop("ab\ncd", ["cd", "ab"], num_iterations=4, n_a=1, dino_names=1, log_every=1)
### END HIDDEN TESTS

# %% [markdown]
# (log-reproducible)=
# ### Which lines of the log are reproducible
#
# At iteration 0 the names are strings of random letters; after 2,000 iterations they have
# vowels and endings such as "-saurus", and the later blocks look more and more like dinosaur
# names. The first two blocks (iterations 0 and 2,000) are the reports' to the last digit and
# letter. The later ones are not, and cannot be: training one name at a time for thousands of
# iterations is chaotic, like the sampling loop of the {ref}`sample test <exercise-sample>`,
# only slower. Two runs that differ only in the rounding of one operation part ways after some
# thousands of iterations, and which way a run goes depends on the machine. What does not
# depend on the path is the level the loss settles at, which the {ref}`loss curve
# <loss-curve>` below checks.
#
# :::{admonition} About the source report: which lines of the training log can be reproduced
# :class: dropdown
# The first two blocks of the log are printed in both reports. Report 001's text has them
# exactly as above; report 000's text copy garbles several names (`Nkzxwtdmfqoeyhsqwasjkjv`,
# `Hmndaairus`, `Hytrologoraurus`, `Abalpsamantaisurus` and a last name cut to `T`) but has
# the same losses. The first cell below compares them with report 001, to the last printed
# digit and letter.
#
# Report 001 also prints the blocks of iterations 32,000 and 34,000; ours differ (the second
# cell). Thirty thousand iterations of SGD form a chaotic system: a rounding difference in one
# step changes the parameters a little, the difference grows, and after some ten thousand
# iterations the run follows another path. Which path is decided by the rounding of the machine
# (its BLAS library, its vector instructions), so no implementation can promise the published
# late names, or ours on another machine. The tests therefore check the late log with a
# tolerance: the smoothed losses at 32,000 and 34,000 iterations within 0.4 of the published
# ones (the third cell).
#
# The experiment that shows the chaos, run here: train again with every initial weight of
# $W_{aa}$ changed by one unit in the last place, and compare with the run above. To save time
# it stops at 20,000 iterations. The two runs agree to 6 decimals up to iteration 2,000, then
# part ways; the last cell prints where.
# :::

# %% tags=["hide-cell"] mystnb={"code_prompt_show": "Show the log compared with report 001", "code_prompt_hide": "Hide the log compared with report 001"}
published_log = {  # report 001, Fig. 35 and 36
    0: ("23.087336", ["Nkzxwtdmfqoeyhsqwasjkjvu", "Kneb", "Kzxwtdmfqoeyhsqwasjkjvu", "Neb",
                      "Zxwtdmfqoeyhsqwasjkjvu", "Eb", "Xwtdmfqoeyhsqwasjkjvu"]),
    2000: ("27.884160", ["Liusskeomnolxeros", "Hmdaairus", "Hytroligoraurus", "Lecalosapaus",
                         "Xusicikoraurus", "Abalpsamantisaurus", "Tpraneronxeros"]),
    32000: ("22.408924", ["Meutosaurus", "Jrabainopeirus", "Kusrochenorontosaurus", "Macaisina",
                          "Wurodonthauroroclimisaurus", "Eg", "Trodonti"]),
    34000: ("22.523032", ["Mawrosaurus", "Inee", "Iustodon", "Mabaeosaurus",
                          "Wusiaggnhaurosaurus", "Eg", "Stichaniangosaurus"]),
}
for iteration in (0, 2000):
    published_loss, published_names = published_log[iteration]
    print("Iteration: %d, Loss: %f" % (iteration, smoothed_losses[iteration]))
    print("\n".join(samples[iteration]))
    print("identical to report 001:",
          "%f" % smoothed_losses[iteration] == published_loss and samples[iteration] == published_names)
    print()

# %% tags=["nbval-ignore-output", "hide-cell"] mystnb={"code_prompt_show": "Show the late log beside report 001's", "code_prompt_hide": "Hide the late log beside report 001's"}
late_log = pd.DataFrame(
    [(iteration, float(published_log[iteration][0]), smoothed_losses[iteration],
      ", ".join(published_log[iteration][1]), ", ".join(samples[iteration]))
     for iteration in (32000, 34000)],
    columns=["iteration", "report 001 loss", "this chapter's loss", "report 001 names", "this chapter's names"],
).set_index("iteration")
late_log

# %% tags=["hide-cell"] mystnb={"code_prompt_show": "Show the check of the late log", "code_prompt_hide": "Hide the check of the late log"}
for iteration in (32000, 34000):
    close = abs(smoothed_losses[iteration] - float(published_log[iteration][0])) < 0.4
    print(f"iteration {iteration}: smoothed loss within 0.4 of report 001's:", close)

# %% tags=["nbval-ignore-output", "remove-stderr", "hide-cell"] mystnb={"code_prompt_show": "Show the training with nudged initial weights", "code_prompt_hide": "Hide the training with nudged initial weights"}
nudged_parameters = initialize_parameters(50, vocab_size, vocab_size)
nudged_parameters["Waa"] = np.nextafter(nudged_parameters["Waa"], np.inf)
_, nudged_losses, nudged_samples = model(text, ix_to_char, char_to_ix, num_iterations=20000,
                                         initial_parameters=nudged_parameters)

# %% tags=["hide-cell"] mystnb={"code_prompt_show": "Show the checks of the two runs", "code_prompt_hide": "Hide the checks of the two runs"}
loss_gap = np.abs(nudged_losses - smoothed_losses[:20000])
first_log_difference = next(j for j in sorted(nudged_samples) if nudged_samples[j] != samples[j])
print("smoothed losses equal to 6 decimals up to iteration 2,000:", bool(loss_gap[:2001].max() < 1e-6))
print("sampled names differ by iteration 20,000:", first_log_difference < 20000)

# %% tags=["nbval-ignore-output", "hide-cell"] mystnb={"code_prompt_show": "Show where the two runs part ways", "code_prompt_hide": "Hide where the two runs part ways"}
print("largest loss difference up to iteration 2,000:", loss_gap[:2001].max())
print("first iteration where the smoothed losses differ by more than 1e-6:", int(np.argmax(loss_gap > 1e-6)))
print("first logged iteration where the sampled names differ:", first_log_difference)

# %% [markdown]
# (loss-curve)=
# ## The loss curve, and perplexity
#
# The smoothed loss starts at the guess $7 \log 27 \approx 23.07$, rises while the average
# catches up with the real loss of a name (about 13 characters, not 7, at first close to
# $\log 27 \approx 3.3$ nats each), then falls as the model learns; it levels off around 22.3
# nats per name. Report 001's four published values sit on or near the curve.

# %%
fig, ax = plt.subplots(figsize=(8, 4))
ax.plot(np.arange(len(smoothed_losses)), smoothed_losses, label="this chapter")
ax.scatter(list(published_log), [float(loss) for loss, _ in published_log.values()],
           color="C3", zorder=3, label="report 001")
ax.set_xlabel("iteration (one name each)")
ax.set_ylabel("smoothed loss (nats per name)")
ax.set_title("Training the character-level RNN on dinosaur names")
ax.legend()
plt.show()

# %% [markdown]
# A loss per name grows with the length of the names. Divided by the number $N$ of characters
# predicted (the letters and the final newline of every name) it becomes the mean
# cross-entropy per character $H$, and its exponential is the **perplexity**,
# $\text{perplexity} = e^{H}$ with $H = -\frac{1}{N} \sum_{t=1}^{N} \log \hat{y}^{\langle t \rangle}_{Y[t]}$.
# A model that spreads its probability evenly over $k$ characters, the right one among them,
# has $H = \log k$ and perplexity $k$; so perplexity reads as the number of characters the model
# hesitates between: 27 for the uniform guess, 1 for a model that is always sure and right.
# It is the same measurement as the cross-entropy on a scale easier to picture, and the usual
# way to report a language model. For the training run above (approximate: the smoothed loss
# is a running average over roughly the last thousand names):

# %% tags=["nbval-ignore-output"]
characters_per_name = np.mean([len(line.strip()) + 1 for line in text.split("\n")])
final_per_character = smoothed_losses[-1] / characters_per_name
print(f"final smoothed loss: {smoothed_losses[-1]:.2f} nats per name")
print(f"per character: {final_per_character:.2f} nats, perplexity {np.exp(final_per_character):.1f}")

# %%
print(f"characters per name, newline included: {characters_per_name:.2f}")
print("final smoothed loss within 22.3 +- 0.4:", abs(smoothed_losses[-1] - 22.3) < 0.4)
print("perplexity per character between 5.4 and 5.8:", 5.4 < np.exp(final_per_character) < 5.8)

# %% [markdown]
# After training, the model is about as uncertain about the next character as a choice among
# five or six equally likely characters, against 27 for the uniform guess. The smoothed loss
# measures names the model trains on, with a hidden state carried over from the name before;
# a fair measure of a language model is its perplexity on names it has never seen, each
# started from a zero state, which the {ref}`held-out comparison <held-out-comparison>` at the
# end of the chapter computes.

# %% [markdown]
# ## Names from the trained model
#
# Seven names sampled with seeds 0 to 6 after the last iteration:

# %% tags=["nbval-ignore-output"]
for seed in range(7):
    print_sample(sample(parameters, char_to_ix, seed), ix_to_char)

# %% [markdown]
# The sampling convention has a side effect worth noticing. The $t$-th draw of a name sampled
# with seed $s$ uses numpy seed $s + 2t$, so the name with seed $s + 2$ reuses the random
# numbers of the name with seed $s$ from its second character on. For an untrained model,
# whose predictions hardly depend on the input, the same random numbers give the same
# characters: that is why the names at iteration 0 are suffixes of one another
# (`Nkzxwtdmfqoeyhsqwasjkjvu`, `Kzxwtdmfqoeyhsqwasjkjvu`, `Zxwtdmfqoeyhsqwasjkjvu`,
# `Xwtdmfqoeyhsqwasjkjvu`, and `Kneb`, `Neb`, `Eb`). For statistics over many names we use
# seeds 100 apart, which share no random numbers (a name uses at most 50 draws).
#
# How original are the names? Of 300 names, we count those that are in the training list,
# and those that end in "saurus":

# %%
def sample_names(parameters, count):
    """`count` names sampled with the seeds 0, 100, 200, ... (no shared random numbers)."""
    return [format_sample(sample(parameters, char_to_ix, 100 * k), ix_to_char).strip() for k in range(count)]


training_names = {line.strip() for line in text.split("\n")}
names = sample_names(parameters, 300)
share_copied = np.mean([name.lower() in training_names for name in names])
share_saurus = np.mean([name.endswith("saurus") for name in names])

# %% tags=["nbval-ignore-output"]
print(f"copied from the training list: {share_copied:.1%}; ending in 'saurus': {share_saurus:.1%}")

# %%
share_saurus_in_training = np.mean([line.strip().endswith("saurus") for line in text.split("\n")])
print(f"training names ending in 'saurus': {share_saurus_in_training:.1%}")
print("fewer than 5% copied:", share_copied < 0.05, "| between 30% and 60% end in 'saurus':", 0.3 < share_saurus < 0.6)

# %% [markdown]
# Almost all names are new, and the share ending in "saurus" is close to the share in the
# training list, 46.4%: the model has learnt how common the ending is. (The bands of the check
# are wide because the names depend on the path the training takes, which differs from one
# machine to another.)
#
# ## Sampling temperature
#
# Dividing the output scores by a **temperature** $T$ before the softmax,
# $\hat{y} = \operatorname{softmax}\left((W_{ya} a + b_y) / T\right)$, sharpens the
# distribution for $T < 1$ (the model picks its favourite characters more often) and
# flattens it for $T > 1$ (more surprising choices). Since the scores are linear in $W_{ya}$
# and $b_y$, sampling at temperature $T$ is the same as sampling from a model whose output
# layer is divided by $T$, so `sample` can be reused unchanged:

# %%
def at_temperature(parameters, temperature):
    """A copy of the parameters whose output layer is divided by the temperature."""
    return dict(parameters, Wya=parameters["Wya"] / temperature, by=parameters["by"] / temperature)


temperature_names = {temperature: sample_names(at_temperature(parameters, temperature), 300)
                     for temperature in (0.5, 1.0, 1.5)}

# %% tags=["nbval-ignore-output"]
for temperature in (0.5, 1.5):
    print(f"T = {temperature}:", ", ".join(temperature_names[temperature][:8]))
temperature_table = pd.DataFrame({
    "mean length": {T: np.mean([len(n) for n in names]) for T, names in temperature_names.items()},
    "ending in 'saurus'": {T: np.mean([n.endswith("saurus") for n in names]) for T, names in temperature_names.items()},
    "copied from training list": {T: np.mean([n.lower() in training_names for n in names])
                                  for T, names in temperature_names.items()},
}).rename_axis("temperature")
temperature_table.round(3)

# %% [markdown]
# At $T = 0.5$ the model plays safe: most names end in "saurus", and more of them are copies
# of real names. At $T = 1.5$ the names get longer and stranger. The checks (robust to the
# machine's training path):

# %%
share = temperature_table["ending in 'saurus'"]
print("more 'saurus' endings at T = 0.5 than at 1.0, and at 1.0 than at 1.5:", share[0.5] > share[1.0] > share[1.5])
print("longer names at T = 1.5 than at T = 0.5:",
      temperature_table["mean length"][1.5] > temperature_table["mean length"][0.5])

# %% [markdown]
# (held-out-comparison)=
# ## Held-out cross-entropy and perplexity: numpy RNN, Keras SimpleRNN, LSTM and GRU
#
# The smoothed training loss says how well the model fits the names it trains on. To measure
# how well it predicts names it has **never seen**, we hold out a tenth of the names (a seeded
# random split), train on the rest, and report the **cross-entropy per character** $H$ on the
# held-out names: the average of $-\log \hat{y}_{\text{true next character}}$ over all their
# characters, newlines included, in nats (lower is better; $\log 27 \approx 3.30$ is a uniform
# guess), and beside it the perplexity $e^{H}$. Every held-out name starts from a zero hidden
# state, as in sampling.
#
# Two simple baselines tell us what the number means: the **uniform** guess, and a **bigram**
# model that predicts the next character from the current one only (counts from the training
# names, plus one for every pair so that no probability is zero).

# %%
split_generator = np.random.default_rng(0)
all_names = [line.strip() for line in text.split("\n")]
order = split_generator.permutation(len(all_names))
n_validation = len(all_names) // 10
validation_names = [all_names[i] for i in order[:n_validation]]
train_names = [all_names[i] for i in order[n_validation:]]
print(len(train_names), "training names,", len(validation_names), "held-out names")


def name_to_XY(name):
    """Input and target indices of one name, as in the training loop."""
    X = [None] + [char_to_ix[ch] for ch in name]
    return X, X[1:] + [char_to_ix["\n"]]


def rnn_cross_entropy(parameters, names):
    """Cross-entropy per character (nats) of the numpy RNN, each name from a zero state."""
    total_loss, total_characters = 0.0, 0
    for name in names:
        X, Y = name_to_XY(name)
        loss, _ = rnn_forward(X, Y, np.zeros((parameters["Waa"].shape[0], 1)), parameters)
        total_loss += loss
        total_characters += len(Y)
    return total_loss / total_characters


def bigram_cross_entropy(train_names, names):
    """Cross-entropy per character of an add-one bigram model fitted on train_names."""
    start = vocab_size  # an extra row for "no character yet"
    counts = np.ones((vocab_size + 1, vocab_size))
    for name in train_names:
        X, Y = name_to_XY(name)
        for x, y in zip(X, Y):
            counts[start if x is None else x, y] += 1
    log_probabilities = np.log(counts / counts.sum(axis=1, keepdims=True))
    pairs = [(start if x is None else x, y) for name in names for x, y in zip(*name_to_XY(name))]
    return -np.mean([log_probabilities[x, y] for x, y in pairs])


# %% [markdown]
# The numpy RNN is trained exactly as above (35,000 iterations, now about twenty-five passes
# over the 1,383 training names), without the log:

# %% tags=["nbval-ignore-output", "remove-stderr"]
rnn_parameters, _, _ = model("\n".join(train_names), ix_to_char, char_to_ix, log_every=None)

# %% [markdown]
# The Keras models get the same task and the same hidden size, 50 units: a character
# embedding (16 numbers per character; index 0 is kept for padding, 28 marks the start of a
# name), one recurrent layer returning a state at every step, and a `Dense` layer with the 27
# scores. The names are padded to a common length, and a sample weight of 0 keeps the padding
# out of the loss. They train with Adam (learning rate 0.01), batches of 128 names, for 20
# epochs. Besides the LSTM and the GRU we train a `SimpleRNN`, the same cell as the numpy
# model: it tells apart what the gated cells bring from what the training brings.

# %% tags=["remove-stderr"]
import keras

print("keras", keras.__version__)

PAD, START = 0, vocab_size + 1
max_length = max(len(name) for name in all_names) + 1


def encode(names):
    """Padded inputs (character index + 1, START first), targets and sample weights."""
    inputs = np.full((len(names), max_length), PAD, dtype="int32")
    targets = np.zeros((len(names), max_length), dtype="int32")
    weights = np.zeros((len(names), max_length), dtype="float32")
    for row, name in enumerate(names):
        _, Y = name_to_XY(name)
        inputs[row, : len(Y)] = [START] + [y + 1 for y in Y[:-1]]
        targets[row, : len(Y)] = Y
        weights[row, : len(Y)] = 1
    return inputs, targets, weights


def build_model(recurrent_layer, units=50):
    """Embedding -> one recurrent layer (all steps) -> Dense scores over the characters."""
    model = keras.Sequential([
        keras.Input(shape=(None,), dtype="int32"),
        keras.layers.Embedding(vocab_size + 2, 16, mask_zero=True),
        recurrent_layer(units, return_sequences=True),
        keras.layers.Dense(vocab_size),
    ])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    return model


def keras_cross_entropy(model, names):
    """Cross-entropy per character (nats) of a Keras model on the given names."""
    inputs, targets, weights = encode(names)
    scores = keras.ops.convert_to_numpy(model(inputs, training=False))
    log_probabilities = scores - scores.max(axis=-1, keepdims=True)
    log_probabilities -= np.log(np.exp(log_probabilities).sum(axis=-1, keepdims=True))
    target_log_probabilities = np.take_along_axis(log_probabilities, targets[..., np.newaxis], axis=-1)[..., 0]
    return -(target_log_probabilities * weights).sum() / weights.sum()


train_inputs, train_targets, train_weights = encode(train_names)
keras_models = {}
for recurrent_layer in (keras.layers.SimpleRNN, keras.layers.LSTM, keras.layers.GRU):
    repro.seed_everything(0)
    keras_models[recurrent_layer.__name__] = model_ = build_model(recurrent_layer)
    model_.fit(train_inputs, train_targets, sample_weight=train_weights, batch_size=128, epochs=20, verbose=0)

# %% [markdown]
# The table: number of parameters, cross-entropy per character (nats) on the training names
# and on the held-out names, and the perplexity on the held-out names.

# %% tags=["nbval-ignore-output"]
def count_rnn_parameters(parameters):
    return sum(value.size for value in parameters.values())


comparison = pd.DataFrame(
    [
        ("uniform guess", 0, np.log(vocab_size), np.log(vocab_size)),
        ("bigram counts", (vocab_size + 1) * vocab_size,
         bigram_cross_entropy(train_names, train_names), bigram_cross_entropy(train_names, validation_names)),
        ("numpy RNN (SGD)", count_rnn_parameters(rnn_parameters),
         rnn_cross_entropy(rnn_parameters, train_names), rnn_cross_entropy(rnn_parameters, validation_names)),
    ]
    + [(f"Keras {name} (Adam)", model_.count_params(),
        keras_cross_entropy(model_, train_names), keras_cross_entropy(model_, validation_names))
       for name, model_ in keras_models.items()],
    columns=["model", "parameters", "training names", "held-out names"],
).set_index("model")
comparison["held-out perplexity"] = np.exp(comparison["held-out names"])
comparison.round(3)

# %% [markdown]
# Keras training is bit-for-bit repeatable on one machine, but not across processors, and the
# numpy RNN follows a machine-dependent path (see {ref}`which lines of the log are reproducible
# <log-reproducible>`); the table above is therefore not compared by the tests. These checks
# are: the held-out cross-entropies against the values measured on the book's reference
# machine, with the tolerance the checks print, and the order of the models:

# %%
reference_held_out = {"bigram counts": 2.176, "numpy RNN (SGD)": 1.839, "Keras SimpleRNN (Adam)": 1.686,
                      "Keras LSTM (Adam)": 1.655, "Keras GRU (Adam)": 1.663}
held_out = comparison["held-out names"]
for name, reference in reference_held_out.items():
    print(f"{name}: held-out cross-entropy within 0.06 of {reference}:", abs(held_out[name] - reference) < 0.06)
keras_names = ["Keras SimpleRNN (Adam)", "Keras LSTM (Adam)", "Keras GRU (Adam)"]
keras_rnn, keras_gated = held_out[keras_names[0]], held_out[keras_names[1:]]
print("every recurrent model beats the bigram baseline:",
      held_out["bigram counts"] > held_out[["numpy RNN (SGD)"] + keras_names].max())
print("the Keras models beat the numpy RNN:", held_out[keras_names].max() < held_out["numpy RNN (SGD)"])
print("the Keras SimpleRNN is closer to the gated cells than to the numpy RNN:",
      keras_rnn - keras_gated.mean() < held_out["numpy RNN (SGD)"] - keras_rnn)

# %% [markdown]
# Three differences read from the table: the size of each model against the numpy RNN, how
# much better each does on its training names than on the held-out ones, and how much the
# gated cells gain over the Keras `SimpleRNN`:

# %% tags=["nbval-ignore-output"]
size_ratio = comparison["parameters"] / comparison.loc["numpy RNN (SGD)", "parameters"]
generalisation_gap = comparison["held-out names"] - comparison["training names"]
for name in ["numpy RNN (SGD)"] + keras_names:
    print(f"{name}: {size_ratio[name]:.2f} times the numpy RNN's parameters;",
          f"held-out minus training: {generalisation_gap[name]:.2f} nats per character")
for name in keras_names[1:]:
    print(f"{name}: {keras_rnn - held_out[name]:.3f} nats per character below the SimpleRNN held out")

# %% [markdown]
# What the table says:
#
# * All the recurrent models beat the bigram model by a wide margin: the names have
#   structure beyond pairs of letters (endings such as "-saurus", "-don", "-raptor"), and the
#   hidden state carries it.
# * In perplexity: the uniform guess hesitates between 27 characters, the bigram model between
#   about 8.8, the numpy RNN about 6.2, the Keras models 5.2 to 5.4.
# * The Keras models, with the same 50 hidden units, predict held-out names clearly better
#   than the numpy RNN. Most of that gap is the **training**, not the cell: the Keras
#   `SimpleRNN`, the numpy model's own cell with slightly fewer parameters (5191 against 5277,
#   since it reads an embedding of 16 numbers per character instead of the 27-wide one-hot
#   vector), trained with Adam on batches of 128 names, closes most of it. The exercise's
#   recipe (plain SGD with a fixed learning rate, one name at a time, a hidden state carried
#   over from one name to the next) is the weaker part. The gates add a smaller gain on top,
#   0.031 nats per character for the LSTM and 0.023 for the GRU here; one training run per
#   model cannot tell whether another seed would keep it. Plausibly it is small because names
#   of a dozen characters need little of the long-range memory an LSTM is built for.
# * Every model does better on its training names than on the held-out ones: by 0.10 nats per
#   character for the numpy RNN, 0.13 for the Keras SimpleRNN, 0.17 for the LSTM and 0.23 for
#   the GRU. The gated models, with 2.89 (LSTM) and 2.28 (GRU) times the numpy RNN's
#   parameters, on 1,383 short names, begin to memorise; the SimpleRNN's gap, wider than the
#   numpy RNN's with slightly fewer parameters, shows that the training with Adam fits the
#   training names more closely too. Dropout or early stopping on a separate validation set
#   would be the next steps.
#
# (summary-of-published-values)=
# ## Summary of published values
#
# | value | report 000 (section 4.2) | report 001 (section 3.2) | this chapter |
# |---|---|---|---|
# | data: 19909 characters, 27 unique; `ix_to_char` | printed | code only | reproduced |
# | `clip` test | printed, unseeded cell: not reproducible (no seed 0 to 99,999 gives it) | not printed | seeded with 3, as in the original exercise |
# | `sample` test | 45 indices | not printed | first 43 reproduced; the tail depends on rounding (chaotic test weights); the printed code (`* b`) gives another list |
# | `optimize` test | all values | not printed | reproduced (12 or more significant digits) |
# | log at iterations 0 and 2,000 | losses right, several names garbled by the text copy | exact | reproduced exactly |
# | log at iterations 32,000 and 34,000 | not printed | printed | not reproducible (chaotic training); losses within 0.4 |
#
# Other errors in the printed code of the reports, none of which affects their printed output:
# report 000's `model` reads `dinosaurs.txt` while its data cell reads `dinos.txt`, and its
# sampling block lost its indentation (as printed it would sample seven names at every
# iteration, not every 2,000); its text says names are sampled "every 100 steps" and "10"
# at a time, the code does 7 every 2,000. The original exercise's `model` takes the text as
# an argument `data` and then ignores it, reading the file again; ours uses its argument, which
# is what lets the {ref}`held-out comparison <held-out-comparison>` train on the training names only. Report 001's printed code is
# largely unreadable OCR.
#
# ## Discussion
#
# * A correct implementation with the original conventions reproduces every deterministic
#   number in the reports; the ones it cannot reproduce are explained by an unseeded cell, a
#   bug in printed code that was not the code that ran, and chaos: two computations that
#   differ only in rounding part ways, in 40 steps for the unscaled test weights of `sample`
#   and in roughly ten thousand iterations for the training run. A reproducible book must say
#   *which* digits of such a computation mean something, and test those with a tolerance.
# * The seeding convention of `sample` (seed $s + 2t$ for draw $t$) makes the names
#   repeatable, but also correlated: names sampled with seeds two apart share their random
#   numbers. Fine for a test, misleading for statistics over many names.
# * **Limitations.** The held-out comparison is one split and one training run per model, on
#   a small data set (153 held-out names): differences of a few hundredths of a nat, such as
#   the one between the LSTM and the GRU, may not survive another seed. The numpy RNN keeps the exercise's choices (plain
#   SGD, a hidden state carried across names, element-wise clipping at 5), which are not the
#   best ones; it is there to be understood, not to win.
