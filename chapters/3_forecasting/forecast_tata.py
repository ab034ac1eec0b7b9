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
# # Forecasting TATA Global with a stacked LSTM
#
# **Objective.** Predict the next day's opening price of TATA Global Beverages from the
# previous 60 days with four stacked LSTM layers, the setup of the source reports, and find
# out whether it works by comparing it with the simplest possible forecast, **persistence**
# (tomorrow = today). On the way you write the pieces that every forecasting chapter of this
# book uses: the windows that turn a price series into training examples, the test windows,
# the persistence baseline and the lag check.
#
# **Sources.** Report 000 (Irvan Ariyanto, ITB), sections 3.3 and 4.3, and report 001 (Amany
# Akhyar, ITB), section 3.3: the same code, on `NSE-TATAGLOBAL.csv` (training) and
# `tatatest.csv` (test). Neither report prints a number for the forecast: only a plot. Their
# code reads its files in the wrong order and lets its test inputs peek at the next day; this
# chapter teaches the corrected method, and the blocks "About the source report" show what the
# published code did.
#
# This chapter is the template of the forecasting part: the windows and the Keras model are
# written here, in the open; `labutils` only loads the data, scales it, trains without log
# spam, plots, and reads the precomputed runs.
#
# Symbols and shapes: see the [notation page](../../notation.md).

# %%
from labutils import repro

repro.use_single_thread()  # before TensorFlow is imported: repeatable training

import keras
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from sklearn.metrics import root_mean_squared_error

import labutils
from labutils import checks, diagrams, forecast, plots, precomputed
from labutils.data import load_prices
from labutils.grading import substituted

print("labutils", labutils.__version__)

WINDOW = 60  # days of history per input (published)
EPOCHS = 100  # published
EPOCHS_HERE = 15  # trained on this page; the 100-epoch runs are precomputed
BATCH_SIZE = 32  # published
SEED = 0

# %% [markdown]
# ## The data
#
# `load_prices` reads a price file, checks it, and returns it **oldest-first** with a date
# index, whatever the order of the rows in the file. We forecast the opening price, `Open`.
# The table shows the newest rows of the training file, as both reports print them.

# %%
train_all_columns = load_prices("NSE-TATAGLOBAL.csv")
train = train_all_columns[["Open"]]
test = load_prices("tatatest.csv", columns="Open")

print(f"training file: {len(train)} days, {train.index[0]:%Y-%m-%d} .. {train.index[-1]:%Y-%m-%d}")
print(f"test file:     {len(test)} days, {test.index[0]:%Y-%m-%d} .. {test.index[-1]:%Y-%m-%d}")
train_all_columns.iloc[::-1].head()

# %% [markdown]
# The test days follow the training days with no gap and no overlap, so the model is trained
# on the past and tested on the future:

# %%
assert train.index.max() < test.index.min()
print("every training day lies before every test day")

# %% [markdown]
# ## Scaling
#
# Neural networks train best on inputs of about unit size, so the prices are scaled to
# $[0, 1]$. With $p_t$ the opening price on day $t$ and the minimum and maximum taken over the
# training days only,
#
# $$\tilde{p}_t = \frac{p_t - \min_{\text{train}} p}{\max_{\text{train}} p - \min_{\text{train}} p}.$$
#
# Taking them over the test days too would tell the model, through the scale, where the test
# prices go. Test prices may therefore fall outside $[0, 1]$; that is the honest price of not
# peeking. `forecast.fit_scaler` fits scikit-learn's `MinMaxScaler` on the training prices.

# %%
scaler = forecast.fit_scaler(train["Open"])
train_scaled = forecast.scale(scaler, train["Open"])
test_scaled = forecast.scale(scaler, test["Open"])
print("scaler fitted on", scaler.n_samples_seen_, "training days; min", scaler.data_min_[0],
      "max", scaler.data_max_[0])
print("scaled test prices: min", test_scaled.min().round(4), "max", test_scaled.max().round(4))

# %% [markdown]
# ## Windows
#
# A recurrent network learns from examples: an input sequence and the value that should come
# out. A price series becomes examples by a **sliding window**: the 60 days
# $\tilde p_i, \dots, \tilde p_{i+59}$ are the input, the next day $\tilde p_{i+60}$ is the
# target, and the window slides forward one day at a time. A series of $N$ days gives $N - 60$
# examples, each an input of shape $(60, 1)$ (60 time steps, one feature), counted from the data.

# %% mystnb={"image": {"alt": "The sliding window of the forecasting chapters: a price series split in time into training days followed by test days. Each example takes 60 consecutive days as its input X and the next day as its target y, and the window slides forward by one day; test windows reach back into the training days for their inputs, and no window reads a day after its target."}} tags=["remove-input"]
diagrams.show("sliding_window")

