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
# # Forecasting the Hang Seng Index: a test set that lies before the training set
#
# **Objective.** Reproduce report 001's variant of the stacked-LSTM recipe on the Hang Seng
# Index (HSI): 7-day windows, four LSTM(50) layers with Dropout(0.2), Dense(1), Adam, mean
# squared error, 100 epochs, batches of **3**. Its two files are newest-first, and its test
# days lie **before** its training days, so the published "forecast" ran backwards in time.
# We show it with the published notebook's own printed predictions, choose an honest split,
# train the corrected pipeline with the published hyperparameters, and compare it with
# persistence (tomorrow = today).
#
# **Sources.** Report 001 (Amany Akhyar, ITB), section 3.4, on `HSI.csv` (250 days) and
# `HSItest.csv` (25 days). The report shows its test code and results only as screenshots
# (Figs. 52 and 53); the notebook behind it, `PasarModal_basic_prediction_LSTM (DATA BARU).ipynb`
# in the author's repository `amanyakhyar/TugasPengenalanPola` (commit `ffe374f`), prints them,
# and we use its printed numbers below. The method is explained step by step in the
# [TATA chapter](forecast_tata.ipynb).

# %%
from labutils import repro

repro.use_single_thread()  # before TensorFlow is imported: repeatable training

import keras
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from sklearn.metrics import root_mean_squared_error

import labutils
from labutils import forecast, plots
from labutils.data import load_prices

print("labutils", labutils.__version__)

WINDOW = 7  # days of history per input (published)
EPOCHS = 100  # published
BATCH_SIZE = 3  # published
SEED = 0

# %% [markdown]
# ## 1. The data
#
# The dates are written DD-MM-YY; `load_prices` parses them and returns both files
# oldest-first. The copies `*_as_read` keep the files' own newest-first order, which the
# published code used. The first rows are the table report 001 prints (Fig. 49).

# %%
hsi_all_columns = load_prices("HSI.csv")
hsi = hsi_all_columns[["Open"]]
hsi_test = load_prices("HSItest.csv", columns="Open")
hsi_as_read, hsi_test_as_read = hsi.iloc[::-1], hsi_test.iloc[::-1]  # the files' own row order

print(f"HSI.csv:     {len(hsi)} days, {hsi.index[0]:%Y-%m-%d} .. {hsi.index[-1]:%Y-%m-%d}")
print(f"HSItest.csv: {len(hsi_test)} days, {hsi_test.index[0]:%Y-%m-%d} .. {hsi_test.index[-1]:%Y-%m-%d}")
hsi_all_columns.iloc[::-1].head()

# %% [markdown]
# The "test" file ends the day before the "training" file begins:

# %%
try:
    forecast.check_train_before_test(hsi, hsi_test)
except ValueError as error:
    print("ValueError:", error)

# %% [markdown]
# ## 2. What the published code did
#
# **Training windows.** `for i in range(7, 250)` (250 typed in, the number of rows) cuts
# windows in file order, so each one holds 7 days from the newest to the oldest and its target
# is the day *before* them. The scaler is fitted on all of `HSI.csv`. The published notebook
# prints one training window, `X_train[2]`; the same recipe on the data reproduces it exactly:

# %%
published_scaler = forecast.fit_scaler(hsi_as_read["Open"])
X_published_train, _ = forecast.make_windows(forecast.scale(published_scaler, hsi_as_read["Open"]), WINDOW)
print(X_published_train[2].ravel())
print(f"its inputs: {hsi_as_read.index[2]:%Y-%m-%d} back to {hsi_as_read.index[2 + WINDOW - 1]:%Y-%m-%d}, "
      f"its target: {hsi_as_read.index[2 + WINDOW]:%Y-%m-%d}")

# %% [markdown]
# The published notebook prints `[0.20264957, 0.26196681, 0.19945219, 0.21240209, 0.2019063,
# 0.22654997, 0.24451825]`.
#
# **Test windows.** The test inputs are the last 7 rows of `HSI.csv` in file order, which are
# its 7 **oldest** days, followed by the test file's rows. Because the test period ends the day
# before `HSI.csv` begins, this happens to be one unbroken newest-first series, and every
# published test window holds the 7 trading days **after** its target day:

# %%
published_dates = forecast.test_window_dates(hsi_as_read.index, hsi_test_as_read.index, WINDOW)
published_dates.head(4)

