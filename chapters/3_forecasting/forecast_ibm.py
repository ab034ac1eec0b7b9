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
# # Forecasting IBM: LSTM versus GRU, against persistence
#
# **Objective.** Reproduce a popular notebook that predicts IBM's daily high price for 2017
# with a four-layer LSTM and a four-layer GRU, then ask the questions it does not: how do its
# scores compare with the simplest forecast, *tomorrow's price = today's*? How much of its
# result is the luck of one training run? Are its claims about bidirectional and mixed
# LSTM+GRU networks true? And what does a model look like that is honest about how little a
# price series says about tomorrow?
#
# Symbols and shapes: see the [notation page](../../notation.md).
#
# **Source.** Report 002, a Kaggle notebook ("Intro to Recurrent Neural Networks LSTM | GRU"):
# the LSTM, GRU and "sequence generation" sections, with their printed RMSE of 5.17 (LSTM),
# 3.32 (GRU) and 10.89 (GRU, free-running).
#
# **Data.** `IBM_2006-01-01_to_2018-01-01.csv`, oldest-first, one row per trading day (see
# `data/SOURCES.md`).

# %% tags=["remove-stderr"]
from labutils import repro

repro.use_single_thread()  # before TensorFlow is imported: repeatable training

import keras
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import tensorflow as tf

import labutils
from labutils import diagrams, forecast, plots, precomputed
from labutils.data import load_prices

print("labutils", labutils.__version__, "| keras", keras.__version__)
# TensorFlow warns when models are called with new input shapes (the free-running forecast
# feeds one window at a time); that is expected here, so only its errors are shown.
tf.get_logger().setLevel("ERROR")

WINDOW = 60  # days of history per input (published)
PUBLISHED_EPOCHS = 50  # published, for both models
EPOCHS_HERE = 10  # trained on this page; the 50-epoch runs are precomputed
BATCH_SIZE = {"LSTM": 32, "GRU": 150}  # published
SEED = 0

# %% [markdown]
# **Your functions from the TATA chapter.** This chapter cuts windows, builds the persistence
# baseline and runs the lag check with the functions you wrote in the
# [TATA chapter](forecast_tata.ipynb). Paste your `make_windows`, `test_windows`,
# `persistence_forecast` and `lag_check` from that chapter into the next cell, in place of
# what is there (that chapter's tests tell you whether they work). The graded tests of this
# chapter do not use them.

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


def lag_check(actual, predicted, max_lag=3):
    """RMSE of a forecast against the real series shifted by 0, 1, ..., max_lag days.

    Row k compares the forecast for day t with the real value of day t - k, over the days
    where both exist. Returns a DataFrame indexed by "lag (days)" (0 to max_lag) with the
    columns "days" (how many days were compared) and "RMSE". Raises ValueError when the two
    lengths differ or max_lag is not between 0 and len(actual) - 1.
    """
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
# (ibm-data)=
# ## The data
#
# The notebook uses the **High** column (the day's highest price), trains on 2006-2016 and
# tests on 2017: `dataset[:'2016']` and `dataset['2017':]`. `chronological_split` does the
# same by date, on the oldest-first frame, so every training day comes before every test day.

# %%
prices = load_prices("IBM_2006-01-01_to_2018-01-01.csv", columns=["High"])
train, test = forecast.chronological_split(prices, "2017-01-01")
train_high, test_high = train["High"].to_numpy(), test["High"].to_numpy()
print(f"training: {len(train)} days, {train.index[0]:%Y-%m-%d} .. {train.index[-1]:%Y-%m-%d}")
print(f"test:     {len(test)} days, {test.index[0]:%Y-%m-%d} .. {test.index[-1]:%Y-%m-%d}")

# %%
fig, ax = plt.subplots(figsize=(9, 3.5))
ax.plot(train.index, train_high, label="training set (2006-2016)")
ax.plot(test.index, test_high, label="test set (2017)")
ax.set_title("IBM daily high")
ax.set_xlabel("date")
ax.set_ylabel("price (USD)")
ax.legend()
plt.show()

# %% [markdown]
# (ibm-persistence)=
# ## The baseline first: persistence
#
# The simplest one-step forecast predicts each day's high with the previous day's high:
#
# $$\hat{y}_t = y_{t-1},$$
#
# the first test day getting the last training day's value. It needs no training and no
# parameters. Its root mean squared error over the $n = 251$ test days,
#
# $$\text{RMSE} = \sqrt{\frac{1}{n} \sum_{t} (\hat{y}_t - y_t)^2},$$
#
# is the bar every one-step model below has to clear.

# %%
previous = persistence_forecast(train_high, test_high)
persistence_rmse = forecast.forecast_metrics(test_high, previous, previous)["RMSE"]
flat_rmse = forecast.forecast_metrics(test_high, np.full(len(test_high), train_high[-1]), previous)["RMSE"]
print(f"persistence RMSE (tomorrow = today):          {persistence_rmse:.4f}")
print(f"flat RMSE (every 2017 day = last 2016 high):  {flat_rmse:.4f}")

# %% [markdown]
# The second number is the baseline for a forecast of the whole year made on the last day of
# 2016, without seeing any 2017 price: the notebook's "sequence generation" (see
# [free-running generation](#ibm-free-running)).
# Here are the notebook's printed scores against these baselines:

# %%
PUBLISHED_RMSE = {"LSTM": 5.1719587568926935, "GRU": 3.3195475066654283,
                  "GRU, free-running": 10.885092347608268}
published = pd.DataFrame({"published RMSE": PUBLISHED_RMSE})
published["baseline"] = ["persistence", "persistence", "flat"]
published["baseline RMSE"] = [persistence_rmse, persistence_rmse, flat_rmse]
published["RMSE / baseline"] = published["published RMSE"] / published["baseline RMSE"]
published.round(2)

