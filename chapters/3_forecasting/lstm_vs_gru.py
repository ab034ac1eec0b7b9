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
# # LSTM against GRU, on equal terms
#
# **Objective.** The sources rank the two gated cells with confidence. Report 002 says that
# GRUs "may train a bit faster or need less data to generalize. But, with large data, the
# LSTMs with higher expressiveness may lead to better results", that "GRUs are easier to train
# than LSTMs", and, from its IBM forecasts, "So, GRU works better than LSTM in this case";
# report 004 says that GRUs "have been shown to exhibit better performance on certain smaller
# and less frequent datasets". The [IBM chapter](forecast_ibm.ipynb) showed that report 002's
# ranking compared two setups that differ in optimizer and batch size as well as in the cell,
# from one run of each. This chapter compares the cells and nothing else: the same data,
# optimizer, learning rate, batch size, epochs and early stopping rule for both; equal unit
# counts, and separately equal parameter counts; five seeds; two tasks (the memory task of
# the [memory-over-lags chapter](../1_from_scratch/memory_over_lags.ipynb) and IBM's daily
# high), each on a small and a large slice of its training data; and training time per epoch
# measured side by side. Each claim ends with a number and a verdict.
#
# Symbols and shapes: see the [notation page](../../notation.md).
#
# **Sources.** Report 002 (the IBM notebook), its GRU section and its conclusion; report 004,
# its GRU paragraph.

# %% tags=["remove-stderr"]
import time

from labutils import repro

repro.use_single_thread()  # before TensorFlow is imported: repeatable training

import keras
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import tensorflow as tf
from scipy import stats

import labutils
from labutils import checks, diagrams, forecast, precomputed
from labutils.data import load_prices

tf.get_logger().setLevel("ERROR")
print("labutils", labutils.__version__, "| keras", keras.__version__)

# %% [markdown]
# **Your functions from earlier chapters.** This chapter builds the memory task with the
# `make_recall_task` you wrote in the [memory-over-lags
# chapter](../1_from_scratch/memory_over_lags.ipynb), and IBM's windows and persistence
# forecast with the `make_windows`, `test_windows` and `persistence_forecast` of the
# [TATA chapter](forecast_tata.ipynb). Paste yours into the next two cells, in place of what
# is there (those chapters' tests tell you whether they work). The graded tests of this
# chapter do not use them.

# %% nbgrader={"grade": false, "grade_id": "from_memory_over_lags", "locked": false, "schema_version": 3, "solution": true, "task": false}
### BEGIN SOLUTION
def make_recall_task(n, k, n_symbols, rng):
    """n sequences of k + 1 one-hot symbols, X (n, k + 1, n_symbols) float32, and y (n,): the first symbol."""
    symbols = rng.integers(n_symbols, size=(n, k + 1))
    X = np.eye(n_symbols, dtype="float32")[symbols]
    return X, symbols[:, 0]
### END SOLUTION


# %% nbgrader={"grade": false, "grade_id": "from_forecast_tata", "locked": false, "schema_version": 3, "solution": true, "task": false}
### BEGIN SOLUTION
def make_windows(values, window):
    """Cut a series into input windows and next-day targets.

    values: 1-D, oldest-first, n values. Window i holds values[i : i + window] and its target
    is values[i + window]. Returns X of shape (n - window, window, 1) and y of shape
    (n - window,). Raises ValueError when n <= window (no window would have a target).
    """
    values = np.asarray(values, dtype="float64")
    n_windows = len(values) - window
    if n_windows < 1:
        raise ValueError(f"{len(values)} values give no window of {window} days with a target")
    X = np.array([values[i : i + window] for i in range(n_windows)])
    y = values[window:].copy()
    return X.reshape(n_windows, window, 1), y


def test_windows(train_values, test_values, window):
    """One input window per test day, reaching back into the training days.

    Both series 1-D, oldest-first. The window of test day j holds the `window` values just
    before it: the last training values, then the test values before day j. Returns X of
    shape (len(test_values), window, 1) and y = the test values. Raises ValueError when
    there are fewer than `window` training values.
    """
    train_values = np.asarray(train_values, dtype="float64")
    if len(train_values) < window:
        raise ValueError(f"{len(train_values)} training values are too few for windows of {window} days")
    inputs = np.concatenate([train_values[-window:], np.asarray(test_values, dtype="float64")])
    return make_windows(inputs, window)


def persistence_forecast(train_values, test_values):
    """Tomorrow = today: for each test day, the value of the day before.

    Both series 1-D, oldest-first; the first test day gets the last training value.
    Returns a 1-D array as long as test_values.
    """
    known = np.concatenate([np.asarray(train_values, dtype="float64")[-1:],
                            np.asarray(test_values, dtype="float64")])
    return known[:-1]
### END SOLUTION


# %% [markdown]
# (lvg-sizes)=
# ## Two cells, two ways to make them the same size
#
# The LSTM cell ([LSTM backward chapter](../1_from_scratch/lstm_backward.ipynb)) has a hidden
# state and a memory cell, and four blocks of weights: the forget, input and output gates and
# the candidate. The GRU ([GRU backward chapter](../1_from_scratch/gru_backward.ipynb)) has
# one state and three blocks: the update and reset gates and the candidate.

# %% mystnb={"image": {"alt": "The LSTM cell. Along the top, the memory cell c(t-1) is multiplied by the forget gate, then the update gate times the candidate memory is added, giving c(t). Below, the three sigmoid gates (forget, update, output) and the tanh candidate all read the previous hidden state a(t-1) and the input x(t); the new hidden state a(t) is the output gate times tanh(c(t))."}} tags=["remove-input"]
diagrams.show("lstm_cell")

