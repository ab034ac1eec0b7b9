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
# # Forecasting TATA Global with a stacked LSTM: the published recipe, corrected
#
# **Objective.** Predict the next day's opening price of TATA Global Beverages from the
# previous 60 days with four stacked LSTM layers, exactly as the source reports set it up,
# and find out whether it works. We first show, cheaply and from the data alone, what the
# published code actually fed to the network (it read a newest-first file as if it were
# oldest-first), then train the corrected pipeline with the published hyperparameters and
# compare it with the simplest possible forecast, **persistence** (tomorrow = today).
#
# **Sources.** Report 000 (Irvan Ariyanto, ITB), sections 3.3 and 4.3, and report 001 (Amany
# Akhyar, ITB), section 3.3: the same code, on `NSE-TATAGLOBAL.csv` (training) and
# `tatatest.csv` (test). Neither report prints a number for the forecast: only a plot.
#
# This chapter is the template of the forecasting chapters; the pipeline lives in
# `labutils.forecast` and `labutils.plots`, called in the open below.

# %%
from labutils import repro

repro.use_single_thread()  # before TensorFlow is imported: repeatable training

import matplotlib.pyplot as plt
import pandas as pd
from sklearn.metrics import root_mean_squared_error

import labutils
from labutils import forecast, plots
from labutils.data import DATA_DIR, load_prices

print("labutils", labutils.__version__)

WINDOW = 60  # days of history per input (published)
EPOCHS = 100  # published
EPOCHS_HERE = 15  # trained on this page; the 100-epoch runs are precomputed (section 3)
BATCH_SIZE = 32  # published
SEED = 0
PRECOMPUTED = DATA_DIR / "precomputed"

# %% [markdown]
# ## 1. The data, and the order the published code read it in
#
# `load_prices` returns every file oldest-first with a date index. The two TATA files are
# stored **newest-first** (see `data/SOURCES.md`). The published code read them with
# `pd.read_csv` and used the rows in file order, so we keep a copy in that order,
# `*_as_read`, to see what it did. Its first rows are the table both reports print.

# %%
train_all_columns = load_prices("NSE-TATAGLOBAL.csv")
train = train_all_columns[["Open"]]
test = load_prices("tatatest.csv", columns="Open")
train_as_read, test_as_read = train.iloc[::-1], test.iloc[::-1]  # the files' own row order

print(f"training file: {len(train)} days, {train.index[0]:%Y-%m-%d} .. {train.index[-1]:%Y-%m-%d}")
print(f"test file:     {len(test)} days, {test.index[0]:%Y-%m-%d} .. {test.index[-1]:%Y-%m-%d}")
train_all_columns.iloc[::-1].head()

# %% [markdown]
# The test days follow the training days with no gap and no overlap:

# %%
forecast.check_train_before_test(train, test)
print("every training day lies before every test day")

# %% [markdown]
# ## 2. What the published code fed the network
#
# The published code cuts windows with `for i in range(60, 2035)`: input
# `training_set_scaled[i-60:i]`, target `training_set_scaled[i]`. The count 2035 is the number
# of rows of the file, typed in by hand. In file order, row $i$ is *older* than rows
# $i-60, \dots, i-1$, so every training example asks the network to guess the day **before**
# a window of 60 days, reading them from the newest to the oldest:

# %%
first_window = train_as_read.index[:WINDOW]
print(f"published training example 1: inputs {first_window[0]:%Y-%m-%d} back to {first_window[-1]:%Y-%m-%d}, "
      f"target {train_as_read.index[WINDOW]:%Y-%m-%d}")
print("number of published training windows:", len(train) - WINDOW)

# %% [markdown]
# The test inputs are built by `pd.concat((train["Open"], test["Open"]))`, then the last
# `len(test) + 60` values, then windows `range(60, 76)`. That is the recipe of
# `forecast.test_windows`, so we can apply it to the *dates* in file order and read off which
# days each published test window holds:

# %%
published_dates = forecast.test_window_dates(train_as_read.index, test_as_read.index, WINDOW)
X_published, _ = forecast.test_windows(train_as_read["Open"], test_as_read["Open"], WINDOW)
published_dates["last input value"] = X_published[:, -1, 0]
published_dates["target value"] = test_as_read["Open"].to_numpy()
published_dates