# %% [markdown]
# The notebook calls the LSTM's 5.17 "one awesome score". It is **3.4 times worse** than
# repeating yesterday's price, and the GRU's 3.32 is 2.2 times worse. Only the free-running
# forecast beats its baseline; [free-running generation](#ibm-free-running) looks at it.
#
# (ibm-windows)=
# ## Scaling and windows
#
# A `MinMaxScaler` fitted on the training days maps the prices to $[0, 1]$ (the notebook does
# this right). Each training example is 60 consecutive scaled highs and, as target, the next
# one; the window then slides forward by one day. The test windows are the last 60 training
# days followed by the test days, one window per test day, each ending the day before its
# target:

# %% mystnb={"image": {"alt": "The sliding window of the forecasting chapters: a price series split in time into training days followed by test days. Each example takes 60 consecutive days as its input X and the next day as its target y, and the window slides forward by one day; test windows reach back into the training days for their inputs, and no window reads a day after its target."}} tags=["remove-input"]
diagrams.show("sliding_window")

# %% [markdown]
# Your `make_windows` cuts every window the training days allow, and your `test_windows` the
# test windows; the notebook types its loop bounds in, `range(60, 2769)`, where 2769 is the
# number of training days, so its 2709 windows are all the windows there are. Fed with day
# numbers instead of prices, `test_windows` shows which days the first test windows hold
# (`forecast.window_dates` turns the numbers back into dates).

# %%
scaler = forecast.fit_scaler(train_high)
scaled_train, scaled_test = forecast.scale(scaler, train_high), forecast.scale(scaler, test_high)
X_train, y_train = make_windows(scaled_train, WINDOW)
X_test, y_test = test_windows(scaled_train, scaled_test, WINDOW)
print("X_train", X_train.shape, "| X_test", X_test.shape)
print("the notebook's range(60, 2769) gives", len(range(60, 2769)), "windows")
days = np.arange(len(train) + len(test))  # day numbers, fed in place of the prices
X_days, y_days = test_windows(days[: len(train)], days[len(train) :], WINDOW)
forecast.window_dates(X_days, y_days, train.index.append(test.index)).head(3)

# %% [markdown]
# (ibm-models)=
# ## The published models
#
# Both are four recurrent layers of 50 units, each followed by Dropout(0.2), then Dense(1),
# trained on the mean squared error of the scaled price for 50 epochs. One stacks LSTM cells,
# the other GRU cells. The gated recurrent unit (GRU) is the LSTM's lighter cousin: one state
# instead of the LSTM's hidden state and memory cell, and two gates instead of three. Its
# update gate decides how much of the old state to keep, the rest coming from a tanh
# candidate, and its reset gate decides how much of the old state that candidate reads (the
# [LSTM and GRU gates chapter](../1_from_scratch/lstm_gru_gates.ipynb) writes both cells in
# numpy):

# %% mystnb={"image": {"alt": "The GRU cell as keras.layers.GRU(reset_after=False) computes it. The reset gate scales the previous state a(t-1) before the tanh candidate reads it together with the input x(t); the new state a(t) keeps the update gate's share of a(t-1) and takes the rest, 1 minus the update gate, from the candidate."}} tags=["remove-input"]
diagrams.show("gru_cell")

# %% [markdown]
# The diagram draws the original GRU (`reset_after=False`); Keras's `GRU` layer, used here,
# defaults to `reset_after=True`, which applies the reset gate after the product with the old
# state rather than before it (the [notation page](../../notation.md) writes both). The two
# published models differ in more than the cell:
#
# | | LSTM | GRU |
# |---|---|---|
# | cell | LSTM | GRU (`activation='tanh'`, the default) |
# | optimizer | RMSprop (default learning rate 0.001) | SGD, learning rate 0.01, momentum 0.9 |
# | batch size | 32 | 150 |
#
# so they make a different number of weight updates per epoch over the same windows:

# %%
for name, batch_size in BATCH_SIZE.items():
    print(f"{name}: batches of {batch_size}, {int(np.ceil(len(X_train) / batch_size))} updates per epoch")

# %% [markdown]
# :::{admonition} About the source report: GRU(100) or GRU(50)?
# :class: dropdown
# Report 002's text says "The current version version uses a dense GRU network with 100 units
# as opposed to the GRU network with 50 units in previous version"; its code, the one that
# printed the GRU's 3.32, builds four `GRU(units=50, ...)` layers. We follow the code, since
# the printed numbers come from it.
# :::
#
# **Exercise.** Write the two published models with `keras.Sequential`, as the
# [TATA chapter](forecast_tata.ipynb) writes its model: the input `keras.Input(shape=(WINDOW, 1))`,
# then the layers of the table above, compiled with the published optimizer and the mean
# squared error, and with XLA (`jit_compile=True`), which trains faster on this CPU and is
# just as repeatable; only the float rounding changes.

# %% nbgrader={"grade": false, "grade_id": "build_published_lstm", "locked": false, "schema_version": 3, "solution": true, "task": false}
def build_published_lstm():
    """The notebook's LSTM: 4 x (LSTM(50) + Dropout(0.2)) -> Dense(1), RMSprop, MSE.

    Compiled; input: windows of WINDOW days, one feature.
    """
    ### BEGIN SOLUTION
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
    model.compile(optimizer="rmsprop", loss="mse", jit_compile=True)
    return model
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_build_published_lstm", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false} tags=["hide-input"]
# Graded tests of build_published_lstm (1 point). Visible: the layers (4 x LSTM(50), each but the
# last returning sequences, each followed by Dropout(0.2), then Dense(1) with a linear output),
# the input (None, 60, 1), 71,051 parameters, RMSprop with learning rate 0.001 and the mean
# squared error. No training. More tests run when your notebook is graded.
import warnings