# %% mystnb={"image": {"alt": "The GRU cell as keras.layers.GRU(reset_after=False) computes it. The reset gate scales the previous state a(t-1) before the tanh candidate reads it together with the input x(t); the new state a(t) keeps the update gate's share of a(t-1) and takes the rest, 1 minus the update gate, from the candidate."}} tags=["remove-input"]
diagrams.show("gru_cell")

# %% [markdown]
# Each block of a layer with $n$ units reading $d$ inputs has a kernel ($n \times d$), a
# recurrent kernel ($n \times n$) and a bias. The diagram draws the original GRU
# (`reset_after=False`); Keras's `GRU` layer, used in this chapter, defaults to
# `reset_after=True`, which applies the reset gate after the product with the old state and
# keeps a second bias per block for that product (the [notation page](../../notation.md)
# writes both). So the layers have
#
# $$P_\text{LSTM}(n, d) = 4\,(n d + n^2 + n), \qquad P_\text{GRU}(m, d) = 3\,(m d + m^2 + 2m)$$
#
# parameters. Keras counts the same:

# %%
def layer_parameters(cell, units, input_dim):
    """Keras's own count of one recurrent layer's parameters."""
    layer = {"LSTM": keras.layers.LSTM, "GRU": keras.layers.GRU}[cell](units)
    layer.build((None, 5, input_dim))
    return layer.count_params()


for n, d in [(16, 4), (32, 1)]:
    print(f"n = m = {n}, d = {d}: LSTM {4 * (n * d + n**2 + n)} (Keras {layer_parameters('LSTM', n, d)}), "
          f"GRU {3 * (n * d + n**2 + 2 * n)} (Keras {layer_parameters('GRU', n, d)})")

# %% [markdown]
# At equal units the GRU is about three quarters of the LSTM's size. "GRUs have
# fewer parameters", as report 002 says, is then true by construction, and a GRU that beats an
# LSTM of the same width has also done it with fewer weights; a GRU that loses may have lost
# for lack of them. So the comparison is made twice: at equal units, LSTM($n$) against
# GRU($n$), and at (nearly) equal parameters, LSTM($n$) against GRU($m$) with $m$ the width
# whose GRU layer comes closest to the LSTM layer's count.
#
# **Exercise: the matching width.** Write `matched_gru_units(lstm_units, input_dim)`: the
# number of GRU units $m$ whose layer (Keras, `reset_after=True`) has the parameter count
# nearest to that of an LSTM layer of `lstm_units` units on `input_dim` inputs; on a tie, the
# smaller $m$. Return a Python `int`.

# %% nbgrader={"grade": false, "grade_id": "matched_gru_units", "locked": false, "schema_version": 3, "solution": true, "task": false}
def matched_gru_units(lstm_units, input_dim):
    """The GRU width (reset_after=True) whose layer's parameter count is nearest an LSTM layer's."""
    ### BEGIN SOLUTION
    target = 4 * (lstm_units * input_dim + lstm_units**2 + lstm_units)
    widths = np.arange(1, 2 * lstm_units + 2)
    counts = 3 * (widths * input_dim + widths**2 + 2 * widths)
    return int(widths[np.argmin(np.abs(counts - target))])
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_matched_gru_units", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false} tags=["hide-input"]
# Graded tests of matched_gru_units (2 points). Visible: the two widths of this chapter, and
# the counts Keras gives for them. More tests run when your notebook is graded.
assert matched_gru_units(16, 4) == 18
assert matched_gru_units(32, 1) == 37
assert isinstance(matched_gru_units(16, 4), int)
assert abs(layer_parameters("GRU", 18, 4) - layer_parameters("LSTM", 16, 4)) < abs(layer_parameters("GRU", 19, 4) - layer_parameters("LSTM", 16, 4))
### BEGIN HIDDEN TESTS
def hidden_matched_width(n, d):
    """Brute force over widths, Keras's counts; the smaller width on a tie."""
    lstm = 4 * n * (n + d + 1)
    best = None
    for m in range(1, 3 * n + 3):
        gap = abs(3 * m * (m + d + 2) - lstm)
        if best is None or gap < best[0]:
            best = (gap, m)
    return best[1]


for n, d in [(1, 1), (2, 3), (8, 1), (50, 1), (64, 10), (100, 300)]:
    assert matched_gru_units(n, d) == hidden_matched_width(n, d), (n, d)
assert layer_parameters("GRU", 3, 2) == 3 * 3 * (3 + 2 + 2)
### END HIDDEN TESTS

# %%
MEMORY_UNITS, IBM_UNITS = 16, 32
for task, n, d in [("memory task", MEMORY_UNITS, 4), ("IBM", IBM_UNITS, 1)]:
    m = matched_gru_units(n, d)
    counts = {f"LSTM({n})": layer_parameters("LSTM", n, d), f"GRU({n})": layer_parameters("GRU", n, d),
              f"GRU({m})": layer_parameters("GRU", m, d)}
    print(f"{task} (d = {d}): recurrent-layer parameters", counts,
          f"| GRU({m}) / LSTM({n}): {counts[f'GRU({m})'] / counts[f'LSTM({n})']:.3f}")