# %% [markdown]
# Three mistakes at once:
#
# * the "last 60 training values" are the **oldest** 60 days of the file (July to October
#   2010), not the days before the test period;
# * every window but the first starts with 2010 prices and continues with October 2018
#   prices: an eight-year jump inside one input;
# * the last input of every window but the first is the **next** trading day of the target:
#   the network is shown the future. A network trained on such windows mostly repeats its
#   last input (the Hang Seng chapter shows it with a published notebook's own printed
#   predictions), so the published prediction for each day is close to the next day's price,
#   which makes the published plot look good. Here is that "repeat the last input" rule,
#   applied to the published windows, against the honest persistence forecast:

# %%
# The first published window ends on a 2010 price; the other 15 end on the next trading day.
next_day_rmse = root_mean_squared_error(published_dates["target value"][1:],
                                        published_dates["last input value"][1:])
print("RMSE of 'repeat the next day' (published windows 2-16):", round(next_day_rmse, 4))
persistence = forecast.persistence_forecast(train["Open"], test["Open"])
persistence_rmse = root_mean_squared_error(test["Open"][1:], persistence[1:])
print("RMSE of persistence (yesterday's price, test days 2-16):", round(persistence_rmse, 4))

# %% [markdown]
# The two numbers are equal, and must be: both make exactly the same 15 errors, the moves
# between consecutive test days, once forwards and once backwards. Copying tomorrow is exactly
# as good as copying yesterday, so a plot cannot tell a useful forecast from one that peeks;
# only a baseline can, which is why every table below has one.
#
# The scaler is **not** a problem here: the published code fits the `MinMaxScaler` on the
# training file only, which lies entirely before the test days. The corrected pipeline does
# the same.
#
# ## 3. The corrected pipeline
#
# **Scaling.** With $p_t$ the opening price on day $t$ and the minimum and maximum taken over
# the training days only,
#
# $$\tilde{p}_t = \frac{p_t - \min_{\text{train}} p}{\max_{\text{train}} p - \min_{\text{train}} p}.$$
#
# Test prices may fall outside $[0, 1]$; that is the honest price of not peeking.

# %%
scaler = forecast.fit_scaler(train["Open"])
train_scaled = forecast.scale(scaler, train["Open"])
test_scaled = forecast.scale(scaler, test["Open"])
print("scaler fitted on", scaler.n_samples_seen_, "training days; min", scaler.data_min_[0],
      "max", scaler.data_max_[0])
print("scaled test prices: min", test_scaled.min().round(4), "max", test_scaled.max().round(4))

# %% [markdown]
# **Windows.** Oldest-first, example $i$ holds the 60 days $\tilde p_i, \dots, \tilde p_{i+59}$
# and its target is the next day, $\tilde p_{i+60}$. A series of $N$ days gives $N - 60$
# examples, counted from the data.

# %%
X_train, y_train = forecast.make_windows(train_scaled, WINDOW)
X_test, y_test = forecast.test_windows(train_scaled, test_scaled, WINDOW)
print("X_train", X_train.shape, "y_train", y_train.shape)
print("X_test ", X_test.shape, "y_test ", y_test.shape)
forecast.test_window_dates(train.index, test.index, WINDOW).head(3)

# %% [markdown]
# Now the test window of each day ends the trading day before it, and the first one holds
# the last 60 training days.
#
# **Model.** Four LSTM layers of 50 units, each followed by Dropout(0.2), then Dense(1); Adam
# and mean squared error; 100 epochs with batches of 32, as published. Each LSTM layer has
# $4 \times 50 \times (50 + n_{\text{in}} + 1)$ weights, with $n_{\text{in}} = 1$ for the first
# and 50 for the others. The model is compiled with XLA (`jit_compile=True`), which trains it
# in about 60 % of the time on this CPU and is repeatable; it changes the float rounding, not
# the model.

# %%
repro.seed_everything(SEED)
model = forecast.build_recurrent_model(WINDOW, cell="lstm", units=50, layers=4, dropout=0.2,
                                       jit_compile=True, steps_per_execution=16)
pd.DataFrame([(layer.name, layer.output.shape, layer.count_params()) for layer in model.layers],
             columns=["layer", "output shape", "parameters"])

