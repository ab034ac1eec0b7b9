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
# # Forecasting Google with a one-step LSTM: a plot shifted by one day
#
# **Objective.** Reproduce the tutorial's smallest forecaster: the opening price of day $t$
# predicts the opening price of day $t+1$, with one LSTM layer of 4 units (sigmoid
# activation), Dense(1), Adam, mean squared error, batches of 32, 200 epochs. The tutorial's
# data are in the right order; its mistake is in the evaluation: it feeds each test day's own
# price and plots the output against that same day, so the "prediction of tomorrow" is
# compared with today. We show what that does, train the published model, evaluate it on the
# right days, and compare it with persistence (tomorrow = today).
#
# **Source.** Report 003 (a tutorial on RNNs and LSTMs), part 7, "Practical implementation",
# on `Google_Stock_Price_Train.csv` (2012-2016) and `Google_Stock_Price_Test.csv`
# (January 2017). It prints the code, the first test rows and the last training epoch's loss.
# The pipeline is explained step by step in the [TATA chapter](forecast_tata.ipynb).

# %%
from labutils import repro

repro.use_single_thread()  # before TensorFlow is imported: repeatable training

import keras
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import labutils
from labutils import forecast, plots
from labutils.data import load_prices

print("labutils", labutils.__version__)

WINDOW = 1  # one time step: day t predicts day t+1 (published)
EPOCHS = 200  # published
BATCH_SIZE = 32  # published
SEED = 0

# %% [markdown]
# ## 1. The data
#
# Both files are oldest-first and write dates as M/D/YYYY, with thousands separators in the
# volumes; `load_prices` handles both. (The file's `Close` column is not split-adjusted
# before 2014-03-27, about twice `Open`; only `Open` is used here.) The first test rows are the
# tutorial's "dataset sample".

# %%
train = load_prices("Google_Stock_Price_Train.csv", columns="Open")
test_all_columns = load_prices("Google_Stock_Price_Test.csv")
test = test_all_columns[["Open"]]
print(f"training file: {len(train)} days, {train.index[0]:%Y-%m-%d} .. {train.index[-1]:%Y-%m-%d}")
print(f"test file:     {len(test)} days, {test.index[0]:%Y-%m-%d} .. {test.index[-1]:%Y-%m-%d}")
forecast.check_train_before_test(train, test)
print("every training day lies before every test day")
test_all_columns.head()

# %% [markdown]
# ## 2. The training pairs
#
# The tutorial scales with a `MinMaxScaler` fitted on the training file (correct: no test day
# is seen) and pairs `X_train = training_set[0:1257]` with `y_train = training_set[1:1258]`,
# reshaped to `(1257, 1, 1)`: today's price as a sequence of length one, tomorrow's as the
# target. Those are windows of one step, and `forecast.make_windows` gives the same pairs with
# the counts taken from the data:

# %%
scaler = forecast.fit_scaler(train["Open"])
train_scaled = forecast.scale(scaler, train["Open"])
test_scaled = forecast.scale(scaler, test["Open"])
X_train, y_train = forecast.make_windows(train_scaled, WINDOW)
print("X_train", X_train.shape, "y_train", y_train.shape)
print("same pairs as training_set[0:-1] -> training_set[1:]:",
      np.array_equal(X_train[:, 0, 0], train_scaled[:-1]) and np.array_equal(y_train, train_scaled[1:]))
print("test days above the training maximum:", int((test["Open"] > train["Open"].max()).sum()), "of", len(test))

# %% [markdown]
# ## 3. Which test inputs, for which days
#
# The tutorial feeds `inputs = real_stock_price`: the 20 test days' own prices. The output
# for input day $t$ is the model's guess for day $t+1$, yet it is plotted against day $t$.
# The correct inputs for the 20 test days are the prices of the day before each: the last
# training day, then the first 19 test days. `forecast.test_windows` builds exactly that:

# %%
X_test, y_test = forecast.test_windows(train_scaled, test_scaled, WINDOW)
X_published = test_scaled.reshape(-1, 1, 1)  # the tutorial's inputs: each day's own price
dates = forecast.test_window_dates(train.index, test.index, WINDOW)
dates["published input day"] = test.index
dates.head(4)

# %% [markdown]
# ## 4. The published model
#
# One LSTM layer of 4 units with sigmoid activation (the tutorial's
# `LSTM(units=4, activation='sigmoid', input_shape=(None, 1))`), no dropout, then Dense(1).
# It has $4 \times 4 \times (4 + 1 + 1) = 96$ LSTM weights and 5 in the output layer.

# %%
repro.seed_everything(SEED)
model = forecast.build_recurrent_model(WINDOW, cell="lstm", units=4, layers=1, dropout=0,
                                       activation="sigmoid", jit_compile=True,
                                       steps_per_execution=40)
print("parameters:", model.count_params())