# %% [markdown]
# (lvg-protocol)=
# ## One protocol for every contender
#
# Every model is one recurrent layer followed by a Dense output layer. Every contender, on
# both tasks, is trained the same way:
#
# * Adam with learning rate 0.01, batches of 32, at most 30 epochs;
# * early stopping on the validation loss with a patience of 15 epochs, the best weights
#   restored; the validation set is the last fifth of the training slice (Keras's
#   `validation_split`, which takes it before shuffling), so for IBM it is the most recent
#   fifth of the training windows;
# * the same training slice for the three contenders at a given seed, the seed fixing the
#   initial weights and the order of the batches.
#
# The patience is long because the memory task, as the memory-over-lags chapter found, keeps
# its loss on a plateau at chance for many epochs before a run escapes it, and a short
# patience would end runs that are still on the plateau. One rule for all means the same long
# patience for IBM, where it only costs time.

# %%
LEARNING_RATE = 0.01
BATCH_SIZE = 32
MAX_EPOCHS = 30
PATIENCE = 15
VALIDATION_SHARE = 0.2
SEEDS = [0, 1, 2, 3, 4]


def build_contender(task, cell, units, steps, input_dim):
    """One recurrent layer then Dense, compiled with the protocol's optimizer (call after seeding)."""
    layer = {"LSTM": keras.layers.LSTM, "GRU": keras.layers.GRU}[cell](units)
    if task == "memory":
        head, loss, metrics = keras.layers.Dense(N_SYMBOLS, activation="softmax"), "sparse_categorical_crossentropy", ["accuracy"]
    else:
        head, loss, metrics = keras.layers.Dense(1), "mse", []
    model = keras.Sequential([keras.Input((steps, input_dim)), layer, head])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=LEARNING_RATE), loss=loss, metrics=metrics)
    return model


def train_contender(model, X, y):
    """Fit with the protocol (early stopping on the last share of the slice); return the History."""
    stop = keras.callbacks.EarlyStopping(monitor="val_loss", patience=PATIENCE, restore_best_weights=True)
    return model.fit(X, y, epochs=MAX_EPOCHS, batch_size=BATCH_SIZE, validation_split=VALIDATION_SHARE,
                     callbacks=[stop], verbose=0)


# %% [markdown]
# (lvg-tasks)=
# ## The two tasks, each on a small and a large slice
#
# **The memory task** is the memory-over-lags chapter's: one symbol out of four at step 0,
# then $k$ distractors, and the network must name the first symbol. We take the lag
# $k = 20$, where that chapter found the answer not trivial: there, with 16 units and
# 30 epochs, every GRU run solved it and no LSTM run did. Each seed draws 2000 training
# sequences (the large slice) and 1000 test sequences; the small slice is the first 250 of
# the 2000, so that its validation fifth still holds 50 sequences. The score is the test
# accuracy (chance: 0.25).
#
# **IBM** is the IBM chapter's data: the daily high, training days up to 2016, test days in
# 2017, a MinMax scaler fitted on the training days, windows of 60 days, and the target the
# next day's scaled high, as report 002 predicts it. The large slice is every training window;
# the small slice is the most recent 500 windows, about two years of trading days (its
# validation fifth, 100 windows, is the most recent months of 2016). The score is the test
# RMSE in USD, and its ratio to persistence (tomorrow's high = today's): below 1 beats it.

# %%
LAG = 20
N_SYMBOLS = 4
MEMORY_TRAIN = {"small": 250, "large": 2000}
MEMORY_TEST = 1000
WINDOW = 60
TEST_START = "2017-01-01"
IBM_SMALL = 500


def memory_data(seed, size):
    """Training slice (the first `size` of the seed's 2000 sequences) and test set of the memory task."""
    rng = np.random.default_rng([seed, LAG])
    (X_train, y_train) = make_recall_task(MEMORY_TRAIN["large"], LAG, N_SYMBOLS, rng)
    test = make_recall_task(MEMORY_TEST, LAG, N_SYMBOLS, rng)
    return (X_train[:size], y_train[:size]), test


prices = load_prices("IBM_2006-01-01_to_2018-01-01.csv", columns=["High"])
train, test = forecast.chronological_split(prices, TEST_START)
train_high, test_high = train["High"].to_numpy(), test["High"].to_numpy()
scaler = forecast.fit_scaler(train_high)
scaled_train, scaled_test = forecast.scale(scaler, train_high), forecast.scale(scaler, test_high)
X_ibm, y_ibm = make_windows(scaled_train, WINDOW)
X_ibm_test, _ = test_windows(scaled_train, scaled_test, WINDOW)
previous = persistence_forecast(train_high, test_high)
persistence_rmse = forecast.forecast_metrics(test_high, previous, previous)["RMSE"]
ibm_slices = {"small": (X_ibm[-IBM_SMALL:], y_ibm[-IBM_SMALL:]), "large": (X_ibm, y_ibm)}

(X_small, _), (X_memory_test, _) = memory_data(0, MEMORY_TRAIN["small"])
slice_sizes = {"memory": MEMORY_TRAIN, "IBM": {name: len(X) for name, (X, _) in ibm_slices.items()}}
for task, sizes in slice_sizes.items():
    print(f"{task}: training slices {sizes}, of which validation (the last fifth)",
          {name: int(size * VALIDATION_SHARE) for name, size in sizes.items()})
print("test sets: memory", X_memory_test.shape, "| IBM", X_ibm_test.shape)
print(f"IBM small slice: targets from {train.index[-IBM_SMALL]:%Y-%m-%d} to {train.index[-1]:%Y-%m-%d}")
print(f"IBM persistence RMSE on the 2017 test days: {persistence_rmse:.3f} USD")