# %% [markdown]
# **Exercise.** Write `make_windows(values, window)`: window $i$ holds `values[i : i + window]`
# and its target is `values[i + window]`. Return `X` of shape `(n - window, window, 1)` (the
# shape Keras expects: examples, time steps, features) and `y` of shape `(n - window,)`. Use
# positions, not labels: `values` may be a pandas Series with a date index
# (`np.asarray(values)` gives its values as an array). Raise `ValueError` when there are not
# more values than `window`: no window would have a target.

# %% nbgrader={"grade": false, "grade_id": "make_windows", "locked": false, "schema_version": 3, "solution": true, "task": false}
def make_windows(values, window):
    """Cut a series into input windows and next-day targets.

    values: 1-D, oldest-first, n values. Window i holds values[i : i + window] and its target
    is values[i + window]. Returns X of shape (n - window, window, 1) and y of shape
    (n - window,). Raises ValueError when n <= window (no window would have a target).
    """
    ### BEGIN SOLUTION
    values = np.asarray(values, dtype="float64")
    n_windows = len(values) - window
    if n_windows < 1:
        raise ValueError(f"{len(values)} values give no window of {window} days with a target")
    X = np.array([values[i : i + window] for i in range(n_windows)])
    y = values[window:].copy()
    return X.reshape(n_windows, window, 1), y
    ### END SOLUTION


# %% [markdown]
# Five values and windows of three give two examples:

# %%
X_small, y_small = make_windows([10.0, 11.0, 12.0, 13.0, 14.0], 3)
print("X[:, :, 0] =", X_small[:, :, 0].tolist(), " y =", y_small.tolist())

# %% nbgrader={"grade": true, "grade_id": "test_make_windows", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false} tags=["hide-input"]
# Graded tests of make_windows (2 points). Visible: shapes and values of windows of three on
# ten days. More tests run when your notebook is graded.
def test_make_windows_on_ten_days():
    X, y = make_windows(np.arange(10.0), 3)
    assert X.shape == (7, 3, 1) and y.shape == (7,)
    np.testing.assert_array_equal(X[0, :, 0], [0, 1, 2])
    np.testing.assert_array_equal(X[-1, :, 0], [6, 7, 8])
    np.testing.assert_array_equal(y, np.arange(3.0, 10.0))


test_make_windows_on_ten_days()
### BEGIN HIDDEN TESTS
def hidden_test_make_windows(n, window, seed):
    """Random series: every window and target against the definition; input unchanged."""
    values = np.random.default_rng(seed).normal(size=n)
    kept = values.copy()
    X, y = make_windows(values, window)
    assert X.shape == (n - window, window, 1) and y.shape == (n - window,)
    for i in range(n - window):
        np.testing.assert_array_equal(X[i, :, 0], values[i : i + window])
        assert y[i] == values[i + window]
    np.testing.assert_array_equal(values, kept)


for n, window, seed in [(30, 5, 0), (61, 60, 1), (12, 1, 2), (200, 17, 3)]:
    hidden_test_make_windows(n, window, seed)

# a Series with a date index, and a list: windows by position
days = pd.date_range("2021-03-01", periods=8, freq="D")
X, y = make_windows(pd.Series(np.arange(8.0) * 2, index=days), 4)
np.testing.assert_array_equal(X[1, :, 0], [2, 4, 6, 8])
np.testing.assert_array_equal(y, [8, 10, 12, 14])
X, y = make_windows(pd.Series([5.0, 6.0, 7.0], index=[10, 11, 12]), 2)
np.testing.assert_array_equal(X[0, :, 0], [5, 6])
np.testing.assert_array_equal(y, [7])
X, y = make_windows([1, 2, 3, 4], 2)
assert X.dtype.kind == "f" and X.shape == (2, 2, 1)
# too few values
for n, window in [(5, 5), (3, 5), (0, 1)]:
    try:
        make_windows(np.arange(float(n)), window)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{n} values and windows of {window}: expected a ValueError")
### END HIDDEN TESTS

# %% [markdown]
# **The test windows.** The model forecasts test day $j$ from the 60 days before it. For the
# first test day those are the last 60 training days; for later test days the window reaches
# from the training days into the test days before day $j$, and never past day $j - 1$. So the
# test windows are cut from one series: the last 60 training values followed by the test
# values. Its windows and targets are exactly one window per test day, with the test values as
# targets.
#
# **Exercise.** Write `test_windows(train_values, test_values, window)`: cut, with your
# `make_windows`, the series made of the last `window` training values followed by the test
# values. Raise `ValueError` when there are fewer than `window` training values.