# %% [markdown]
# So the published result is a *backcast*: each test day is "predicted" from the week that
# followed it, by a model (and a scaler) fitted on the year that followed it. The notebook
# prints its 25 predictions, in the file's order (newest test day first):

# %%
PUBLISHED_PREDICTIONS = np.array([  # printed by the notebook behind report 001, file order
    24164.682, 26210.889, 27764.16, 28071.727, 28006.875, 27673.842, 27792.63, 27767.773,
    27660.352, 27235.264, 26881.18, 27006.006, 27208.947, 26819.412, 26463.865, 26556.459,
    26859.307, 26871.428, 27029.787, 27741.984, 27677.133, 27830.6, 27844.125, 28525.107,
    28485.727])
published_real = hsi_test_as_read["Open"].to_numpy()
print(len(PUBLISHED_PREDICTIONS), "published predictions for", len(published_real), "test days")

# %% [markdown]
# The lag check, in the published (file) order: row $k$ compares the prediction for a day with
# the real price $k$ rows earlier in the file, that is $k$ trading days **later** in time.

# %%
forecast.lag_check(published_real, PUBLISHED_PREDICTIONS, max_lag=3).round(1)

# %% [markdown]
# The published predictions are far closer to the **next** day's price (row 1) than to the
# day they are meant for (row 0): the network repeats the last input it was given, which is
# the next trading day. Even so, they are worse than simply copying that next day:

# %%
X_published_test, _ = forecast.test_windows(hsi_as_read["Open"], hsi_test_as_read["Open"], WINDOW)
next_day = X_published_test[:, -1, 0]  # the last input of each published window
print("RMSE of the published predictions:       ",
      round(root_mean_squared_error(published_real, PUBLISHED_PREDICTIONS), 2))
print("RMSE of 'repeat the next day' (the input):", round(root_mean_squared_error(published_real, next_day), 2))

# %% [markdown]
# ## 3. An honest split
#
# The two files are one contiguous series of 275 trading days, 2018-08-28 to 2019-10-10.
# We join them and keep the published sizes: the **earlier** 250 days train the model and the
# **later** 25 days test it. The number of test days is taken from the test file, not typed in.
# (Using the test file itself as the earlier, training part would leave 18 windows of 7 days:
# too few to train anything.)

# %%
series = pd.concat([hsi_test, hsi])  # both oldest-first; HSItest.csv comes first in time
n_test = len(hsi_test)
train, test = forecast.chronological_split(series, test_start=series.index[-n_test])
print(f"train: {len(train)} days, {train.index[0]:%Y-%m-%d} .. {train.index[-1]:%Y-%m-%d}")
print(f"test:  {len(test)} days, {test.index[0]:%Y-%m-%d} .. {test.index[-1]:%Y-%m-%d}")

# %% [markdown]
# The scaler is fitted on the 250 training days only (the published one had seen the whole
# year *after* its test days: a leak, now gone).

# %%
scaler = forecast.fit_scaler(train["Open"])
train_scaled = forecast.scale(scaler, train["Open"])
test_scaled = forecast.scale(scaler, test["Open"])
print("scaler fitted on", scaler.n_samples_seen_, "training days; min", scaler.data_min_[0].round(2),
      "max", scaler.data_max_[0].round(2))
print("scaled test prices: min", test_scaled.min().round(4), "max", test_scaled.max().round(4))

X_train, y_train = forecast.make_windows(train_scaled, WINDOW)
X_test, y_test = forecast.test_windows(train_scaled, test_scaled, WINDOW)
print("X_train", X_train.shape, "y_train", y_train.shape)
print("X_test ", X_test.shape, "y_test ", y_test.shape)
forecast.test_window_dates(train.index, test.index, WINDOW).head(3)

# %% [markdown]
# ## 4. The published model, trained forwards
#
# The published architecture and training (compiled with XLA for speed, as in the TATA
# chapter). With batches of 3, one epoch is 81 weight updates.

# %%
repro.seed_everything(SEED)
model = forecast.build_recurrent_model(WINDOW, cell="lstm", units=50, layers=4, dropout=0.2,
                                       jit_compile=True, steps_per_execution=27)
print("parameters:", model.count_params())

# %% tags=["remove-stderr"]
history = forecast.fit_quietly(model, X_train, y_train, epochs=EPOCHS, batch_size=BATCH_SIZE)