# %% tags=["remove-stderr"]
history = forecast.fit_quietly(model, X_train, y_train, epochs=EPOCHS, batch_size=BATCH_SIZE)

# %% tags=["nbval-ignore-output"]
final_loss = history.history["loss"][-1]
print(f"final training loss (scaled MSE): {final_loss:.4e}")

# %% [markdown]
# The tutorial prints `loss: 2.4715e-04` for its last epoch. Ours depends on the initial
# weights and the CPU; we check it within a factor of two:

# %%
print("final loss within a factor 2 of the published 2.4715e-04:", 1.236e-4 < final_loss < 4.943e-4)

# %%
plots.plot_loss(history, "Google: training loss, LSTM(4, sigmoid)")
plt.show()

# %% [markdown]
# ## 5. Results against persistence
#
# Three forecasts of the 20 test days: the model with the correct inputs (the day before),
# persistence, and the model as the tutorial evaluated it (each day's own price as input).
# Metrics as defined in the [TATA chapter](forecast_tata.ipynb); the last column is the RMSE divided by the
# persistence RMSE (below 1 beats persistence).

# %% tags=["nbval-ignore-output"]
actual = test["Open"].to_numpy()
predicted = forecast.predict_prices(model, X_test, scaler)
published_alignment = forecast.predict_prices(model, X_published, scaler)
previous = forecast.persistence_forecast(train["Open"], test["Open"])
table = forecast.comparison_table(
    actual,
    {"LSTM": predicted, "persistence": previous, "LSTM, published alignment": published_alignment},
    previous)
table.round(3)

# %% [markdown]
# The persistence row is checked exactly; the LSTM row within 25 % of this chapter's reference
# run (single thread, seed 0); and the verdicts. This small model converges to nearly the same
# place whatever the float rounding: compiled without XLA, the same seed gave the same
# metrics to five digits. Another seed moves it more (seed 1: RMSE 12.4, ratio 1.47), with
# the same verdicts.

# %%
print(table.loc["persistence"].round(4).to_string())

REFERENCE_LSTM = {"RMSE": 15.0565, "MAE": 13.4990, "RMSE / persistence": 1.7891}  # reference run
forecast.check_against_reference(table, "LSTM", REFERENCE_LSTM, tolerance=0.25)
print("the LSTM beats persistence:", table.loc["LSTM", "RMSE / persistence"] < 1)
print("the published alignment looks better than persistence:",
      table.loc["LSTM, published alignment", "RMSE / persistence"] < 1)

# %% [markdown]
# **Lag check.** With the correct inputs, a one-step model can only map yesterday's price to a
# number near it, so its prediction should be closer to yesterday's price than to today's.
# We also print its mean error (bias):

# %% tags=["nbval-ignore-output"]
print(f"mean error of the LSTM (prediction - real): {np.mean(predicted - actual):.2f} USD")
lags = forecast.lag_check(actual, predicted, max_lag=3)
lags.round(3)

# %%
print("closer to the previous day's price than to the day's own:", lags.loc[1, "RMSE"] < lags.loc[0, "RMSE"])

# %%
plots.plot_forecast(test.index, actual,
                    {"LSTM": predicted, "persistence": previous,
                     "LSTM, published alignment": published_alignment},
                    "Google: opening price, January 2017", "opening price (USD)")
plt.show()

# %% [markdown]
# ## 6. Discussion
#
# | | published (report 003, part 7) | this chapter |
# |---|---|---|
# | row order | oldest-first (correct) | oldest-first |
# | training pairs | `[0:1257]` -> `[1:1258]`, counts typed in | one-step windows, counts from the data |
# | scaler | fitted on the training file (correct) | fitted on the training days |
# | test inputs | each test day's own price, output plotted against the same day | the previous day's price |
# | evaluation | a plot, no number, no baseline | metrics against persistence; lag check |
#
# * The published training is reproduced: the last epoch's loss is 2.70e-04 in the reference
#   run, against the tutorial's 2.47e-04.
# * A one-step LSTM can do no more than map today's price to a number near it. In the
#   reference run that number is about today's price minus 12 USD: the training years
#   (2012-2016) hold only 7 days above 800 USD, and January 2017 opened at or above the 2016
#   highs, so the model is biased low exactly where it is tested. Evaluated on the day it
#   forecasts, it is a lagging copy of the series with that offset: RMSE 15.1 against 8.4 for
#   persistence (ratio 1.79). It does not beat persistence.
# * The tutorial's alignment (output for day $t+1$ drawn at day $t$) flatters it (RMSE 12.7,
#   since the lag disappears and only the offset remains), which is why its plot looks like a
#   good forecast; it is still worse than persistence.
# * **Limitations.** Twenty test days in a single month; one seed; one feature. A window of one
#   step gives the LSTM no sequence to remember, so this model says nothing about what longer
#   windows can do (the TATA and Hang Seng chapters try those).