# %% nbgrader={"grade": false, "grade_id": "test_windows", "locked": false, "schema_version": 3, "solution": true, "task": false}
def test_windows(train_values, test_values, window):
    """One input window per test day, reaching back into the training days.

    Both series 1-D, oldest-first. The window of test day j holds the `window` values just
    before it: the last training values, then the test values before day j. Returns X of
    shape (len(test_values), window, 1) and y = the test values. Raises ValueError when
    there are fewer than `window` training values.
    """
    ### BEGIN SOLUTION
    train_values = np.asarray(train_values, dtype="float64")
    if len(train_values) < window:
        raise ValueError(f"{len(train_values)} training values are too few for windows of {window} days")
    inputs = np.concatenate([train_values[-window:], np.asarray(test_values, dtype="float64")])
    return make_windows(inputs, window)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_test_windows", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false} tags=["hide-input"]
# Graded tests of test_windows (2 points). They run it with a stand-in for make_windows that
# returns the series it is given instead of windows, so that a mistake in make_windows does
# not cost these points; a test_windows that cuts the windows itself is checked on its windows.
# Visible: ten training days, three test days, windows of four. More tests run when your
# notebook is graded.
def series_given_to_make_windows(values, window):
    """Stand-in for make_windows: returns ("series", the values it got, window), not windows."""
    return "series", np.array(values, dtype="float64"), window


def check_test_windows(train, test, window):
    with substituted(globals(), make_windows=series_given_to_make_windows):
        result = test_windows(train, test, window)
    expected_series = np.concatenate([np.asarray(train, dtype="float64")[-window:], test])
    if isinstance(result, tuple) and len(result) == 3 and isinstance(result[0], str):
        _, series, used_window = result
        np.testing.assert_array_equal(series, expected_series)
        assert used_window == window
    else:  # windows cut without make_windows
        X, y = result
        assert X.shape == (len(test), window, 1)
        for j in range(len(test)):
            np.testing.assert_array_equal(X[j, :, 0], expected_series[j : j + window])
        np.testing.assert_array_equal(y, test)


def test_test_windows_reach_back_into_the_training_days():
    check_test_windows(np.arange(100.0, 110.0), np.array([110.0, 111.0, 112.0]), 4)


test_test_windows_reach_back_into_the_training_days()
### BEGIN HIDDEN TESTS
rng = np.random.default_rng(7)
for n_train, n_test, window in [(80, 16, 60), (60, 5, 60), (9, 1, 3), (30, 30, 1), (15, 40, 7)]:
    check_test_windows(rng.normal(size=n_train), rng.normal(size=n_test), window)
# a Series with a date index: positions, not labels
dates = pd.date_range("2022-01-03", periods=12, freq="B")
check_test_windows(pd.Series(np.arange(12.0), index=dates), np.array([12.0, 13.0]), 5)
# too few training values
try:
    with substituted(globals(), make_windows=series_given_to_make_windows):
        test_windows(np.arange(3.0), np.arange(4.0), 4)
except ValueError:
    pass
else:
    raise AssertionError("three training values and windows of four: expected a ValueError")
### END HIDDEN TESTS

# %% [markdown]
# The training and test windows of TATA:

# %%
X_train, y_train = make_windows(train_scaled, WINDOW)
X_test, y_test = test_windows(train_scaled, test_scaled, WINDOW)
print("X_train", X_train.shape, "y_train", y_train.shape)
print("X_test ", X_test.shape, "y_test ", y_test.shape)

# %% [markdown]
# Which days does each window hold? Your functions do not care what the values are, so give
# them **day numbers** instead of prices, 0, 1, 2, ...: the windows then hold the positions of
# their days, and `forecast.window_dates` turns positions back into dates. Each test window
# ends the trading day before its target, and the first one holds the last 60 training days:

# %%
days = np.arange(len(train) + len(test))  # day numbers, fed in place of the prices
X_days, y_days = test_windows(days[: len(train)], days[len(train) :], WINDOW)
forecast.window_dates(X_days, y_days, train.index.append(test.index)).head(3)

# %% [markdown]
# :::{admonition} About the source report: windows that run backwards in time
# :class: dropdown
# Both TATA files are stored **newest-first** (see `data/SOURCES.md`). The published code read
# them with `pd.read_csv` and used the rows in file order. It cuts training windows with
# `for i in range(60, 2035)`: input `training_set_scaled[i-60:i]`, target
# `training_set_scaled[i]`, where 2035 is the number of rows of the file, typed in by hand.
# In file order, row $i$ is *older* than rows $i-60, \dots, i-1$, so every training example
# asks the network to guess the day **before** a window of 60 days, read from the newest to
# the oldest. The first cell below keeps the files in their own order (`*_as_read`) and shows
# the first published example.
#
# The test inputs are built by `pd.concat((train["Open"], test["Open"]))`, then the last
# `len(test) + 60` values, then windows `range(60, 76)`: the recipe of `test_windows`, applied
# to the files in their own order. Fed with the day numbers in file order, it shows which days
# each published test window holds (second cell). Three mistakes at once:
#
# * the "last 60 training values" are the **oldest** 60 days of the file (July to October
#   2010), not the days before the test period;
# * every window but the first starts with 2010 prices and continues with October 2018
#   prices: an eight-year jump inside one input;
# * the last input of every window but the first is the **next** trading day of the target:
#   the network is shown the future (what that does to the published plot is shown after the
#   persistence baseline below).
# :::