# %% [markdown]
# **Training: the first 15 of the 100 epochs on this page.** One epoch takes about 5 s on this
# book's 2-core CPU (one thread, XLA): the five precomputed 100-epoch runs below took 491 to
# 577 s of CPU each, twice this book's time budget for a whole chapter. And one run would
# prove little anyway: how much does the result depend on the seed? So this page
# trains the model for its first **15 epochs** (seed 0), and the full 100-epoch runs, with
# seeds 0 to 4, come from `tools/tata_aapl_runs.py`. That script builds and trains the model
# with this same code and stores every epoch's training loss and test RMSE, and each run's
# final forecasts, in `data/precomputed/` (its README gives the command). The page's 15
# epochs must land on the file's seed-0 values after epoch 15, which section 4 checks. To
# train the full run on the page instead, set `EPOCHS_HERE = EPOCHS`.
#
# A progress bar goes to stderr while it runs (the cell's `remove-stderr` tag keeps it off the
# book's page); the page keeps the loss curve instead.

# %% tags=["remove-stderr"]
history = forecast.fit_quietly(model, X_train, y_train, epochs=EPOCHS_HERE, batch_size=BATCH_SIZE)

# %% [markdown]
# The precomputed runs: one row per epoch in `tata_by_epoch.csv`, one row per test day (the
# forecast after the 100th epoch) in `tata_predictions.csv`.

# %%
by_epoch = pd.read_csv(PRECOMPUTED / "tata_by_epoch.csv", comment="#")
runs = forecast.precomputed_forecasts(PRECOMPUTED / "tata_predictions.csv", test.index)
print("precomputed runs, epochs per seed:", by_epoch.groupby("seed")["epoch"].max().to_dict())

# %% [markdown]
# The notebooks behind the reports print their last epochs' training loss (the reports do
# not): `6.3220e-04` (report 000's repository) and `5.7168e-04` (report 001's). Their windows
# ran backwards in time, which does not change the statistics of day-to-day moves, so the loss
# should be of the same size; the loss is noisy from epoch to epoch (dropout), so we check the
# final loss of each 100-epoch run within a factor of two of `6e-04`:

# %%
final_losses = by_epoch[by_epoch["epoch"] == EPOCHS].set_index("seed")["training loss"]
print("final training loss (scaled MSE) by seed:", final_losses.map("{:.2e}".format).to_dict())
print("all within a factor 2 of the published 6e-04:", final_losses.between(3e-4, 1.2e-3).all())

# %%
title = "TATA: training loss, 4 x LSTM(50), seed 0"
seed_run = by_epoch[by_epoch["seed"] == SEED]
ax = plots.plot_loss({"loss": seed_run["training loss"].to_numpy()}, title,
                     label=f"{EPOCHS} epochs (precomputed)")
plots.plot_loss(history, title, label=f"first {EPOCHS_HERE} epochs (this page)", ax=ax)
plt.show()

# %% [markdown]
# ## 4. Results against persistence
#
# The persistence forecast of day $t$ is $\hat p_t = p_{t-1}$ (for the first test day, the last
# training day). With $n$ test days and the forecast $\hat p_t$:
#
# $$\text{RMSE} = \sqrt{\tfrac{1}{n}\textstyle\sum_t (\hat p_t - p_t)^2}, \quad
# \text{MAE} = \tfrac{1}{n}\textstyle\sum_t |\hat p_t - p_t|, \quad
# \text{MAPE} = \tfrac{100}{n}\textstyle\sum_t \left|\frac{\hat p_t - p_t}{p_t}\right|,$$
#
# and the directional accuracy is the share of days where
# $\operatorname{sign}(\hat p_t - p_{t-1}) = \operatorname{sign}(p_t - p_{t-1})$. Persistence
# always predicts "no change", so its directional accuracy is 0 % by construction (unless the
# price does not move). The last column is the RMSE divided by the persistence RMSE: below 1
# beats persistence. The first row is the model trained on this page, the second the published
# setup (100 epochs, seed 0, precomputed).

# %% tags=["nbval-ignore-output"]
actual = test["Open"].to_numpy()
previous = forecast.persistence_forecast(train["Open"], test["Open"])
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