# %%
CONTENDERS = {
    "memory": {f"LSTM({MEMORY_UNITS})": ("LSTM", MEMORY_UNITS), f"GRU({MEMORY_UNITS})": ("GRU", MEMORY_UNITS),
               f"GRU({matched_gru_units(MEMORY_UNITS, N_SYMBOLS)})": ("GRU", matched_gru_units(MEMORY_UNITS, N_SYMBOLS))},
    "ibm": {f"LSTM({IBM_UNITS})": ("LSTM", IBM_UNITS), f"GRU({IBM_UNITS})": ("GRU", IBM_UNITS),
            f"GRU({matched_gru_units(IBM_UNITS, 1)})": ("GRU", matched_gru_units(IBM_UNITS, 1))},
}


def run_contender(task, slice_name, cell, units, seed):
    """Train one contender from one seed on one slice; return its test score and epochs run."""
    if task == "memory":
        (X, y), (X_test, y_test) = memory_data(seed, MEMORY_TRAIN[slice_name])
        shape = (LAG + 1, N_SYMBOLS)
    else:
        X, y = ibm_slices[slice_name]
        shape = (WINDOW, 1)
    repro.seed_everything(seed)
    model = build_contender(task, cell, units, *shape)
    history = train_contender(model, X, y)
    result = {"epochs run": len(history.history["loss"])}
    if task == "memory":
        result["test accuracy"] = model.evaluate(X_test, y_test, verbose=0)[1]
    else:
        predicted = forecast.predict_prices(model, X_ibm_test, scaler)
        result["test RMSE"] = forecast.forecast_metrics(test_high, predicted, previous)["RMSE"]
        result["RMSE / persistence"] = result["test RMSE"] / persistence_rmse
    return result


print({task: list(names) for task, names in CONTENDERS.items()})

# %% [markdown]
# (lvg-page-run)=
# ## Training on the page: seed 0, the small slices
#
# The full study, five seeds of every contender on both slices of both tasks, takes longer
# than a page may; it comes from a file in [the next section](lvg-study). The page trains
# seed 0 of the small slices itself, the six runs below, with the code above.

# %% tags=["nbval-ignore-output"]
page_rows = []
for task, contenders in CONTENDERS.items():
    for name, (cell, units) in contenders.items():
        page_rows.append({"task": task, "contender": name, **run_contender(task, "small", cell, units, 0)})
page = pd.DataFrame(page_rows).set_index(["task", "contender"])
print(page.round(3).to_string())

# %% [markdown]
# The study's script, `tools/lstm_vs_gru_runs.py`, holds copies of the functions above (a
# test holds them equal), and on the machine that wrote the file the page's runs are its
# seed-0 runs, digit for digit. The check allows for another CPU. An IBM score must lie
# within 5 % (relative) of the stored seed-0 score. A memory run is a knife edge: whether it
# escapes its plateau at chance in time can turn on the last bit of the float rounding, so
# it is compared by its outcome, as in the [memory chapter](lags-page-run): where the five
# seeds of the file agree (all solved, all at chance), the page's run must have their
# outcome; where they disagree, it must lie within their range, widened by the margin.

# %%
SOLVED, MARGIN, CHANCE = 0.9, 0.05, 1 / N_SYMBOLS
study = precomputed.read("lstm_vs_gru.csv")
small = study[study["slice"] == "small"]
stored = small[small["seed"] == 0].set_index(["task", "contender"])
for (task, name), row in page.iterrows():
    if task == "memory":
        seeds = small[(small["task"] == task) & (small["contender"] == name)]["test accuracy"]
        checks.check_against_seeds(f"{task} {name}", row["test accuracy"], seeds, CHANCE, SOLVED, MARGIN)
    else:
        table = pd.DataFrame({"test RMSE": [row["test RMSE"]]}, index=[f"{task} {name}"])
        checks.check_against_reference(table, f"{task} {name}", {"test RMSE": round(stored.loc[(task, name), "test RMSE"], 4)},
                                       tolerance=0.05)

# %% [markdown]
# (lvg-study)=
# ## The study: five seeds, two slices, two tasks
#
# ```{note}
# **Precomputed.** This section reads `data/precomputed/lstm_vs_gru.csv`, written by
# `.venv/bin/python tools/lstm_vs_gru_runs.py` (one TensorFlow thread; resumable: rows
# already in the file are skipped). Each row is one contender trained on one slice of one
# task from one seed, with the code of this page.
# ```
#
# The command that wrote it, the number of runs, and their cost in CPU seconds (training
# only, from the file):

# %%
with open(precomputed.PRECOMPUTED_DIR / "lstm_vs_gru.csv") as f:
    print(f.readline().strip())
print(len(study), "runs:", study.groupby(["task", "slice"]).ngroups, "task slices x",
      study.groupby("task")["contender"].nunique().iloc[0], "contenders x", study["seed"].nunique(), "seeds")
print(f"training CPU seconds: {study['training CPU s'].sum():.0f} in all "
      f"({study['training CPU s'].sum() / 60:.1f} minutes), "
      f"{study['training CPU s'].min():.1f} to {study['training CPU s'].max():.1f} per run")

# %% [markdown]
# The scores, mean and standard deviation over the five seeds, with the range:

# %%
SCORE = {"memory": "test accuracy", "ibm": "test RMSE"}
ORDER = {task: list(names) for task, names in CONTENDERS.items()}


