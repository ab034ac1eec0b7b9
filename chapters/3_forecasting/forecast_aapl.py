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
# # Forecasting Apple with the same stacked LSTM: a test period above every training price
#
# **Objective.** Apply the TATA recipe unchanged to Apple's daily opening price: 60-day
# windows, four LSTM(50) layers with Dropout(0.2), Dense(1), Adam, mean squared error, 100
# epochs, batches of 32. Show what the published code fed the network, train the corrected
# pipeline with the published hyperparameters, and compare it with persistence
# (tomorrow = today). The new lesson of this data set: every test price lies **above** the
# highest training price, which a network trained only on targets scaled into [0, 1] handles
# badly.
#
# **Source.** Report 000 (Irvan Ariyanto, ITB), section 4.4, on `AAPL.csv` (training) and
# `AAPL-TEST.csv` (test). It prints the code and the first rows of the data, and a plot.
# The method is explained step by step in the [TATA chapter](forecast_tata.ipynb); this
# chapter runs the same pipeline from `labutils.forecast` and comments on what differs.

# %%
from labutils import repro

repro.use_single_thread()  # before TensorFlow is imported: repeatable training

import matplotlib.pyplot as plt
import numpy as np
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
# Both files are stored newest-first; `load_prices` returns them oldest-first. The copies
# `*_as_read` keep the file order, which the published code used. The first rows are the table
# report 000 prints.

# %%
train_all_columns = load_prices("AAPL.csv")
train = train_all_columns[["Open"]]
test = load_prices("AAPL-TEST.csv", columns="Open")
train_as_read, test_as_read = train.iloc[::-1], test.iloc[::-1]  # the files' own row order

print(f"training file: {len(train)} days, {train.index[0]:%Y-%m-%d} .. {train.index[-1]:%Y-%m-%d}")
print(f"test file:     {len(test)} days, {test.index[0]:%Y-%m-%d} .. {test.index[-1]:%Y-%m-%d}")
forecast.check_train_before_test(train, test)
print("every training day lies before every test day")
train_all_columns.iloc[::-1].head()

# %% [markdown]
# ## 2. What the published code fed the network
#
# **Training windows.** `for i in range(60, 2049)` cuts windows from the first 2049 rows of
# the file, although it has 2249: the count was typed in, not taken from the data. In file
# order the first 2049 rows are the newest days, so the oldest 200 days never serve as
# training examples, and every window runs backwards in time (the target is the day *before*
# its 60 inputs):

# %%
PUBLISHED_ROWS = 2049  # range(60, 2049) in report 000
print("rows in the file:", len(train), "| rows the published windows use:", PUBLISHED_ROWS)
print(f"days left out of training: {train_as_read.index[PUBLISHED_ROWS]:%Y-%m-%d} back to "
      f"{train_as_read.index[-1]:%Y-%m-%d}")
print(f"published training example 1: inputs {train_as_read.index[0]:%Y-%m-%d} back to "
      f"{train_as_read.index[WINDOW - 1]:%Y-%m-%d}, target {train_as_read.index[WINDOW]:%Y-%m-%d}")

# %% [markdown]
# The published `MinMaxScaler` is fitted on all 2249 rows, so its minimum (43.60, in
# November 2010) comes from days the network never trains on. That is inconsistent but not a
# leak (they are past days). The corrected pipeline trains on all of them.
#
# **Test windows.** The recipe is that of `forecast.test_windows`, applied to the files in
# their own order; here are the dates behind each published test window:

# %%
published_dates = forecast.test_window_dates(train_as_read.index, test_as_read.index, WINDOW)
X_published, _ = forecast.test_windows(train_as_read["Open"], test_as_read["Open"], WINDOW)
published_dates["last input value"] = X_published[:, -1, 0]
published_dates["target value"] = test_as_read["Open"].to_numpy()
published_dates.round({"last input value": 2, "target value": 2})

# %% [markdown]
# As for TATA: the "last 60 training values" are the oldest 60 days of the file
# (November 2010 to February 2011, days the network never trained on), glued to test days in
# reverse order; every window but the first ends on the **next** trading day of its target.
# Copying that next day is exactly as good as persistence, because both make the same errors:

# %%
next_day_rmse = root_mean_squared_error(published_dates["target value"][1:],
                                        published_dates["last input value"][1:])
print("RMSE of 'repeat the next day' (published windows 2-16):", round(next_day_rmse, 4))
persistence = forecast.persistence_forecast(train["Open"], test["Open"])
persistence_rmse = root_mean_squared_error(test["Open"][1:], persistence[1:])
print("RMSE of persistence (yesterday's price, test days 2-16):", round(persistence_rmse, 4))

# %% [markdown]
# ## 3. The corrected pipeline
#
# The scaler is fitted on the training days only. Apple rose through the test weeks: **every**
# test price is above the highest training price, so every scaled test price is above 1,
# outside the range of all the targets the network was trained on.