# %% [markdown]
# The row of this page depends on the float rounding of 15 epochs of training. On the machine
# that wrote the file it equals the precomputed seed-0 run after epoch 15, exactly. Another
# CPU rounds differently, which makes its run another draw, and the test RMSE of one draw
# jumps a lot from one epoch to the next (section 5 shows how much). So the page checks what
# carries over: its final training loss within 25 % of the file's seed-0 value after epoch 15,
# and its test RMSE inside the range that the five precomputed runs reach between epochs 5
# and 25.

# %%
checks = forecast.check_against_precomputed(by_epoch, SEED, EPOCHS_HERE, history.history["loss"][-1],
                                            table.loc[HERE, "RMSE"], loss_tolerance=0.25, epochs_around=10)
print("this page's run agrees with the precomputed runs:", all(checks.values()))

# %% [markdown]
# **Lag check.** If the network only learned to repeat its last input, its prediction for day
# $t$ is closer to the price of day $t-1$ than to the price of day $t$. Row $k$ compares the
# prediction of the 100-epoch run for day $t$ with the price of day $t-k$:

# %%
lags = forecast.lag_check(actual, predicted, max_lag=3)
lags.round(3)

# %%
print("closer to the previous day's price than to the day's own:", lags.loc[1, "RMSE"] < lags.loc[0, "RMSE"])

# %%
plots.plot_forecast(test.index, actual, {FULL: predicted, HERE: predicted_here, "persistence": previous},
                    "TATA Global: opening price, October 2018", "opening price (INR)")
plt.show()

# %% [markdown]
# ## 5. Five seeds: one run is one draw
#
# The same setup trained from five seeds (precomputed, as above). Each row is one 100-epoch
# run; the last column is the shift (0 to 3 days) at which its forecast is closest to the real
# price.

# %%
by_seed = forecast.runs_table(actual, {f"seed {seed}": run for seed, run in runs.items()}, previous)
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
# ## 6. Discussion
#
# | | published (reports 000, 001) | this chapter |
# |---|---|---|
# | row order | newest-first file used as oldest-first | oldest-first (`load_prices`) |
# | training windows | run backwards in time, count `2035` typed in | forward, count from the data (1975) |
# | test inputs | the oldest 60 days (2010) + test days in reverse: windows end on the *next* day | the last 60 training days + test days; windows end the day before |
# | scaler | fitted on the training file (correct) | fitted on the training days |
# | evaluation | a plot, no number, no baseline | RMSE, MAE, MAPE, direction, against persistence; lag check; five seeds |
# | training | 100 epochs | 15 epochs on the page, 100 epochs precomputed (same code) |
#
# * The published plot looks convincing because its inputs contain the next day's price; a
#   "forecast" that copies tomorrow is as good as persistence, and no better.
# * Corrected and trained with the published hyperparameters, the network reaches the
#   published training loss (6.0e-04 to 6.9e-04 over five seeds, against 6.3e-04 and
#   5.7e-04), but it does **not** beat persistence: seed 0, the best of the five runs, has an
#   RMSE of 6.72 against 5.93 (ratio 1.13) and guesses the direction of the day's move on 6
#   of 16 days. Its prediction is much closer to the previous day's price (RMSE 2.87) than to
#   the day's own (6.72): it is a smoothed, lagging copy of the series. For a daily price this
#   is expected: day-to-day moves are close to unpredictable from past prices alone, so a
#   network trained on squared error learns to stay near the last price, and smoothing it
#   only adds lag.
# * **One run is one draw.** Over five seeds the published setup scores 8.49 ± 1.11 (6.72 to
#   9.43), 1.13 to 1.59 times persistence; the other four runs are closest to the price of
#   two days before. The test RMSE of a single run also jumps from epoch to epoch, between
#   6.4 and 14.5 over the last ten epochs of the five runs, and not one epoch of any run
#   comes below persistence. "After 100 epochs" names one point of a noisy curve, not a
#   converged result; our seed 0 happened to stop at a good one.
# * **Limitations.** Sixteen test days are far too few to rank forecasters: a different seed,
#   stopping epoch, CPU or test month moves the RMSE by tens of percent (hence the ranges
#   above), and five seeds show the spread, not a precise mean. The model only ever sees the
#   opening price.