def score_table(task):
    rows = study[study["task"] == task]
    table = rows.groupby(["slice", "contender"])[SCORE[task]].agg(["mean", "std", "min", "max"])
    table["epochs run (mean)"] = rows.groupby(["slice", "contender"])["epochs run"].mean()
    if task == "ibm":
        table["mean / persistence"] = table["mean"] / persistence_rmse
    return table.reindex(pd.MultiIndex.from_product([["small", "large"], ORDER[task]]))


print("memory task, test accuracy (chance 0.25)")
print(score_table("memory").round(3).to_string())
print()
print(f"IBM, test RMSE in USD (persistence {persistence_rmse:.3f})")
print(score_table("ibm").round(3).to_string())

# %%
fig, axes = plt.subplots(1, 2, figsize=(11, 4.2))
for ax, task in zip(axes, CONTENDERS):
    rows = study[study["task"] == task]
    for s, slice_name in enumerate(["small", "large"]):
        for c, name in enumerate(ORDER[task]):
            x = s * 4 + c
            values = rows[(rows["slice"] == slice_name) & (rows["contender"] == name)][SCORE[task]]
            ax.scatter(np.full(len(values), x) + np.linspace(-0.15, 0.15, len(values)), values,
                       color=f"C{c}", alpha=0.6, s=18, label=name if s == 0 else None)
            ax.hlines(values.mean(), x - 0.3, x + 0.3, color=f"C{c}", linewidth=2.5)
    ax.set_xticks([1, 5], ["small slice", "large slice"])
    if task == "memory":
        ax.axhline(1 / N_SYMBOLS, color="gray", linestyle="--", label="chance")
        ax.set_ylabel("test accuracy")
        ax.set_title(f"Memory task, lag {LAG}")
    else:
        ax.axhline(persistence_rmse, color="gray", linestyle="--", label="persistence")
        ax.set_ylabel("test RMSE (USD)")
        ax.set_title("IBM daily high, 2017")
    ax.legend(fontsize=8)
fig.suptitle("Each seed's score (dots) and the mean over the seeds (bars)")
plt.show()

# %% [markdown]
# (lvg-paired)=
# ## Is the difference larger than the seed spread?
#
# At a given seed the three contenders see the same data, so we compare them seed by seed:
# the paired difference $\delta_s = \text{score}_\text{GRU}(s) - \text{score}_\text{LSTM}(s)$
# for each seed $s$. Over $S$ seeds its mean $\bar\delta$, standard deviation $s_\delta$ and
# standard error $s_\delta / \sqrt{S}$ say how large the difference is and how much the seeds
# move it. Our rule: the difference counts when $|\bar\delta|$ exceeds **two standard
# errors**, about the paired $t$ test's 5 % level for many seeds and a little more lenient for
# five (where the two-sided 5 % level of $t$ with 4 degrees of freedom is 2.78, the $p$ value
# printed alongside). With five seeds this can detect only large, consistent differences: a
# difference that does not count is not shown to be absent.
#
# **Exercise: the paired difference.** Write `paired_difference(lstm_scores, gru_scores)`:
# from two equally long sequences of scores, seed by seed, return a dict with the keys
# `"mean"` (of GRU minus LSTM), `"std"` (the sample standard deviation of the differences,
# with $S - 1$ in the denominator), `"standard error"` and `"exceeds spread"` (a Python
# `bool`: $|\bar\delta|$ greater than two standard errors). Raise `ValueError` when the
# lengths differ or there are fewer than two seeds.

# %% nbgrader={"grade": false, "grade_id": "paired_difference", "locked": false, "schema_version": 3, "solution": true, "task": false}
def paired_difference(lstm_scores, gru_scores):
    """Mean, std, standard error of GRU - LSTM seed by seed, and whether |mean| > 2 standard errors."""
    ### BEGIN SOLUTION
    lstm_scores, gru_scores = np.asarray(lstm_scores, dtype="float64"), np.asarray(gru_scores, dtype="float64")
    if lstm_scores.shape != gru_scores.shape or lstm_scores.size < 2:
        raise ValueError("need two equally long score lists of at least two seeds")
    delta = gru_scores - lstm_scores
    spread = delta.std(ddof=1)
    error = spread / np.sqrt(delta.size)
    return {"mean": delta.mean(), "std": spread, "standard error": error,
            "exceeds spread": bool(abs(delta.mean()) > 2 * error)}
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_paired_difference", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false} tags=["hide-input"]
# Graded tests of paired_difference (2 points). Visible: an example worked out by hand.
# More tests run when your notebook is graded.
worked = paired_difference([1.0, 2.0, 3.0], [2.0, 4.0, 3.0])  # differences 1, 2, 0
np.testing.assert_allclose(worked["mean"], 1.0)
np.testing.assert_allclose(worked["std"], 1.0)
np.testing.assert_allclose(worked["standard error"], 1 / np.sqrt(3))
assert worked["exceeds spread"] is False
### BEGIN HIDDEN TESTS
def hidden_paired(lstm, gru):
    d = [g - l for l, g in zip(lstm, gru)]
    mean = sum(d) / len(d)
    sd = (sum((x - mean) ** 2 for x in d) / (len(d) - 1)) ** 0.5
    return mean, sd, sd / len(d) ** 0.5