# %% tags=["hide-cell"] mystnb={"code_prompt_show": "Show the published training windows", "code_prompt_hide": "Hide the published training windows"}
train_as_read, test_as_read = train.iloc[::-1], test.iloc[::-1]  # the files' own row order
first_window = train_as_read.index[:WINDOW]
print(f"published training example 1: inputs {first_window[0]:%Y-%m-%d} back to {first_window[-1]:%Y-%m-%d}, "
      f"target {train_as_read.index[WINDOW]:%Y-%m-%d}")
print("number of published training windows:", len(train) - WINDOW)

# %% tags=["hide-cell"] mystnb={"code_prompt_show": "Show the days of the published test windows", "code_prompt_hide": "Hide the days of the published test windows"}
published_dates = forecast.window_dates(X_days, y_days, train_as_read.index.append(test_as_read.index))
X_published, _ = test_windows(train_as_read["Open"], test_as_read["Open"], WINDOW)
published_dates["last input value"] = X_published[:, -1, 0]
published_dates["target value"] = test_as_read["Open"].to_numpy()
published_dates

# %% [markdown]
# ## The baseline: persistence
#
# Before training anything, we need a forecast to beat. The simplest one is **persistence**:
# tomorrow's price is today's, $\hat p_t = p_{t-1}$, and for the first test day, the last
# training day's. It knows nothing about markets, and for daily prices it is hard to beat. A
# forecaster that does not beat it has learnt nothing useful, however good its plot looks.
#
# **Exercise.** Write `persistence_forecast(train_values, test_values)`: for each test day,
# the value of the day before. Return a 1-D array as long as `test_values`.

# %% nbgrader={"grade": false, "grade_id": "persistence_forecast", "locked": false, "schema_version": 3, "solution": true, "task": false}
def persistence_forecast(train_values, test_values):
    """Tomorrow = today: for each test day, the value of the day before.

    Both series 1-D, oldest-first; the first test day gets the last training value.
    Returns a 1-D array as long as test_values.
    """
    ### BEGIN SOLUTION
    known = np.concatenate([np.asarray(train_values, dtype="float64")[-1:],
                            np.asarray(test_values, dtype="float64")])
    return known[:-1]
    ### END SOLUTION


# %%
previous = persistence_forecast(train["Open"], test["Open"])
pd.DataFrame({"real": test["Open"], "persistence": previous}).head(3)

# %% nbgrader={"grade": true, "grade_id": "test_persistence_forecast", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false} tags=["hide-input"]
# Graded tests of persistence_forecast (1 point). Visible: three training and three test
# days. More tests run when your notebook is graded.
def test_persistence_forecast_is_yesterdays_value():
    np.testing.assert_array_equal(persistence_forecast([1.0, 2.0, 3.0], [4.0, 6.0, 5.0]), [3, 4, 6])


test_persistence_forecast_is_yesterdays_value()
### BEGIN HIDDEN TESTS
rng = np.random.default_rng(3)
for n_train, n_test in [(50, 16), (1, 1), (5, 1), (2, 30)]:
    train_values, test_values = rng.normal(size=n_train), rng.normal(size=n_test)
    kept = test_values.copy()
    result = np.asarray(persistence_forecast(train_values, test_values))
    assert result.shape == (n_test,)
    assert result[0] == train_values[-1]
    np.testing.assert_array_equal(result[1:], test_values[:-1])
    np.testing.assert_array_equal(test_values, kept)
# Series with date indexes: positions, not labels
train_series = pd.Series([1.0, 2.0], index=pd.date_range("2020-01-01", periods=2))
test_series = pd.Series([3.0, 5.0, 4.0], index=pd.date_range("2020-01-03", periods=3))
np.testing.assert_array_equal(np.asarray(persistence_forecast(train_series, test_series)), [2, 3, 5])
### END HIDDEN TESTS

# %% [markdown]
# :::{admonition} About the source report: copying tomorrow scores exactly as well as persistence
# :class: dropdown
# The published test windows end on the next trading day (see above). A network trained on
# such windows mostly repeats its last input (the Hang Seng chapter shows it with a published
# notebook's own printed predictions), so the published prediction for each day is close to
# the next day's price, which makes the published plot look good. The cell below applies that
# "repeat the last input" rule to the published windows and compares it with the honest
# persistence forecast.
#
# The two numbers are equal, and must be: both make exactly the same 15 errors, the moves
# between consecutive test days, once forwards and once backwards. Copying tomorrow is exactly
# as good as copying yesterday, so a plot cannot tell a useful forecast from one that peeks;
# only a baseline can, which is why every table below has one.
#
# The scaler is **not** a problem in the published code: it fits the `MinMaxScaler` on the
# training file only, which lies entirely before the test days.
# :::