# %% tags=["nbval-ignore-output"]
final_loss = history.history["loss"][-1]
print(f"final training loss (scaled MSE): {final_loss:.3e}")

# %% [markdown]
# The published notebook's last epoch printed `loss: 0.0054`, on its backwards windows of
# the other scaling. We check the size only, within a factor of three:

# %%
print("final loss within a factor 3 of the published 0.0054:", 0.0018 < final_loss < 0.0162)

# %%
plots.plot_loss(history, "Hang Seng Index: training loss, 4 x LSTM(50), batch 3")
plt.show()

# %% [markdown]
# ## 5. Results against persistence
#
# Metrics as defined in the [TATA chapter](forecast_tata.ipynb); the last column is the RMSE divided by the
# persistence RMSE (below 1 beats persistence).

# %% tags=["nbval-ignore-output"]
actual = test["Open"].to_numpy()
predicted = forecast.predict_prices(model, X_test, scaler)
previous = forecast.persistence_forecast(train["Open"], test["Open"])
table = forecast.comparison_table(actual, {"LSTM": predicted, "persistence": previous}, previous)
table.round(3)

# %% [markdown]
# The persistence row is checked exactly. The LSTM row is much less repeatable here than in
# the TATA chapter: with only 243 windows and 8100 small-batch updates, a change in float
# rounding sends training elsewhere. Compiled without XLA (the same model and seed, other
# rounding, as on another CPU) it gave an RMSE of 404 instead of 323; with seed 1, 286. So
# the LSTM row is checked within **50 %** of this chapter's reference run (single thread,
# seed 0), and the verdict, which held in all three runs, exactly.

# %%
print(table.loc["persistence"].round(4).to_string())

REFERENCE_LSTM = {"RMSE": 323.31, "MAE": 223.25, "RMSE / persistence": 1.2932}  # reference run
forecast.check_against_reference(table, "LSTM", REFERENCE_LSTM, tolerance=0.50)
print("the LSTM beats persistence:", table.loc["LSTM", "RMSE / persistence"] < 1)

# %% [markdown]
# **Lag check**: row $k$ compares the prediction for day $t$ with the price of day $t-k$.

# %% tags=["nbval-ignore-output"]
lags = forecast.lag_check(actual, predicted, max_lag=3)
lags.round(1)

# %%
print("closer to the previous day's price than to the day's own:", lags.loc[1, "RMSE"] < lags.loc[0, "RMSE"])

# %%
plots.plot_forecast(test.index, actual, {"LSTM": predicted, "persistence": previous},
                    "Hang Seng Index: opening, September-October 2019", "opening level (points)")
plt.show()

# %% [markdown]
# ## 6. Discussion
#
# | | published (report 001, section 3.4) | this chapter |
# |---|---|---|
# | row order | newest-first files used as oldest-first | oldest-first (`load_prices`) |
# | split | "test" file lies *before* the training file | the two files joined; earlier 250 days train, later 25 test |
# | training windows | backwards in time, count `250` typed in | forward, 243 windows counted from the data |
# | scaler | fitted on the year after the test days (leak) | fitted on the training days |
# | test inputs | the 7 trading days *after* each test day (a backcast) | the 7 days before each test day |
# | evaluation | a plot | metrics against persistence; lag check |
#
# * The published predictions track the next day's price (lag check, row 1) and are still
#   worse than copying it. The plot looked good because the curve of the next day's price
#   is, to the eye, almost the curve of the day's price.
# * Trained forwards on the earlier 250 days, the same network reaches the published training
#   loss (5.3e-03 in the reference run, against 0.0054) and does **not** beat persistence on
#   the last 25 days: RMSE 323 against 250 points (ratio 1.29). Its prediction is closer to
#   the previous day's level (RMSE 221) than to the day's own: a lagging copy again. It
#   guessed the direction of the move on 17 of 25 days (68 %), which on 25 days is not
#   distinguishable from luck (a fair coin does at least that well about one time in
#   twenty).
# * **Limitations.** 243 training windows are few for a 71,051-parameter network, and 25 test
#   days are few to rank forecasters: the LSTM's RMSE moved between 286 and 404 across three
#   runs (two seeds, two float roundings), always above persistence. One seed is shown; the
#   test period is a different one from the published one (it has to be, to lie after the
#   training days).