rng_hidden = np.random.default_rng(11)
for size, shift in [(2, 0.0), (5, 3.0), (5, -3.0), (30, 0.1), (4, 0.0)]:
    lstm_h = rng_hidden.normal(size=size)
    gru_h = lstm_h + shift + rng_hidden.normal(scale=0.5, size=size)
    result = paired_difference(list(lstm_h), tuple(gru_h))
    mean, sd, se = hidden_paired(lstm_h, gru_h)
    np.testing.assert_allclose([result["mean"], result["std"], result["standard error"]], [mean, sd, se], rtol=1e-10)
    assert result["exceeds spread"] is bool(abs(mean) > 2 * se)
assert paired_difference([0.0, 0.0, 0.0], [1.0, 1.1, 0.9])["exceeds spread"] is True
assert paired_difference([1.0, 0.0], [0.0, 1.0])["exceeds spread"] is False
for bad in [([1.0, 2.0], [1.0]), ([1.0], [2.0])]:
    try:
        paired_difference(*bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"no ValueError for {bad}")
### END HIDDEN TESTS

# %% [markdown]
# For each task and slice, both GRUs against the LSTM. For the memory task a positive
# difference favours the GRU (higher accuracy); for IBM a negative one does (lower RMSE). The
# GRU "wins" a seed when its score is the better one.

# %%
paired_rows = []
for task in CONTENDERS:
    lstm_name, *gru_names = ORDER[task]
    better = 1 if task == "memory" else -1
    for slice_name in ["small", "large"]:
        rows = study[(study["task"] == task) & (study["slice"] == slice_name)]
        by_seed = rows.pivot(index="seed", columns="contender", values=SCORE[task])
        for gru_name in gru_names:
            result = paired_difference(by_seed[lstm_name], by_seed[gru_name])
            paired_rows.append({
                "task": task, "slice": slice_name, "comparison": f"{gru_name} - {lstm_name}",
                "mean": result["mean"], "std": result["std"], "2 SE": 2 * result["standard error"],
                "GRU wins": f"{int((better * (by_seed[gru_name] - by_seed[lstm_name]) > 0).sum())} of {len(by_seed)}",
                "exceeds spread": result["exceeds spread"],
                "paired t p": stats.ttest_rel(by_seed[gru_name], by_seed[lstm_name]).pvalue})
paired = pd.DataFrame(paired_rows).set_index(["task", "slice", "comparison"])
print(paired.round(3).to_string())
print(f"(two-sided 5 % critical value of t with {len(SEEDS) - 1} degrees of freedom: "
      f"{stats.t.ppf(0.975, len(SEEDS) - 1):.2f}; a fair coin wins {len(SEEDS)} of {len(SEEDS)} "
      f"once in {2 ** len(SEEDS)} tries)")

# %% [markdown]
# **What the paired differences say.**
#
# * **Memory task, small slice: the LSTM is better**, against both GRUs. With 250
#   sequences the LSTM reaches a mean test accuracy of 0.903, the GRUs 0.400 (equal units)
#   and 0.300 (equal parameters); the differences, -0.503 and -0.603, exceed two standard
#   errors (0.367 and 0.183). The first is borderline by the $t$ test ($p$ = 0.052).
# * **Memory task, large slice: the GRU is better**, the other way round: 0.854 and 1.000
#   against the LSTM's 0.395, differences of +0.459 and +0.605 against two standard errors of
#   0.234 and 0.097. The equal-parameter GRU(18) solved the task from every seed.
# * **IBM, small slice: the GRU is better**: mean RMSE 1.642 and 1.619 USD against the
#   LSTM's 2.450, differences of -0.808 and -0.831 USD, two standard errors 0.253 and 0.260.
# * **IBM, large slice: no difference beyond the seed spread.** The GRUs' means are lower
#   (differences -0.236 and -0.261 USD) and the GRU is the better cell at each of the five
#   seeds, but one bad LSTM run, at 2.446 USD, carries most of the mean difference (the
#   LSTM's standard deviation is 0.352), and two standard errors are 0.332 and 0.331. Five
#   wins out of five is itself no proof: a fair coin does that once in 32 tries, so a
#   sign test would not count it either.
# * **Against persistence, every IBM contender loses on average.** Persistence scores
#   1.539 USD; the best mean, GRU(37) on the large slice, is 1.025 times that, and the LSTM on
#   the small slice 1.592 times. Whatever the ranking of the cells, neither has learnt
#   anything about tomorrow's high that "tomorrow = today" does not already know.
#
# The two tasks disagree: on the memory task the better cell changes with the amount of data,
# in the direction opposite to the sources' claim; on IBM the GRU is better on the small slice
# and not shown better on the large one. Five seeds decide large differences only, and the
# memory task is a task of luck, each run either escaping its plateau at chance or not (the
# per-seed dots above), so its means move by a lot with one run.
#
# (lvg-time)=
# ## Training time per epoch, side by side
#
# Timings on this machine vary from run to run, and more when another program runs beside
# them, so a timing is only worth comparing with one taken at the same moment. The page
# trains the three contenders of each task in alternation, one epoch each in turn, on the
# large slice (after one untimed epoch each, which traces the graph), and keeps each
# contender's fastest epoch in CPU seconds (`time.process_time`: time spent waiting for the
# CPU does not count, and the fastest epoch is the one least disturbed by other programs):

# %% tags=["nbval-ignore-output"]
TIMED_EPOCHS = 3