# %% tags=["hide-cell"] mystnb={"code_prompt_show": "Show the published windows against persistence", "code_prompt_hide": "Hide the published windows against persistence"}
# The first published window ends on a 2010 price; the other 15 end on the next trading day.
next_day_rmse = root_mean_squared_error(published_dates["target value"][1:],
                                        published_dates["last input value"][1:])
print("RMSE of 'repeat the next day' (published windows 2-16):", round(next_day_rmse, 4))
persistence_rmse = root_mean_squared_error(test["Open"][1:], previous[1:])
print("RMSE of persistence (yesterday's price, test days 2-16):", round(persistence_rmse, 4))

# %% [markdown]
# ## The model
#
# Four LSTM layers of 50 units, each followed by Dropout(0.2), then Dense(1), as published.
# The first three LSTM layers return their whole output sequence (`return_sequences=True`),
# which is the input sequence of the next; the last one returns only its final hidden state,
# from which the Dense layer computes the forecast. Dropout sets a random fifth of the values
# to zero during training, a brake on memorising the training days. Each LSTM layer has
# $4 \times 50 \times (50 + n_{\text{in}} + 1)$ weights (four gates, each with weights for the
# hidden state, the input and a bias), with $n_{\text{in}} = 1$ for the first layer and 50 for
# the others. It is trained with Adam on the mean squared error of the scaled price.
#
# The model is compiled with XLA (`jit_compile=True`), which trains it faster on this CPU and
# is repeatable; it changes the float rounding, not the model.
# `steps_per_execution=16` runs 16 batches per call, which only cuts overhead. Seeding first
# makes the initial weights, and so the whole training, repeatable on this machine.

# %%
repro.seed_everything(SEED)
model = keras.Sequential([
    keras.Input(shape=(WINDOW, 1)),
    keras.layers.LSTM(50, return_sequences=True),
    keras.layers.Dropout(0.2),
    keras.layers.LSTM(50, return_sequences=True),
    keras.layers.Dropout(0.2),
    keras.layers.LSTM(50, return_sequences=True),
    keras.layers.Dropout(0.2),
    keras.layers.LSTM(50),
    keras.layers.Dropout(0.2),
    keras.layers.Dense(1),
], name="lstm_4_layers")
model.compile(optimizer="adam", loss="mse", jit_compile=True, steps_per_execution=16)
pd.DataFrame([(layer.name, layer.output.shape, layer.count_params()) for layer in model.layers],
             columns=["layer", "output shape", "parameters"])

# %% [markdown]
# ## Training: 15 epochs here, 100 precomputed
#
# The published training is 100 epochs with batches of 32. The script
# `tools/tata_aapl_runs.py` trained exactly this model, with this code and seeds 0 to 4, for
# 100 epochs each, and stored every epoch's training loss, test RMSE and CPU time, and each
# run's final forecasts, in `data/precomputed/` (its README gives the command):

# %%
by_epoch = precomputed.read("tata_by_epoch.csv")
runs = precomputed.forecasts("tata_predictions.csv", test.index)
print("precomputed runs, epochs per seed:", by_epoch.groupby("seed")["epoch"].max().to_dict())
cpu = by_epoch[by_epoch["epoch"] == EPOCHS]["training CPU s"]
print(f"CPU time of one {EPOCHS}-epoch run: {cpu.min():.0f} to {cpu.max():.0f} s, "
      f"{cpu.min() / EPOCHS:.1f} to {cpu.max() / EPOCHS:.1f} s per epoch")

# %% [markdown]
# One such run takes longer than the three minutes this book allows a whole chapter, and one
# run would prove little anyway (how much does the result depend on the seed?). So this page
# trains the model for its first **15 epochs** (seed 0); the five 100-epoch runs come from the
# files. On the machine that wrote them, the page's 15 epochs land exactly on the file's seed-0
# values after epoch 15; the results section checks it. To train the full run on the page
# instead, set `EPOCHS_HERE = EPOCHS`.
#
# A progress bar goes to stderr while it runs (the cell's `remove-stderr` tag keeps it off the
# book's page); the page keeps the loss curve instead.

# %% tags=["remove-stderr"]
history = forecast.fit_quietly(model, X_train, y_train, epochs=EPOCHS_HERE, batch_size=BATCH_SIZE)

# %%
title = "TATA: training loss, 4 x LSTM(50), seed 0"
seed_run = by_epoch[by_epoch["seed"] == SEED]
ax = plots.plot_loss({"loss": seed_run["training loss"].to_numpy()}, title,
                     label=f"{EPOCHS} epochs (precomputed)")
plots.plot_loss(history, title, label=f"first {EPOCHS_HERE} epochs (this page)", ax=ax)
plt.show()