def build_quietly(build):
    """Call a model builder; a Keras style warning (e.g. input_shape=) costs no points."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return build()


def check_published_stack(model, cell_class, window):
    """4 x (cell_class(50) + Dropout(0.2)) -> Dense(1, linear), input (None, window, 1)."""
    assert model.input_shape == (None, window, 1) and model.output_shape == (None, 1)
    layers = model.layers
    assert len(layers) == 9, [layer.name for layer in layers]
    for i, (recurrent, dropout) in enumerate(zip(layers[0:8:2], layers[1:8:2])):
        assert isinstance(recurrent, cell_class) and recurrent.units == 50, recurrent.name
        assert recurrent.return_sequences == (i < 3), f"{recurrent.name}: return_sequences"
        assert recurrent.get_config()["activation"] == "tanh", recurrent.name
        assert isinstance(dropout, keras.layers.Dropout) and dropout.rate == 0.2, dropout.name
    assert isinstance(layers[-1], keras.layers.Dense) and layers[-1].units == 1
    assert layers[-1].get_config()["activation"] == "linear"


def check_mean_squared_error(model):
    loss = keras.losses.get(model.loss) if isinstance(model.loss, str) else model.loss
    y, p = np.array([[0.5], [0.1], [0.9]], "float32"), np.array([[0.4], [0.3], [0.9]], "float32")
    np.testing.assert_allclose(np.mean(loss(y, p)), np.mean((y - p) ** 2), rtol=1e-6)


def test_build_published_lstm():
    model = build_quietly(build_published_lstm)
    check_published_stack(model, keras.layers.LSTM, window=60)
    assert model.count_params() == 71051, model.count_params()
    assert isinstance(model.optimizer, keras.optimizers.RMSprop)
    np.testing.assert_allclose(float(model.optimizer.learning_rate), 0.001, rtol=1e-6)
    check_mean_squared_error(model)


test_build_published_lstm()
### BEGIN HIDDEN TESTS
# The input follows the chapter's WINDOW (here 20 days), the parameter count does not; each
# call builds a new model.
from labutils.grading import substituted

with substituted(globals(), WINDOW=20):
    check_published_stack(build_quietly(build_published_lstm), keras.layers.LSTM, window=20)
    assert build_quietly(build_published_lstm).count_params() == 71051
first, second = build_quietly(build_published_lstm), build_quietly(build_published_lstm)
assert first is not second, "each call must build a new model"
### END HIDDEN TESTS


# %% nbgrader={"grade": false, "grade_id": "build_published_gru", "locked": false, "schema_version": 3, "solution": true, "task": false}
def build_published_gru():
    """The notebook's GRU: 4 x (GRU(50) + Dropout(0.2)) -> Dense(1), SGD(0.01, momentum 0.9), MSE.

    Compiled; input: windows of WINDOW days, one feature.
    """
    ### BEGIN SOLUTION
    model = keras.Sequential([
        keras.Input(shape=(WINDOW, 1)),
        keras.layers.GRU(50, activation="tanh", return_sequences=True),
        keras.layers.Dropout(0.2),
        keras.layers.GRU(50, activation="tanh", return_sequences=True),
        keras.layers.Dropout(0.2),
        keras.layers.GRU(50, activation="tanh", return_sequences=True),
        keras.layers.Dropout(0.2),
        keras.layers.GRU(50, activation="tanh"),
        keras.layers.Dropout(0.2),
        keras.layers.Dense(1),
    ], name="gru_4_layers")
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.01, momentum=0.9), loss="mse",
                  jit_compile=True)
    return model
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_build_published_gru", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false} tags=["hide-input"]
# Graded tests of build_published_gru (2 points). Visible: the layers (4 x GRU(50) with tanh,
# Keras's default reset_after=True, each but the last returning sequences, each followed by
# Dropout(0.2), then Dense(1) with a linear output), the input (None, 60, 1), 53,901
# parameters, SGD with learning rate 0.01 and momentum 0.9, and the mean squared error. No
# training. More tests run when your notebook is graded.
def test_build_published_gru():
    model = build_quietly(build_published_gru)
    check_published_stack(model, keras.layers.GRU, window=60)
    assert model.count_params() == 53901, model.count_params()
    assert isinstance(model.optimizer, keras.optimizers.SGD)
    np.testing.assert_allclose(float(model.optimizer.learning_rate), 0.01, rtol=1e-6)
    np.testing.assert_allclose(float(model.optimizer.momentum), 0.9, rtol=1e-6)
    check_mean_squared_error(model)


test_build_published_gru()
### BEGIN HIDDEN TESTS
# The input follows the chapter's WINDOW (here 20 days), the parameter count does not; each
# call builds a new model (the chapter trains two GRUs: on levels and on changes).
from labutils.grading import substituted

with substituted(globals(), WINDOW=20):
    check_published_stack(build_quietly(build_published_gru), keras.layers.GRU, window=20)
    assert build_quietly(build_published_gru).count_params() == 53901
first, second = build_quietly(build_published_gru), build_quietly(build_published_gru)
assert first is not second, "each call must build a new model"
### END HIDDEN TESTS


# %% [markdown]
# **Why this page trains for 10 epochs only.** The full 50-epoch runs, five seeds per model,
# come from `tools/seed_spread.py`, which builds and trains the models with this same code and
# saved every epoch's test RMSE, and each run's training time, in `data/precomputed/`. Their
# times, on one thread of this book's CPU:

# %%
study = precomputed.read("ibm_seed_spread.csv")
cpu_seconds = study.groupby("model", sort=False)["training CPU s"].mean()
for name in ["LSTM", "GRU"]:
    print(f"{name}: {cpu_seconds[name]:.0f} s of CPU for {PUBLISHED_EPOCHS} epochs, "
          f"{cpu_seconds[name] / PUBLISHED_EPOCHS:.1f} s per epoch (mean over seeds, precomputed)")
both_minutes = (cpu_seconds["LSTM"] + cpu_seconds["GRU"]) / 60
print(f"one 50-epoch run of each: {both_minutes:.1f} minutes, {both_minutes / 3:.1f} times "
      "this book's 3-minute limit for a chapter")

# %% [markdown]
# One run of each would take several times a chapter's budget, and would prove little anyway
# (see [five seeds each](#ibm-seeds)). So this page trains each model for its first
# **10 epochs**, with seed 0, and the 10-epoch runs below must land on the precomputed file's
# seed-0 values after epoch 10, which we check.

# %% tags=["remove-stderr"]
repro.seed_everything(SEED)
lstm = build_published_lstm()
history_lstm = forecast.fit_quietly(lstm, X_train, y_train, epochs=EPOCHS_HERE,
                                   batch_size=BATCH_SIZE["LSTM"])
repro.seed_everything(SEED)
gru = build_published_gru()
history_gru = forecast.fit_quietly(gru, X_train, y_train, epochs=EPOCHS_HERE, batch_size=BATCH_SIZE["GRU"])

# %%
fig, axes = plt.subplots(1, 2, figsize=(11, 3.5), sharey=True)
plots.plot_loss(history_lstm, f"LSTM, first {EPOCHS_HERE} epochs", ax=axes[0])
plots.plot_loss(history_gru, f"GRU, first {EPOCHS_HERE} epochs", ax=axes[1])
plt.show()

# %% tags=["nbval-ignore-output"]
predicted_lstm = forecast.predict_prices(lstm, X_test, scaler)
predicted_gru = forecast.predict_prices(gru, X_test, scaler)
table_here = forecast.comparison_table(
    test_high, {f"LSTM, {EPOCHS_HERE} epochs": predicted_lstm, f"GRU, {EPOCHS_HERE} epochs": predicted_gru,
                "persistence": previous}, previous)
table_here.round(3)

# %% [markdown]
# The check against the precomputed file: on this machine the two runs reproduce the file's
# seed-0 values after epoch 10 exactly; another CPU rounds differently, so the test allows
# 25 %. The verdict against persistence does not depend on that.

# %%
by_epoch = precomputed.read("ibm_rmse_by_epoch.csv")
for name, rmse in [("LSTM", table_here.iloc[0]["RMSE"]), ("GRU", table_here.iloc[1]["RMSE"])]:
    stored = by_epoch.query("model == @name and seed == @SEED and epoch == @EPOCHS_HERE")["test RMSE"].item()
    print(f"{name}: within 25 % of the precomputed seed-{SEED} RMSE after epoch {EPOCHS_HERE} "
          f"({stored:.3f}):", abs(rmse - stored) <= 0.25 * stored,
          "| beats persistence:", bool(rmse < persistence_rmse))

# %% [markdown]
# (ibm-seeds)=
# ## The published setup, five seeds each (precomputed)
#
# ```{note}
# **Precomputed.** The numbers in this section come from `data/precomputed/ibm_seed_spread.csv`
# and `data/precomputed/ibm_rmse_by_epoch.csv`, written by
# `.venv/bin/python tools/seed_spread.py` (one TensorFlow thread; the training times printed
# above). Each row is one model trained with the published setup (50 epochs) from one seed,
# with the code of this page.
# ```

# %%
spread = study.groupby("model", sort=False)["RMSE"].agg(["count", "mean", "std", "min", "max"])
spread.insert(0, "published RMSE", pd.Series(PUBLISHED_RMSE))
spread["mean / persistence"] = spread["mean"] / persistence_rmse
spread.round(3)

# %% [markdown]
# Over five seeds the published LSTM setup scores 3.86 ± 1.07 (3.00 to 5.63) and the GRU
# setup 3.24 ± 0.07 (3.17 to 3.33). Both published scores, 5.17 and 3.32, lie inside our
# ranges: we reproduce the notebook, and its numbers are single draws from these spreads.
# Each seed's score:

# %%
published_runs = study.query("model in ['LSTM', 'GRU']")
per_seed = published_runs.pivot(index="seed", columns="model", values="RMSE")[["LSTM", "GRU"]]
per_seed.round(2)

# %%
ratio_to_persistence = published_runs["RMSE"] / persistence_rmse
print(f"the ten runs, RMSE / persistence: {ratio_to_persistence.min():.2f} to {ratio_to_persistence.max():.2f};",
      "every one loses to persistence:", bool((ratio_to_persistence > 1).all()))

# %% [markdown]
# * **Every one of the ten runs loses to persistence**, by a factor of 1.95 to 3.66.
# * On average the GRU setup is better (3.24 against 3.86) and far steadier (standard
#   deviation 0.07 against 1.07); but the two setups differ in optimizer and batch size as
#   well as in the cell, so this says nothing about GRU cells against LSTM cells. And a
#   single run can rank them either way: with seed 0 the LSTM scores 3.00, better than every
#   GRU run.
#   The chapter [LSTM against GRU, on equal terms](lstm_vs_gru.ipynb) asks the fair question:
#   both cells with one optimizer, one batch size and one early stopping rule, on these data.
#
# :::{admonition} About the source report: a ranking from one run of each
# :class: dropdown
# Report 002 concludes "So, GRU works better than LSTM in this case", from one run of each:
# the GRU's 3.32 against the LSTM's 5.17. Both published numbers are ordinary draws from the
# spreads above (the LSTM's 5.17 lies between our two worst LSTM runs), and with seed 0 the
# ranking reverses. The notebook's models are the ones trained here: its training log prints
# the training loss of every epoch from the 23rd or 24th on, and at epochs 25 and 50 the mean
# of our five seeds lies within 9 % of it (the cells below; the log rounds its losses to two
# significant digits).
# :::

# %% tags=["hide-cell"] mystnb={"code_prompt_show": "Show the check against the notebook's training log", "code_prompt_hide": "Hide the check against the notebook's training log"}
PUBLISHED_TRAINING_LOSS = {("LSTM", 25): 0.0021, ("LSTM", 50): 0.0016,
                           ("GRU", 25): 0.0026, ("GRU", 50): 0.0021}
losses = by_epoch.query("model in ['LSTM', 'GRU'] and epoch in [25, 50]")
losses = losses.groupby(["model", "epoch"])["training loss"].agg(["mean", "std", "min", "max"])
losses.insert(0, "published", pd.Series(PUBLISHED_TRAINING_LOSS))
losses.round(5)

# %% tags=["hide-cell"] mystnb={"code_prompt_show": "Show the check against the notebook's training log", "code_prompt_hide": "Hide the check against the notebook's training log"}
relative = (losses["mean"] / losses["published"] - 1).abs()
print(f"mean of our seeds vs the published loss: at most {relative.max():.1%} apart "
      f"({relative.idxmax()[0]}, epoch {relative.idxmax()[1]})")

# %% [markdown]
# The epoch-by-epoch test RMSE of the runs shows where the LSTM's spread comes from: the
# score of a single LSTM run keeps moving during its last ten epochs,

# %%
last_ten = by_epoch.query("model == 'LSTM' and epoch > @PUBLISHED_EPOCHS - 10")
last_ten = last_ten.groupby("seed")["test RMSE"].agg(["min", "max"])
last_ten["max - min"] = last_ten["max"] - last_ten["min"]
last_ten.round(2).rename_axis("LSTM seed, epochs 41-50")

# %% [markdown]
# by up to 3.55 USD (seed 2: between 3.21 and 6.76), more than the whole gap between the
# published LSTM and GRU. The final number depends on where training happens to stop.

# %%
fig, ax = plt.subplots(figsize=(9, 4))
for (name, seed), run in by_epoch.query("model in ['LSTM', 'GRU']").groupby(["model", "seed"]):
    ax.plot(run["epoch"], run["test RMSE"], color="tab:blue" if name == "LSTM" else "tab:orange",
            alpha=0.6, label=name if seed == 0 else None)
ax.axhline(persistence_rmse, color="tab:gray", linestyle="--", label="persistence")
ax.scatter([PUBLISHED_EPOCHS] * 2, [PUBLISHED_RMSE["LSTM"], PUBLISHED_RMSE["GRU"]], color="black",
           zorder=3, label="published (LSTM, GRU)")
ax.set_yscale("log")
ax.set_title("Test RMSE after each epoch, five seeds per model (precomputed)")
ax.set_xlabel("epoch")
ax.set_ylabel("test RMSE (USD, log scale)")
ax.legend()
plt.show()

# %% [markdown]
# (ibm-lag-check)=
# ## Why a one-step model looks good in a plot: the lag check
#
# Plotted over a whole year, the predictions follow the real price closely:

# %%
ax = plots.plot_forecast(test.index, test_high,
                         {f"LSTM ({EPOCHS_HERE} epochs)": predicted_lstm,
                          f"GRU ({EPOCHS_HERE} epochs)": predicted_gru},
                         title="IBM daily high, 2017: one-step forecasts", ylabel="price (USD)")
plt.show()

# %% [markdown]
# They follow it **late**. The lag check scores each forecast against the actual price $k$
# days earlier, $\text{RMSE}(\hat{y}_t,\ y_{t-k})$: persistence, which repeats the last value,
# is exact at $k = 1$; a forecast that is closest at some $k \geq 1$ is, mostly, a delayed
# copy of the prices it was given.

# %% tags=["nbval-ignore-output"]
lags = pd.concat({"LSTM": lag_check(test_high, predicted_lstm, max_lag=10)["RMSE"],
                  "GRU": lag_check(test_high, predicted_gru, max_lag=10)["RMSE"],
                  "persistence": lag_check(test_high, previous, max_lag=10)["RMSE"]}, axis=1)
lags.round(3)

# %% [markdown]
# In the reference run the GRU's forecast is closest to the price of **5 days** before, and
# the LSTM's is still getting closer at 10 days (it also sits 1.8 USD above the price on
# average, which a falling year rewards at long lags): both are smoothed, delayed copies of
# the recent prices. The exact lags depend on the training run; that they are not 0 should
# not. The precomputed 50-epoch runs of the level models, scored at lags 0 to 3 only, are all
# closest at 3.

# %%
print("closer to an earlier day's price than to their own day's: LSTM", int(lags["LSTM"].idxmin()) >= 1,
      "| GRU", int(lags["GRU"].idxmin()) >= 1)
print("closest lag among 0-3 days, 50-epoch runs (precomputed):",
      study.groupby("model", sort=False)["closest lag (days)"].agg(lambda lag: sorted(set(lag))).to_dict())

# %% tags=["nbval-ignore-output"]
bias = pd.Series({"LSTM": np.mean(predicted_lstm - test_high), "GRU": np.mean(predicted_gru - test_high)})
bias.round(3).to_frame("mean error (forecast - real, USD)")

# %% [markdown]
# A month up close makes it visible: each forecast is roughly yesterday's price, a little
# smoothed and shifted. That is why the whole-year plot looks convincing: at that scale a
# one-day delay is invisible, and so is the fact that the persistence forecast (grey) is
# closer to the truth.

# %%
month = slice(100, 130)
ax = plots.plot_forecast(test.index[month], test_high[month],
                         {f"GRU ({EPOCHS_HERE} epochs)": predicted_gru[month], "persistence": previous[month]},
                         title="30 test days up close", ylabel="price (USD)")
plt.show()

# %% [markdown]
# (ibm-free-running)=
# ## Free-running generation
#
# The one-step forecasts above read the real price of every day before the target. The
# notebook's "sequence generation" answers the fair question, *what does the model predict for
# 2017 on the last day of 2016?*: start from the last 60 known days, predict one day, append
# the prediction to the window, drop its oldest value, and repeat 251 times. No 2017 price is
# used (`forecast.free_running_forecast`). The start is the last 60 training days,
# `train_high[-WINDOW:]`.
#
# :::{admonition} About the source report: the free-running start `X_train[2708]`
# :class: dropdown
# The notebook starts from `X_train[2708]`, the last *training window*; but the last window's
# target is the last training day, so that window **ends one day early** (on 2016-12-29, the
# cell below): its first generated value is a forecast for 2016-12-30, scored against
# 2017-01-03, and the whole generated year is one day out of step. The table below scores
# both starts. Over the five precomputed 50-epoch GRUs the notebook's start changes the score
# by only 0.07 USD on average (printed below the table): shifting a nearly straight line by
# one day hardly moves it. It is still the wrong window.
# :::

# %% tags=["hide-cell"] mystnb={"code_prompt_show": "Show the dates of the notebook's start", "code_prompt_hide": "Hide the dates of the notebook's start"}
last_window_dates = train.index[len(train) - WINDOW - 1:len(train) - 1]
print(f"the notebook's X_train[2708] holds {last_window_dates[0]:%Y-%m-%d} .. {last_window_dates[-1]:%Y-%m-%d}")
print(f"the last 60 training days are   {train.index[-WINDOW]:%Y-%m-%d} .. {train.index[-1]:%Y-%m-%d}")

# %% tags=["nbval-ignore-output"]
n_days = len(test_high)
generated = forecast.free_running_forecast(gru, train_high[-WINDOW:], n_days, scaler)
generated_published_start = forecast.free_running_forecast(gru, train_high[-WINDOW - 1:-1], n_days, scaler)
free_running = pd.Series({
    f"GRU ({EPOCHS_HERE} epochs), from the last 60 training days": generated,
    f"GRU ({EPOCHS_HERE} epochs), from the notebook's X_train[2708]": generated_published_start,
    "flat (last 2016 high)": np.full(n_days, train_high[-1]),
    "best constant in hindsight (2017 mean)": np.full(n_days, test_high.mean()),
}).map(lambda forecast_values: forecast.forecast_metrics(test_high, forecast_values, previous)["RMSE"])
free_running.round(3).to_frame("RMSE")

# %%
print("free-running GRU beats the flat forecast:", bool(free_running.iloc[0] < flat_rmse))
free_50 = study.query("model == 'GRU'")[["free-running RMSE", "free-running RMSE, published start"]]
print("50-epoch GRU, 5 seeds (precomputed), free-running RMSE: mean",
      free_50["free-running RMSE"].mean().round(2), "std", free_50["free-running RMSE"].std().round(2),
      "| from the notebook's start: mean", free_50["free-running RMSE, published start"].mean().round(2))

# %%
free_runs = study.query("model == 'GRU'").set_index("seed")
print("50-epoch GRU, free-running RMSE per seed:", free_runs["free-running RMSE"].round(2).to_dict())
start_effect = (free_runs["free-running RMSE, published start"] - free_runs["free-running RMSE"]).abs()
print(f"the notebook's start changes it by {start_effect.mean():.2f} USD on average")

# %%
ax = plots.plot_forecast(test.index, test_high,
                         {f"GRU free-running ({EPOCHS_HERE} epochs)": generated,
                          "flat (last 2016 high)": np.full(n_days, train_high[-1])},
                         title="2017 forecast on the last day of 2016", ylabel="price (USD)")
plt.show()

# %% [markdown]
# The generated year has none of the real year's swings. It is close to a straight line:

# %% tags=["nbval-ignore-output"]
days = np.arange(n_days)
slope, intercept = np.polyfit(days, generated, 1)
distance_from_line = np.abs(generated - (intercept + slope * days)).max()
print(f"slope {slope:+.4f} USD per day, {slope * n_days:+.2f} USD over the year; "
      f"largest distance from that straight line: {distance_from_line:.3f} USD")

# %% [markdown]
# Where does the line come from? Feed the GRU a window of 60 days at one constant price, the
# last 2016 high, and see what it predicts for the next day:

# %% tags=["nbval-ignore-output"]
flat_window = forecast.scale(scaler, np.full(WINDOW, train_high[-1])).reshape(1, WINDOW, 1)
step = forecast.predict_prices(gru, flat_window, scaler)[0] - train_high[-1]
print(f"after 60 days at {train_high[-1]:.2f} USD the GRU predicts {step:+.4f} USD from that price")

# %%
print("the generated year falls:", bool(slope < 0), "| so does the GRU's step from a flat window:", bool(step < 0))

# %% [markdown]
# The generated year is, to within about a dollar, a straight line falling about 0.11 USD a day
# (reference run). From a flat window the GRU also predicts a fall (0.85 USD in the reference
# run): at this price level the model has a downward bias, and fed its own forecasts it applies
# it again every day, 251 times. None of 2017's swings (the February
# high, the April drop, the October jump) appear in it. It beats the flat forecast, and even
# the best constant forecast in hindsight (the 2017 mean, whose RMSE of 12.16 is the standard
# deviation of the 2017 highs), only because IBM happened to fall in 2017: had it risen, the
# same line would have scored worse than the flat one. A bias that happened to point the
# right way is not a forecast.
#
# The seed matters here too: our 50-epoch GRUs give 11.41 ± 3.99 over five seeds, four of
# them between 8.88 and 10.93 and one at 18.42 (seed 2). The published 10.89 lies inside that
# range, and inside the one report 002 gives for its own GRU, run four times: "two times I
# got error of around 8 to 9", and "The worst case had an error of around 11".
#
# (ibm-architectures)=
# ## A bidirectional LSTM and an LSTM+GRU stack
#
# Two more architectures, each changing one thing in a published model (precomputed, as
# [the five seeds](#ibm-seeds), with two seeds each, since a bidirectional run is slow; see
# below):
#
# * **bidirectional LSTM**: the published LSTM with each layer wrapped in
#   `keras.layers.Bidirectional` (one pass forwards, one backwards over the 60-day window,
#   which lies entirely in the past, so this uses no future price; the
#   [Bitcoin chapter](forecast_btc.ipynb) draws a bidirectional layer);
# * **LSTM+GRU**: two LSTM layers then two GRU layers, trained like the published GRU
#   (SGD, batch 150), the better of the two published models.

# %%
claims = spread.loc[["LSTM", "GRU", "bidirectional LSTM", "LSTM+GRU"],
                    ["count", "mean", "std", "min", "max", "mean / persistence"]]
claims.round(3)

# %%
cost = cpu_seconds["bidirectional LSTM"] / cpu_seconds["LSTM"]
print(f"training CPU per 50-epoch run (precomputed, mean): bidirectional LSTM {cpu_seconds['bidirectional LSTM']:.0f} s, "
      f"LSTM {cpu_seconds['LSTM']:.0f} s: {cost:.1f} times")

# %% [markdown]
# Neither beats persistence, and neither is clearly better than the published models:
#
# * the **bidirectional LSTM** scores 3.32 and 2.96 with its two seeds, about 2 times
#   persistence. Both runs lie at the good end of the plain LSTM's five (3.00 to 5.63), so it
#   may be a little steadier, but two runs against a spread that large are no evidence of a
#   stronger model; it costs 2.6 times the training time (899 s of CPU per run against
#   352 s). Its forecasts, too, are closest to the price of three days before.
# * the **LSTM+GRU** stack scores 4.66 and 4.56, **worse** than every run of the GRU setup it
#   was trained like (3.17 to 3.33), and 3 times persistence.
#
# All of them are two to three times worse than "tomorrow = today". Changing the architecture
# does not fix the question the models are asked, which [the next section](#ibm-changes)
# changes.
#
# :::{admonition} About the source report: "even better results"
# :class: dropdown
# The notebook ends with two claims it does not show. Report 002 says "Bidirectional LSTM is
# also a good way so make the model stronger": two runs cannot confirm it, and neither run
# comes near persistence. And report 002 says "Applying both LSTM and GRU together gave even
# better results": not reproduced, since both runs of the LSTM+GRU stack score worse than
# every run of either published model except the LSTM's worst.
# :::
#
# (ibm-changes)=
# ## An honest design: predict the change
#
# A level model has to output tomorrow's price, about 150 USD, with an error of about 1 USD
# to match persistence: it must carry the last value through four layers, dropout and a
# squashing scaler almost perfectly, and any imperfection is added error. It also never
# learned anything that persistence does not already know. Predicting the **change** from the
# last known value instead,
#
# $$\hat{y}_t = y_{t-1} + \hat{\Delta}_t, \qquad \Delta_t = y_t - y_{t-1},$$
#
# makes persistence the model's starting point: a network that outputs $\hat\Delta_t = 0$ *is*
# persistence, and any skill it finds in the past changes is added on top. Daily changes of a
# large stock are close to unpredictable from its own past, so the honest expectation is a
# model that matches persistence and does not beat it by much; anything claiming much more
# from prices alone deserves suspicion. We train the published GRU, unchanged, on windows of the
# last 60 daily changes (scaled by a scaler fitted on the training changes) with the next
# change as target.

# %% nbgrader={"grade": false, "grade_id": "change_forecast", "locked": false, "schema_version": 3, "solution": true, "task": false}
def change_forecast(model, X_test_changes, change_scaler, previous):
    """One-step price forecasts from a model that predicts the scaled next change.

    previous: the last known price before each forecast day; returns a 1-D array of prices.
    """
    ### BEGIN SOLUTION
    predicted_change = forecast.predict_prices(model, X_test_changes, change_scaler)
    return previous + predicted_change
    ### END SOLUTION


# %% tags=["remove-stderr"]
train_changes, test_changes = forecast.daily_changes(train_high, test_high)
change_scaler = forecast.fit_scaler(train_changes)
scaled_train_changes = forecast.scale(change_scaler, train_changes)
scaled_test_changes = forecast.scale(change_scaler, test_changes)
X_train_changes, y_train_changes = make_windows(scaled_train_changes, WINDOW)
X_test_changes, _ = test_windows(scaled_train_changes, scaled_test_changes, WINDOW)
print("X_train_changes", X_train_changes.shape, "| X_test_changes", X_test_changes.shape)
print(f"training changes: mean {train_changes.mean():+.4f}, std {train_changes.std():.4f} USD per day")

repro.seed_everything(SEED)
gru_changes = build_published_gru()
history_changes = forecast.fit_quietly(gru_changes, X_train_changes, y_train_changes,
                                       epochs=EPOCHS_HERE, batch_size=150)

# %% tags=["nbval-ignore-output"]
predicted_from_changes = change_forecast(gru_changes, X_test_changes, change_scaler, previous)
table_changes = forecast.comparison_table(
    test_high, {f"GRU on changes, {EPOCHS_HERE} epochs": predicted_from_changes,
                f"GRU on levels, {EPOCHS_HERE} epochs": predicted_gru, "persistence": previous}, previous)
table_changes.round(3)

# %% nbgrader={"grade": true, "grade_id": "test_change_forecast", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false} tags=["hide-input"]
# Graded tests of change_forecast (2 points), with a stand-in model whose predictions are known
# (the last scaled change of each window plus 0.25), so that they need no trained network.
# Visible: 5 days of 60-day windows, to 1e-6 of the range of the changes. More tests run when
# your notebook is graded.
def stand_in_change_model(window):
    """Not a forecaster: Flatten -> Dense(1), weighted to return (last value of the window) + 0.25."""
    model = keras.Sequential([keras.Input((window, 1)), keras.layers.Flatten(), keras.layers.Dense(1)])
    kernel = np.zeros((window, 1))
    kernel[-1] = 1.0
    model.set_weights([kernel, np.array([0.25])])
    return model


def check_change_forecast(n_days, window, changes, seed):
    rng = np.random.default_rng(seed)
    change_scaler = forecast.fit_scaler(changes)
    X = rng.uniform(size=(n_days, window, 1)).astype("float32")
    previous = rng.uniform(100, 200, size=n_days)
    previous_before = previous.copy()
    prices = change_forecast(stand_in_change_model(window), X, change_scaler, previous)
    scaled_change = (X[:, -1, 0].astype("float64") + 0.25).reshape(-1, 1)
    expected = previous + change_scaler.inverse_transform(scaled_change).ravel()
    assert np.shape(prices) == (n_days,), np.shape(prices)
    np.testing.assert_allclose(prices, expected, rtol=0, atol=1e-6 * np.ptp(changes))
    np.testing.assert_array_equal(previous, previous_before, err_msg="previous was modified")


check_change_forecast(n_days=5, window=60, changes=np.random.default_rng(1).normal(0, 2, size=500), seed=2)
### BEGIN HIDDEN TESTS
check_change_forecast(n_days=1, window=3, changes=np.array([-5.0, 1.0, -0.5]), seed=3)
check_change_forecast(n_days=40, window=7, changes=np.random.default_rng(4).uniform(-0.2, 3.0, size=50), seed=5)
### END HIDDEN TESTS

# %% tags=["nbval-ignore-output"]
predicted_changes = predicted_from_changes - previous
print(f"predicted changes: mean {predicted_changes.mean():+.4f}, std {predicted_changes.std():.4f} USD,"
      f" negative on {np.mean(predicted_changes < 0):.1%} of the days")
print(f"actual changes:    mean {test_changes.mean():+.4f}, std {test_changes.std():.4f} USD,"
      f" negative on {np.mean(test_changes < 0):.1%} of the days")

# %%
changes_rmse = table_changes.iloc[0]["RMSE"]
stored = by_epoch.query("model == 'GRU on changes' and seed == @SEED and epoch == @EPOCHS_HERE")["test RMSE"].item()
print(f"within 25 % of the precomputed seed-{SEED} RMSE after epoch {EPOCHS_HERE} ({stored:.3f}):",
      abs(changes_rmse - stored) <= 0.25 * stored)
print("within 5 % of persistence:", abs(changes_rmse / persistence_rmse - 1) <= 0.05)
change_runs = study.query("model == 'GRU on changes'")["RMSE"] / persistence_rmse
print(f"50 epochs, {len(change_runs)} seeds (precomputed): RMSE / persistence",
      change_runs.agg(["mean", "std", "min", "max"]).round(3).to_dict())

# %% [markdown]
# The GRU on changes scores 1.540 after 10 epochs against persistence's 1.539, and
# between 1.539 and 1.552 after 50 epochs with the four precomputed seeds: persistence, to
# within 1 %. What it
# learned shows in its predicted changes: an almost constant $-0.12$ USD a day (their standard
# deviation is below one cent), that is "tomorrow = today, minus 12 cents". Its directional
# accuracy of 54 % is no skill either: it predicts a fall every day, so it is right exactly on
# the 54 % of 2017's days on which IBM's high fell.
#
# This is the honest target. The model starts from persistence and can only add what the past
# changes tell it, which, for the daily moves of a large stock, is next to nothing. The same
# network on the same days is about two times worse than persistence when asked for the level
# and as good as persistence when asked for the change: the difference is the question, not
# the network. A model that clearly beat persistence here would be news, and the first thing to
# look for would be a leak.
#
# ## Summary: published, ours, baselines
#
# Every RMSE of this chapter against the notebook's and against the baseline each forecast
# has to beat: persistence for one-step forecasts, the flat forecast for the free-running
# year. "Ours" is the mean over the precomputed seeds of the published 50-epoch setup.

# %%
ours = {"LSTM": study.query("model == 'LSTM'")["RMSE"],
        "GRU": study.query("model == 'GRU'")["RMSE"],
        "GRU, free-running": study.query("model == 'GRU'")["free-running RMSE"],
        "bidirectional LSTM": study.query("model == 'bidirectional LSTM'")["RMSE"],
        "LSTM+GRU": study.query("model == 'LSTM+GRU'")["RMSE"],
        "GRU on changes": study.query("model == 'GRU on changes'")["RMSE"]}
summary = pd.DataFrame({"published RMSE": pd.Series(PUBLISHED_RMSE),
                        "our RMSE (mean)": pd.Series({name: runs.mean() for name, runs in ours.items()}),
                        "std over seeds": pd.Series({name: runs.std() for name, runs in ours.items()}),
                        "seeds": pd.Series({name: runs.count() for name, runs in ours.items()})}).reindex(list(ours))
summary["baseline"] = ["flat" if name == "GRU, free-running" else "persistence" for name in summary.index]
summary["baseline RMSE"] = np.where(summary["baseline"] == "flat", flat_rmse, persistence_rmse)
summary["ours / baseline"] = summary["our RMSE (mean)"] / summary["baseline RMSE"]
summary.round(3)

# %% [markdown]
# ## Discussion
#
# * **The notebook is reproduced.** Our models reach its training losses, and its three
#   published scores lie inside the ranges of our seeds: LSTM 5.17 (ours 3.00 to 5.63), GRU
#   3.32 (3.17 to 3.33), free-running GRU 10.89 (8.88 to 18.42).
# * **No level model beats persistence.** Averaged over seeds the LSTM is 2.5 times worse than
#   "tomorrow = today", the GRU 2.1 times, the bidirectional LSTM 2.0 times and the LSTM+GRU
#   stack 3.0 times. The notebook's "awesome
#   score" is a plot that looks good, not a forecast that is.
# * **Why the plots look good**: the forecasts are delayed, smoothed copies of the prices they
#   were given; the lag check finds every 50-epoch run of a level model closest to the price
#   of three days before. At the scale of a year a delay of days is invisible.
# * **One run proves little.** The LSTM's spread over seeds (standard deviation 1.07 USD) is
#   larger than the published gap between the LSTM and the GRU, and its score moves by several
#   dollars from one epoch to the next. Any claim that one of these models is better needs
#   several seeds, and a comparison that changes one thing at a time.
# * **The honest design** predicts the change from the last price. It matches persistence (to
#   within 1 % with every seed) and does not beat it; that is what daily prices allow, and it is the result
#   a correct pipeline should expect.
# * **Free-running generation** produces a nearly straight line set by the model's small bias.
#   It beats the flat forecast only because IBM happened to fall in 2017.
# * **Limitations.** One stock and one test year; five seeds for the published models and
#   fewer for the others, all precomputed on one CPU (another CPU gives other runs, with a
#   similar spread); the published LSTM and GRU setups differ in optimizer and batch size as
#   well as in the cell, so their comparison does not isolate the cell; this page trains 10
#   of the 50 published epochs and takes the 50-epoch results from the precomputed files.