def time_side_by_side(task, X, y, shape):
    """The fastest epoch, in CPU seconds, of each of the task's contenders, trained in alternation."""
    models = {}
    for name, (cell, units) in CONTENDERS[task].items():
        repro.seed_everything(0)
        models[name] = build_contender(task, cell, units, *shape)
        models[name].fit(X, y, epochs=1, batch_size=BATCH_SIZE, verbose=0)  # traces the graph
    seconds = {name: [] for name in models}
    for _ in range(TIMED_EPOCHS):
        for name, model in models.items():
            start = time.process_time()
            model.fit(X, y, epochs=1, batch_size=BATCH_SIZE, verbose=0)
            seconds[name].append(time.process_time() - start)
    return pd.Series({name: min(s) for name, s in seconds.items()})


(X_large, y_large), _ = memory_data(0, MEMORY_TRAIN["large"])
side_by_side = {"memory": time_side_by_side("memory", X_large, y_large, (LAG + 1, N_SYMBOLS)),
                "ibm": time_side_by_side("ibm", X_ibm, y_ibm, (WINDOW, 1))}
for task, seconds in side_by_side.items():
    lstm_name = ORDER[task][0]
    print(f"{task}: fastest epoch, CPU seconds", seconds.round(3).to_dict(),
          "| / LSTM:", (seconds / seconds[lstm_name]).round(2).to_dict())

# %% [markdown]
# Those numbers change from run to run (a GRU may come out faster in one run and slower in
# the next when the machine is busy), so they are a measurement to look at, not a result the
# tests check. The result comes from the study's file, where every run recorded its training
# CPU seconds per epoch, over all its epochs and five seeds. The file's epochs also hold the
# validation pass and, spread over the run, the first epoch's graph tracing, the same work
# for every cell, which dilutes the ratio:

# %%
per_epoch = study.groupby(["task", "slice", "contender"])["CPU s per epoch"].median()
file_ratios = {}
for task in CONTENDERS:
    lstm_name = ORDER[task][0]
    large = per_epoch[task, "large"]
    file_ratios[task] = (large / large[lstm_name]).reindex(ORDER[task])
    print(f"{task}, large slice: median CPU seconds per epoch (file)", large.reindex(ORDER[task]).round(3).to_dict(),
          "| / LSTM:", file_ratios[task].round(2).to_dict())
for task in CONTENDERS:
    for name in ORDER[task][1:]:
        print(f"{task}: {name} slower per epoch than {ORDER[task][0]} in the file:",
              bool(file_ratios[task][name] > 1))

# %% [markdown]
# **The GRU is not faster here.** At equal units it has three blocks of weights to the
# LSTM's four, yet on this CPU, with Keras's layers on one thread, an epoch of GRU(32) on
# IBM's windows takes 1.10 times the CPU time of LSTM(32), and GRU(16) on the memory task
# 1.06 times LSTM(16) (the file's medians; the page's own side-by-side run, above, varies
# from run to run and is not part of the verdict). We did not measure
# where the time goes; one possible reason is that with layers this small each step costs
# more in its many small operations than in arithmetic, and the GRU with `reset_after=True`
# has no fewer of those. On another
# machine, another backend or a GPU (where Keras can call cuDNN's fused kernels) the ratio may
# differ: this is one measurement on one CPU.
#
# (lvg-claims)=
# ## The claims, one by one
#
# The table collects, for each claim of the sources, the number this chapter measured and
# the verdict by the rule above (a difference counts when it exceeds two standard errors of
# the paired differences over five seeds).

# %%
def verdict(result, gru_better, gru_should_win):
    """The verdict on a claim from a paired comparison: holds, does not hold, or not shown."""
    if not result["exceeds spread"]:
        return "not shown: within the seed spread"
    return "holds" if gru_better == gru_should_win else "does not hold: the opposite is measured"


def paired_claim(claim, source, task, slice_name, gru_should_win):
    """One row of the claims table per GRU of a task and slice, from the paired table above."""
    rows = []
    flat = paired.reset_index()
    for _, row in flat[(flat["task"] == task) & (flat["slice"] == slice_name)].iterrows():
        comparison = row["comparison"]
        unit = "accuracy" if task == "memory" else "USD"
        gru_better = (row["mean"] > 0) == (task == "memory")
        rows.append({"claim": claim, "source": source, "task, slice": f"{task}, {slice_name}",
                     "measured (GRU - LSTM, mean of 5 seeds)": f"{comparison}: {row['mean']:+.3f} {unit} "
                                                                f"(2 SE {row['2 SE']:.3f}), GRU wins {row['GRU wins']}",
                     "verdict": verdict(row, gru_better, gru_should_win)})
    return rows


claims = []
for task, d in [("memory", N_SYMBOLS), ("ibm", 1)]:
    lstm_name, gru_name, _ = ORDER[task]
    n = CONTENDERS[task][lstm_name][1]
    ratio = layer_parameters("GRU", n, d) / layer_parameters("LSTM", n, d)
    claims.append({"claim": "GRUs 'have fewer parameters'", "source": "002", "task, slice": f"{task}, -",
                   "measured (GRU - LSTM, mean of 5 seeds)": f"parameters {gru_name} / {lstm_name}: {ratio:.2f}",
                   "verdict": "holds (at equal units)" if ratio < 1 else "does not hold"})
for task in CONTENDERS:
    lstm_name, gru_name, _ = ORDER[task]
    ratio = per_epoch[task, "large", gru_name] / per_epoch[task, "large", lstm_name]
    claims.append({"claim": "GRUs 'may train a bit faster'", "source": "002", "task, slice": f"{task}, large",
                   "measured (GRU - LSTM, mean of 5 seeds)": f"CPU s per epoch {gru_name} / {lstm_name}: {ratio:.2f}",
                   "verdict": "holds" if ratio < 1 else "does not hold: the GRU is slower per epoch"})