# %% [markdown]
# :::{admonition} About the source report: its training loss
# :class: dropdown
# The notebooks behind the reports print their last epochs' training loss (the reports do
# not): `6.3220e-04` (report 000's repository) and `5.7168e-04` (report 001's). Their windows
# ran backwards in time, which does not change the statistics of day-to-day moves, so the loss
# should be of the same size; the loss is noisy from epoch to epoch (dropout), so the cell
# below checks the final loss of each 100-epoch run within a factor of two of `6e-04`.
# :::

# %% tags=["hide-cell"] mystnb={"code_prompt_show": "Show the check against the published loss", "code_prompt_hide": "Hide the check against the published loss"}
final_losses = by_epoch[by_epoch["epoch"] == EPOCHS].set_index("seed")["training loss"]
print("final training loss (scaled MSE) by seed:", final_losses.map("{:.2e}".format).to_dict())
print("all within a factor 2 of the published 6e-04:", final_losses.between(3e-4, 1.2e-3).all())

# %% [markdown]
# ## Results against persistence
#
# The model's forecasts, back in price units (`forecast.predict_prices` undoes the scaling),
# are compared with the real prices and with persistence. With $n$ test days and the forecast
# $\hat p_t$:
#
# $$\text{RMSE} = \sqrt{\tfrac{1}{n}\textstyle\sum_t (\hat p_t - p_t)^2}, \quad
# \text{MAE} = \tfrac{1}{n}\textstyle\sum_t |\hat p_t - p_t|, \quad
# \text{MAPE} = \tfrac{100}{n}\textstyle\sum_t \left|\frac{\hat p_t - p_t}{p_t}\right|,$$
#
# and the directional accuracy is the share of days where
# $\operatorname{sign}(\hat p_t - p_{t-1}) = \operatorname{sign}(p_t - p_{t-1})$. Persistence
# always predicts "no change", so its directional accuracy is 0 % by construction, except on
# days when the price does not move (one of the 16 test days here). The last column is the
# RMSE divided by the persistence RMSE: below 1 beats persistence. The first row is the model
# trained on this page, the second the published setup (100 epochs, seed 0, precomputed).

# %% tags=["nbval-ignore-output"]
actual = test["Open"].to_numpy()
predicted_here = forecast.predict_prices(model, X_test, scaler)
predicted = runs[SEED]
HERE, FULL = f"LSTM, {EPOCHS_HERE} epochs (this page)", f"LSTM, {EPOCHS} epochs"
table = forecast.comparison_table(actual, {HERE: predicted_here, FULL: predicted,
                                           "persistence": previous}, previous)
table.round(3)

# %% [markdown]
# The persistence row does not depend on training, and the 100-epoch row is read from the
# file, so both are checked exactly:

# %%
print(table.loc["persistence"].round(4).to_string())
print(table.loc[FULL].round(4).to_string())
print("the 100-epoch LSTM beats persistence:", table.loc[FULL, "RMSE / persistence"] < 1)
print("days on which it got the direction of the move right:",
      round(table.loc[FULL, "direction %"] * len(actual) / 100), "of", len(actual))

# %% [markdown]
# The row of this page depends on the float rounding of 15 epochs of training. On the machine
# that wrote the file it equals the precomputed seed-0 run after epoch 15, exactly. Another
# CPU rounds differently, which makes its run another draw, and the test RMSE of one draw
# jumps a lot from one epoch to the next (the five seeds below show how much). So the page
# checks what carries over: its final training loss within 25 % of the file's seed-0 value
# after epoch 15, and its test RMSE inside the range that the five precomputed runs reach
# between epochs 5 and 25.

# %%
agreement = checks.check_against_precomputed(by_epoch, SEED, EPOCHS_HERE, history.history["loss"][-1],
                                             table.loc[HERE, "RMSE"], loss_tolerance=0.25, epochs_around=10)
print("this page's run agrees with the precomputed runs:", all(agreement.values()))

# %% [markdown]
# ## The lag check
#
# A forecast can look close to the real series on a plot and still be useless: if the
# network only learned to repeat its last input, its forecast for day $t$ is close to the
# price of day $t - 1$, and the curve is the real one shifted right by a day. The **lag
# check** measures it: row $k$ compares the forecast for day $t$ with the real price of day
# $t - k$,
#
# $$\text{RMSE}_k = \sqrt{\tfrac{1}{n - k}\textstyle\sum_{t=k}^{n-1} (\hat p_t - p_{t-k})^2},
# \qquad k = 0, 1, \dots$$
#
# over the $n - k$ days where both exist (days $t = 0, \dots, n - 1$ of the test). If the
# smallest RMSE is at lag 1, the forecast is closer to yesterday's price than to today's: a
# lagging copy of the series.
#
# **Exercise.** Write `lag_check(actual, predicted, max_lag=3)`. Return a DataFrame with one
# row per lag $k = 0, \dots,$ `max_lag`, indexed by `"lag (days)"`, with the columns `"days"`
# (how many days were compared) and `"RMSE"`. Compare by position, as arrays. Raise
# `ValueError` when the two lengths differ or `max_lag` is not between 0 and `len(actual) - 1`.