# %%
scaler = forecast.fit_scaler(train["Open"])
train_scaled = forecast.scale(scaler, train["Open"])
test_scaled = forecast.scale(scaler, test["Open"])
print("scaler fitted on", scaler.n_samples_seen_, "training days; min", scaler.data_min_[0].round(4),
      "max", scaler.data_max_[0].round(4))
print("scaled test prices: min", test_scaled.min().round(4), "max", test_scaled.max().round(4))
print("test days above the training maximum:", int((test["Open"] > train["Open"].max()).sum()), "of", len(test))

# %%
X_train, y_train = forecast.make_windows(train_scaled, WINDOW)
X_test, y_test = forecast.test_windows(train_scaled, test_scaled, WINDOW)
print("X_train", X_train.shape, "y_train", y_train.shape)
print("X_test ", X_test.shape, "y_test ", y_test.shape)
forecast.test_window_dates(train.index, test.index, WINDOW).head(3)

# %% [markdown]
# The model and its training are the published ones (compiled with XLA, as in the TATA
# chapter, for speed).

# %%
repro.seed_everything(SEED)
model = forecast.build_recurrent_model(WINDOW, cell="lstm", units=50, layers=4, dropout=0.2,
                                       jit_compile=True, steps_per_execution=16)
print("parameters:", model.count_params())

# %% [markdown]
# As in the TATA chapter, this page trains the first **15 of the 100 epochs** (about 5 s each
# on this book's CPU); the full 100-epoch runs, seeds 0 to 4, come from
# `tools/tata_aapl_runs.py`, which trains this same model with this same code and stores every
# epoch's loss and test RMSE and each run's final forecasts in `data/precomputed/`. The page's
# run must land on the file's seed-0 values after epoch 15 (checked in section 4). Set
# `EPOCHS_HERE = EPOCHS` to train the full run here.

# %% tags=["remove-stderr"]
history = forecast.fit_quietly(model, X_train, y_train, epochs=EPOCHS_HERE, batch_size=BATCH_SIZE)

# %%
by_epoch = pd.read_csv(PRECOMPUTED / "aapl_by_epoch.csv", comment="#")
runs = forecast.precomputed_forecasts(PRECOMPUTED / "aapl_predictions.csv", test.index)
print("precomputed runs, epochs per seed:", by_epoch.groupby("seed")["epoch"].max().to_dict())

# %% [markdown]
# Report 000 does not print a training loss, but the notebook behind it (`PasarModal-Apple.ipynb`
# in `irvanariyanto/Pattern-Recognition---RNN-and-LSTM`) prints `6.7384e-04` for its last
# epoch, on its 1989 backwards windows. The loss is noisy from epoch to epoch (dropout), so we
# check the final loss of each 100-epoch run within a factor of two:

# %%
final_losses = by_epoch[by_epoch["epoch"] == EPOCHS].set_index("seed")["training loss"]
print("final training loss (scaled MSE) by seed:", final_losses.map("{:.2e}".format).to_dict())
print("all within a factor 2 of the published 6.7384e-04:", final_losses.between(3.37e-4, 1.35e-3).all())

# %%
title = "Apple: training loss, 4 x LSTM(50), seed 0"
seed_run = by_epoch[by_epoch["seed"] == SEED]
ax = plots.plot_loss({"loss": seed_run["training loss"].to_numpy()}, title,
                     label=f"{EPOCHS} epochs (precomputed)")
plots.plot_loss(history, title, label=f"first {EPOCHS_HERE} epochs (this page)", ax=ax)
plt.show()

# %% [markdown]
# ## 4. Results against persistence
#
# Metrics as defined in the TATA chapter; the last column is the RMSE divided by the
# persistence RMSE (below 1 beats persistence). The first row is the model trained on this
# page, the second the published setup (100 epochs, seed 0, precomputed).

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
# Checked as in the TATA chapter: the persistence row and the precomputed 100-epoch row
# exactly, and the verdict; then the page's run against the precomputed runs (its training
# loss within 25 % of the file's seed-0 value after epoch 15, its test RMSE inside the range
# of the five precomputed runs between epochs 5 and 25).

# %%
print(table.loc["persistence"].round(4).to_string())
print(table.loc[FULL].round(4).to_string())
print("the 100-epoch LSTM beats persistence:", table.loc[FULL, "RMSE / persistence"] < 1)

# %%
checks = forecast.check_against_precomputed(by_epoch, SEED, EPOCHS_HERE, history.history["loss"][-1],
                                            table.loc[HERE, "RMSE"], loss_tolerance=0.25, epochs_around=10)
print("this page's run agrees with the precomputed runs:", all(checks.values()))

# %% [markdown]
# **Lag check** of the 100-epoch run (row $k$ compares the prediction for day $t$ with the
# price of day $t-k$), and how far below the real price its predictions sit:

# %%
print(f"mean error of the LSTM (prediction - real): {np.mean(predicted - actual):.2f} USD; "
      f"below the real price on {int((predicted < actual).sum())} of {len(actual)} days; "
      f"highest prediction {predicted.max():.2f} (training maximum {train['Open'].max():.2f})")
lags = forecast.lag_check(actual, predicted, max_lag=3)
lags.round(3)

# %%
print("closer to the previous day's price than to the day's own:", lags.loc[1, "RMSE"] < lags.loc[0, "RMSE"])

# %%
plots.plot_forecast(test.index, actual, {FULL: predicted, HERE: predicted_here, "persistence": previous},
                    "Apple: opening price, October-November 2019", "opening price (USD)")
plt.show()

# %% [markdown]
# **Five seeds.** The same setup trained from five seeds (precomputed); each row is one
# 100-epoch run, the last column the shift (0 to 3 days) at which its forecast is closest to
# the real price.

# %%
by_seed = forecast.runs_table(actual, {f"seed {seed}": run for seed, run in runs.items()}, previous)
by_seed["below the real price (days)"] = [int((run < actual).sum()) for run in runs.values()]
by_seed.round(3)

# %%
spread = by_seed[["RMSE", "RMSE / persistence"]].agg(["mean", "std", "min", "max"])
print(spread.round(3).to_string())
print("runs that beat persistence:", int((by_seed["RMSE / persistence"] < 1).sum()), "of", len(runs))

# %%
plots.plot_rmse_by_epoch(by_epoch, table.loc["persistence", "RMSE"],
                         "Apple: test RMSE after each epoch, five seeds (precomputed)", "test RMSE (USD)")
plt.show()

# %% [markdown]
# The test RMSE of one run moves a lot from epoch to epoch, late in training too. Over the
# last ten epochs, and over every epoch of every run:

# %%
persistence_rmse_all_days = table.loc["persistence", "RMSE"]
last_ten = by_epoch[by_epoch["epoch"] > EPOCHS - 10]
print(f"test RMSE in epochs {EPOCHS - 9}-{EPOCHS}, all seeds: {last_ten['test RMSE'].min():.3f} to "
      f"{last_ten['test RMSE'].max():.3f} USD")
print(f"lowest test RMSE after any epoch of any run: {by_epoch['test RMSE'].min():.3f} "
      f"(persistence {persistence_rmse_all_days:.3f})")
print("epochs after which a run beats persistence:",
      int((by_epoch["test RMSE"] < persistence_rmse_all_days).sum()), "of", len(by_epoch))

# %% [markdown]
# ## 5. Discussion
#
# | | published (report 000, section 4.4) | this chapter |
# |---|---|---|
# | row order | newest-first file used as oldest-first | oldest-first (`load_prices`) |
# | training windows | backwards in time; `range(60, 2049)` drops the oldest 200 of 2249 days | forward; all 2189 windows of the 2249 days |
# | scaler | fitted on all 2249 rows, 200 of them never trained on (inconsistent, not a leak) | fitted on the training days |
# | test inputs | the oldest 60 days (2010-2011) + test days in reverse: windows end on the *next* day | the last 60 training days + test days |
# | evaluation | a plot, no number, no baseline | metrics against persistence; lag check; five seeds |
# | training | 100 epochs | 15 epochs on the page, 100 epochs precomputed (same code) |
#
# * The network reaches the published training loss (6.6e-04 to 7.7e-04 over five seeds,
#   against 6.7e-04) but does **not** beat persistence: seed 0, the best of the five runs,
#   has an RMSE of 5.91 against 2.92 (ratio 2.02); over the five seeds the setup scores
#   9.36 ± 2.94 (5.91 to 12.62), 2.0 to 4.3 times persistence.
# * Apple reached new highs during the test weeks, so the test asks the network for scaled
#   values above 1, which it never saw as targets. It does go a little above 1 (the highest
#   prediction of seed 0 is 258.7, against a training maximum of 244.5), but it trails the
#   rising price: below it on 15 or 16 of 16 days in every run (by 5.3 USD on average for
#   seed 0), and for every run the lag check keeps improving up to a shift of three days: a
#   slow, lagging copy. A forecaster of price *levels* on a min-max scale learns the range it
#   was trained on; predicting the day's *change* (or log-return) instead is the usual remedy.
# * The test RMSE jumps from epoch to epoch (2.5 to 16.9 over the last ten epochs of the five
#   runs), and after 22 of the 500 epochs (4 %, scattered over all five seeds, the first
#   after epoch 4) a run happens to come below persistence on these 16 days. Picking such an
#   epoch would be choosing the model by its test score, which is fitting the test days; after
#   the published 100 epochs every run loses.
# * The published plot hides all this, because its test inputs already contain the next day.
# * **Limitations.** Sixteen test days, five seeds, one feature; a different test month would
#   not have had this extrapolation problem, so the verdict is specific to these weeks.