memory_runs = study[study["task"] == "memory"].assign(solved=lambda t: (t["test accuracy"] >= SOLVED).astype(float))
solved = memory_runs.pivot_table(index=["slice", "seed"], columns="contender", values="solved")
for gru_name in ORDER["memory"][1:]:
    result = paired_difference(solved[ORDER["memory"][0]], solved[gru_name])
    claims.append({"claim": "GRUs 'are easier to train than LSTMs'", "source": "002", "task, slice": "memory, both",
                   "measured (GRU - LSTM, mean of 5 seeds)": f"runs solving the task (>= {SOLVED}) of {len(solved)}: "
                                                              f"{gru_name} {solved[gru_name].sum():.0f}, "
                                                              f"{ORDER['memory'][0]} {solved[ORDER['memory'][0]].sum():.0f}",
                   "verdict": verdict(result, result["mean"] > 0, gru_should_win=True)})
for task in CONTENDERS:
    claims += paired_claim("GRUs 'need less data to generalize', are better 'on certain smaller ... datasets'",
                           "002, 004", task, "small", gru_should_win=True)
for task in CONTENDERS:
    claims += paired_claim("'with large data, the LSTMs ... may lead to better results'", "002", task, "large",
                           gru_should_win=False)
claims += paired_claim("'GRU works better than LSTM in this case' (IBM)", "002", "ibm", "large", gru_should_win=True)
pd.set_option("display.max_colwidth", None)
claims_table = pd.DataFrame(claims)
claims_table

# %% [markdown]
# **The verdicts.** Of report 002's and report 004's claims, on this protocol and these two
# tasks:
#
# * "fewer parameters" **holds** at equal units, by construction (0.79 and 0.77 of the
#   LSTM's layer); it is a design fact, not a finding.
# * "may train a bit faster" **does not hold**: the GRU is slower per epoch on both tasks.
# * "easier to train" is **not shown**: on the memory task each GRU solved 5 runs of 10
#   where the LSTM solved 3, and the paired difference stays within the seed spread; the
#   runs that solve it differ by slice, as the next two claims show.
# * "need less data to generalize" / better "on certain smaller ... datasets": **holds on
#   IBM, does not hold on the memory task**, where the LSTM is the better cell with little
#   data.
# * "with large data, the LSTMs ... may lead to better results": **does not hold on the
#   memory task** (the GRU is better with the large slice) and is **not shown on IBM**
#   (within the seed spread, the GRU ahead).
# * "GRU works better than LSTM in this case" (IBM, report 002): at equal terms on the full
#   training set, as the report trained them, **not shown**: the GRU is ahead at every seed,
#   but the mean difference lies within the seed spread. Both cells lose to persistence, as
#   did both of the report's models.
#
# :::{admonition} About the source reports: where the claims come from
# :class: dropdown
# Report 002's GRU section says: "GRUs are easier to train than LSTMs", and "GRUs have fewer
# parameters and thus may train a bit faster or need less data to generalize. But, with large
# data, the LSTMs with higher expressiveness may lead to better results", with a Quora answer
# as its source. Its conclusion, "So, GRU works better than LSTM in this case", rests on one
# run of each of two setups that differ in the optimizer (RMSprop against SGD with momentum)
# and the batch size as well as the cell (see the [IBM chapter](forecast_ibm.ipynb)). Report
# 004 says "GRUs have been shown to exhibit better performance on certain smaller and less
# frequent datasets", with no experiment. None of them measured a time or repeated a run.
# :::
#
# ## Regenerate
#
# The study's file is written by one command, on one TensorFlow thread; it is resumable
# (rows already in the file are skipped), and a part of it can be rerun with the options:
#
# ```bash
# .venv/bin/python tools/lstm_vs_gru_runs.py                     # both tasks, both slices, seeds 0-4
# .venv/bin/python tools/lstm_vs_gru_runs.py --tasks ibm --slices small --seeds 5 6
# ```
#
# To redo it from scratch, delete `data/precomputed/lstm_vs_gru.csv` first, then execute this
# chapter again (`.venv/bin/python tools/chapters.py execute chapters/3_forecasting/lstm_vs_gru.py`).
#
# ## Discussion
#
# * **On equal terms the ranking depends on the task and the amount of data**, and the
#   sources' neat rule, GRU for small data and LSTM for large, is contradicted by the memory
#   task in both halves. On IBM the GRU is the better cell with 500 windows and not
#   measurably different with all of them.
# * **Equal parameters change no verdict.** The equal-parameter GRU, a few units wider,
#   differs from the LSTM in the same direction as the equal-unit one in every comparison of
#   the table; the differences between the cells are not a matter of size.
# * **No cell beats persistence on IBM.** The question "LSTM or GRU?" for one-day-ahead price
#   levels is secondary to the fact that neither beats "tomorrow = today".
# * **Limitations.** Five seeds per contender (they detect large differences only); one
#   protocol (Adam at 0.01, batches of 32, at most 30 epochs, patience 15), which may suit one
#   cell better than the other: another learning rate or a longer budget could reorder the
#   memory task, whose outcomes are runs escaping a plateau or not; one memory lag; one stock
#   and one test year; one layer of one width per task; one CPU for the timings. The verdicts
#   hold for this setup, not for the cells in general.