# %% nbgrader={"grade": false, "grade_id": "lag_check", "locked": false, "schema_version": 3, "solution": true, "task": false}
def lag_check(actual, predicted, max_lag=3):
    """RMSE of a forecast against the real series shifted by 0, 1, ..., max_lag days.

    Row k compares the forecast for day t with the real value of day t - k, over the days
    where both exist. Returns a DataFrame indexed by "lag (days)" (0 to max_lag) with the
    columns "days" (how many days were compared) and "RMSE". Raises ValueError when the two
    lengths differ or max_lag is not between 0 and len(actual) - 1.
    """
    ### BEGIN SOLUTION
    actual = np.asarray(actual, dtype="float64")
    predicted = np.asarray(predicted, dtype="float64")
    if len(actual) != len(predicted):
        raise ValueError(f"lengths differ: {len(actual)} real values, {len(predicted)} forecasts")
    if not 0 <= max_lag < len(actual):
        raise ValueError(f"max_lag must lie between 0 and {len(actual) - 1}, got {max_lag}")
    rows = []
    for lag in range(max_lag + 1):
        errors = predicted[lag:] - actual[: len(actual) - lag]
        rows.append({"lag (days)": lag, "days": len(errors), "RMSE": np.sqrt(np.mean(errors**2))})
    return pd.DataFrame(rows).set_index("lag (days)")
    ### END SOLUTION


# %% [markdown]
# The lag check of the 100-epoch run:

# %%
lags = lag_check(actual, predicted, max_lag=3)
lags.round(3)

# %%
print("closer to the previous day's price than to the day's own:", lags.loc[1, "RMSE"] < lags.loc[0, "RMSE"])

# %% nbgrader={"grade": true, "grade_id": "test_lag_check", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false} tags=["hide-input"]
# Graded tests of lag_check (2 points). Visible: a forecast that copies yesterday's value is
# found at lag 1, with an RMSE of zero there. More tests run when your notebook is graded.
def test_lag_check_finds_a_copy_of_yesterday():
    actual = np.sin(np.arange(30) / 3.0) + np.arange(30) / 10
    lagging_copy = np.concatenate([[actual[0]], actual[:-1]])  # the forecast = yesterday's value
    table = lag_check(actual, lagging_copy, max_lag=3)
    assert list(table.index) == [0, 1, 2, 3] and table.index.name == "lag (days)"
    assert list(table["days"]) == [30, 29, 28, 27]
    assert table["RMSE"].idxmin() == 1
    assert abs(table.loc[1, "RMSE"]) < 1e-12


test_lag_check_finds_a_copy_of_yesterday()
### BEGIN HIDDEN TESTS
def hidden_test_lag_check(n, max_lag, seed):
    """Random series: every row against the formula."""
    rng = np.random.default_rng(seed)
    actual, predicted = rng.normal(size=n), rng.normal(size=n)
    table = lag_check(actual, predicted, max_lag=max_lag)
    assert list(table.index) == list(range(max_lag + 1)) and table.index.name == "lag (days)"
    assert {"days", "RMSE"} <= set(table.columns)
    for k in range(max_lag + 1):
        expected = np.sqrt(np.mean((predicted[k:] - actual[: n - k]) ** 2))
        assert table.loc[k, "days"] == n - k
        np.testing.assert_allclose(table.loc[k, "RMSE"], expected, rtol=1e-12)


for n, max_lag, seed in [(16, 3, 0), (25, 10, 1), (5, 4, 2), (3, 0, 3)]:
    hidden_test_lag_check(n, max_lag, seed)
# the default is three lags
assert list(lag_check(np.arange(10.0), np.arange(10.0)).index) == [0, 1, 2, 3]
# a copy of the series two days late is found at lag 2
series = np.cumsum(np.random.default_rng(4).normal(size=40))
assert lag_check(series, np.concatenate([series[:2], series[:-2]]), max_lag=5)["RMSE"].idxmin() == 2
# Series with different date indexes: by position, not by label
dates = pd.date_range("2020-01-01", periods=6)
shifted = lag_check(pd.Series(np.arange(6.0), index=dates),
                    pd.Series(np.arange(6.0) - 1, index=dates + pd.Timedelta(days=1)), max_lag=1)
np.testing.assert_allclose(shifted["RMSE"], [1.0, 0.0], atol=1e-12)
# bad arguments
for args in [(np.arange(5.0), np.arange(4.0), 1), (np.arange(5.0), np.arange(5.0), 5),
             (np.arange(5.0), np.arange(5.0), -1)]:
    try:
        lag_check(*args)
    except ValueError:
        pass
    else:
        raise AssertionError(f"expected a ValueError for lengths {len(args[0])}, {len(args[1])}, max_lag {args[2]}")
### END HIDDEN TESTS

# %%
plots.plot_forecast(test.index, actual, {FULL: predicted, HERE: predicted_here, "persistence": previous},
                    "TATA Global: opening price, October 2018", "opening price (INR)")
plt.show()

# %% [markdown]
# ## Five seeds: one run is one draw
#
# The same setup trained from five seeds (precomputed, as above). Each row is one 100-epoch
# run; the last column is the shift (0 to 3 days) at which its forecast is closest to the real
# price, from your `lag_check`.

# %%
by_seed = forecast.comparison_table(actual, {f"seed {seed}": run for seed, run in runs.items()}, previous)
by_seed["closest lag (days)"] = [int(lag_check(actual, run)["RMSE"].idxmin()) for run in runs.values()]
by_seed.round(3)

# %%
spread = by_seed[["RMSE", "RMSE / persistence"]].agg(["mean", "std", "min", "max"])
print(spread.round(3).to_string())
print("runs that beat persistence:", int((by_seed["RMSE / persistence"] < 1).sum()), "of", len(runs))

# %% [markdown]
# How the test RMSE moves during training, for each seed (the page's run is seed 0 up to
# epoch 15):

# %%
plots.plot_rmse_by_epoch(by_epoch, table.loc["persistence", "RMSE"],
                         "TATA: test RMSE after each epoch, five seeds (precomputed)", "test RMSE (INR)")
plt.show()

# %% [markdown]
# The test RMSE of one run moves a lot from epoch to epoch, late in training too. Over the
# last ten epochs, and over every epoch of every run:

# %%
persistence_rmse_all_days = table.loc["persistence", "RMSE"]
last_ten = by_epoch[by_epoch["epoch"] > EPOCHS - 10]
print(f"test RMSE in epochs {EPOCHS - 9}-{EPOCHS}, all seeds: {last_ten['test RMSE'].min():.3f} to "
      f"{last_ten['test RMSE'].max():.3f} INR")
print(f"lowest test RMSE after any epoch of any run: {by_epoch['test RMSE'].min():.3f} "
      f"(persistence {persistence_rmse_all_days:.3f})")
print("epochs after which a run beats persistence:",
      int((by_epoch["test RMSE"] < persistence_rmse_all_days).sum()), "of", len(by_epoch))

# %% [markdown]
# ## Discussion
#
# * Trained with the published hyperparameters on correct windows, the network reaches a
#   small training loss (6.0e-04 to 6.9e-04 over five seeds) but does **not** beat
#   persistence: seed 0, the best of the five runs, has an RMSE of 6.72 against 5.93 (ratio
#   1.13) and gets the direction of the day's move right on 6 of 16 days. Its forecast is much
#   closer to the previous day's price (RMSE 2.87) than to the day's own (6.72): it is a
#   smoothed, lagging copy of the series. For a daily price this is expected: day-to-day moves
#   are close to unpredictable from past prices alone, so a network trained on squared error
#   learns to stay near the last price, and smoothing it only adds lag.
# * **One run is one draw.** Over five seeds the setup scores 8.49 ± 1.11 (6.72 to 9.43),
#   1.13 to 1.59 times persistence; the other four runs are closest to the price of two days
#   before. The test RMSE of a single run also jumps from epoch to epoch, between 6.4 and 14.5
#   over the last ten epochs of the five runs, and not one epoch of any run comes below
#   persistence. "After 100 epochs" names one point of a noisy curve, not a converged result;
#   seed 0 happened to stop at a good one.
# * **Limitations.** Sixteen test days are far too few to rank forecasters: a different seed,
#   stopping epoch, CPU or test month moves the RMSE by tens of percent (hence the ranges
#   above), and five seeds show the spread, not a precise mean. The model only ever sees the
#   opening price.
#
# :::{admonition} About the source report: what this chapter changed
# :class: dropdown
# | | published (reports 000, 001) | this chapter |
# |---|---|---|
# | row order | newest-first file used as oldest-first | oldest-first (`load_prices`) |
# | training windows | run backwards in time, count `2035` typed in | forward, count from the data (1975) |
# | test inputs | the oldest 60 days (2010) + test days in reverse: windows end on the *next* day | the last 60 training days + test days; windows end the day before |
# | scaler | fitted on the training file (correct) | fitted on the training days |
# | evaluation | a plot, no number, no baseline | RMSE, MAE, MAPE, direction, against persistence; lag check; five seeds |
# | training | 100 epochs | 15 epochs on the page, 100 epochs precomputed (same code) |
#
# The published plot looks convincing because its inputs contain the next day's price; a
# "forecast" that copies tomorrow is as good as persistence, and no better. The training
# losses of the corrected runs are of the size the reports' notebooks print (`6.3220e-04`
# and `5.7168e-04`).
# :::
