"""The forecasting plumbing shared by the stock-price chapters.

The lesson of the forecasting chapters (cutting windows, the persistence baseline, the lag
check, the Keras model) is written in the chapters themselves: students write it in the
TATA chapter and paste it into the later ones. This module holds what is not the lesson:
a chronological split, the train-only min-max scaler, the dates behind windows, training
without log spam, predictions back in price units and the table of metrics. A chapter
calls them in the open, in this order::

    train, test = chronological_split(prices, test_start)       # or two files
    scaler = fit_scaler(train["Open"])                           # train only
    scaled_train, scaled_test = scale(scaler, train["Open"]), scale(scaler, test["Open"])
    X, y = make_windows(scaled_train, window)                    # the chapter's
    X_test, y_test = test_windows(scaled_train, scaled_test, window)   # the chapter's
    model = keras.Sequential([...])                              # the chapter's, after seeding
    history = fit_quietly(model, X, y, epochs, batch_size)
    predicted = predict_prices(model, X_test, scaler)
    previous = persistence_forecast(train["Open"], test["Open"])  # the chapter's
    comparison_table(test["Open"], {"model": predicted, "persistence": previous}, previous)

Importing this module imports Keras (and TensorFlow): in a chapter, call
``labutils.repro.use_single_thread()`` first, and ``labutils.repro.seed_everything``
after the import, so that Keras is seeded too. The tolerance checks of training results
are in ``labutils.checks``, the readers of precomputed runs in ``labutils.precomputed``.

Introduced in: Forecasting TATA.
"""

from __future__ import annotations

import sys

import keras
import numpy as np
import pandas as pd
from sklearn.metrics import (
    mean_absolute_error,
    mean_absolute_percentage_error,
    root_mean_squared_error,
)
from sklearn.preprocessing import MinMaxScaler
from tqdm.std import tqdm


# ---------------------------------------------------------------------------
# Splitting and scaling
# ---------------------------------------------------------------------------

def chronological_split(frame: pd.DataFrame, test_start) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split an oldest-first, date-indexed frame into the days before ``test_start`` and the rest.

    ``test_start`` is a date (string or Timestamp); it is the first test day or earlier.
    Returns ``(train, test)``; raises ValueError when the frame is not oldest-first or a part
    would be empty. Introduced in: Forecasting Hang Seng.
    """
    if not frame.index.is_monotonic_increasing:
        raise ValueError("the frame is not oldest-first: load it with labutils.data.load_prices")
    test_start = pd.Timestamp(test_start)
    train, test = frame[frame.index < test_start], frame[frame.index >= test_start]
    for name, part in (("train", train), ("test", test)):
        if len(part) == 0:
            raise ValueError(f"the {name} part is empty (split at {test_start:%Y-%m-%d})")
    return train, test


def _as_column(values) -> np.ndarray:
    """A 1-D series or array as a float column of shape (n, 1); a 2-D array is kept as is."""
    values = np.asarray(values, dtype="float64")
    if values.ndim == 1:
        return values.reshape(-1, 1)
    if values.ndim != 2:
        raise ValueError(f"expected a 1-D or 2-D array, got shape {values.shape}")
    return values


def fit_scaler(train_values) -> MinMaxScaler:
    """A MinMaxScaler to [0, 1] fitted on the TRAINING values only.

    ``train_values``: 1-D (one series) or 2-D (n_days, n_features). Fitting on the
    training part only keeps the test period's highs and lows out of the model's
    inputs; test values may then scale to slightly below 0 or above 1, which is fine.
    Introduced in: Forecasting TATA.
    """
    return MinMaxScaler(feature_range=(0, 1)).fit(_as_column(train_values))


def scale(scaler: MinMaxScaler, values) -> np.ndarray:
    """Scale a 1-D series with a fitted scaler and return it 1-D (2-D input stays 2-D).

    Introduced in: Forecasting TATA.
    """
    values_2d = _as_column(values)
    scaled = scaler.transform(values_2d)
    return scaled.ravel() if np.ndim(values) == 1 else scaled


# ---------------------------------------------------------------------------
# The dates behind windows
# ---------------------------------------------------------------------------

def window_dates(X_days, y_days, dates) -> pd.DataFrame:
    """The dates behind windows cut from day numbers instead of prices.

    Cut the windows with the chapter's ``make_windows`` or ``test_windows`` from day numbers
    (``np.arange(len(dates))``, split as the prices are split) and pass the windows, their
    targets and ``dates``, the days in the order they were fed. Returns a frame with one row
    per window: its "target day", "first input" and "last input".
    Introduced in: Forecasting TATA.
    """
    dates = pd.DatetimeIndex(dates)

    def days(numbers):
        return dates[np.rint(np.asarray(numbers, dtype="float64")).astype(int)]

    X_days = np.asarray(X_days)
    return pd.DataFrame({"target day": days(np.ravel(y_days)),
                         "first input": days(X_days[:, 0, 0]),
                         "last input": days(X_days[:, -1, 0])})


# ---------------------------------------------------------------------------
# Training and predicting
# ---------------------------------------------------------------------------

def _epoch_bar(epochs: int):
    """A Keras callback that shows a tqdm bar over epochs on stderr (not in the stored outputs)."""

    class EpochBar(keras.callbacks.Callback):
        def on_train_begin(self, logs=None):
            self.bar = tqdm(total=epochs, unit="epoch", file=sys.stderr, leave=False)

        def on_epoch_end(self, epoch, logs=None):
            self.bar.set_postfix(loss=f"{(logs or {}).get('loss', float('nan')):.3g}")
            self.bar.update(1)

        def on_train_end(self, logs=None):
            self.bar.close()

    return EpochBar()


def fit_quietly(model, X, y, epochs: int, batch_size: int, progress: bool = True, **fit_kwargs):
    """Train with ``model.fit(..., verbose=0)`` and return the Keras History.

    No per-epoch log lines in the outputs; with ``progress`` a tqdm bar over the epochs
    goes to stderr (which the book's tests do not compare). Extra keyword arguments
    (``validation_data``, ``shuffle``, ``callbacks`` ...) go to ``model.fit``.
    Introduced in: Forecasting TATA.
    """
    callbacks = list(fit_kwargs.pop("callbacks", []))
    if progress:
        callbacks.append(_epoch_bar(epochs))
    return model.fit(X, y, epochs=epochs, batch_size=batch_size, verbose=0,
                     callbacks=callbacks, **fit_kwargs)


def predict_prices(model, X, scaler: MinMaxScaler, target_column: int = 0) -> np.ndarray:
    """The model's predictions for windows X, back in price units, as a 1-D array.

    For a scaler fitted on several features, ``target_column`` says which one the
    model predicts. Introduced in: Forecasting TATA.
    """
    scaled = np.asarray(model.predict(X, verbose=0), dtype="float64").reshape(-1)
    # MinMaxScaler computes scaled = value * scale_ + min_; this is its inverse_transform
    # for one column.
    return (scaled - scaler.min_[target_column]) / scaler.scale_[target_column]


# ---------------------------------------------------------------------------
# Metrics
# ---------------------------------------------------------------------------

def forecast_metrics(actual, predicted, previous) -> dict:
    """RMSE, MAE, MAPE (%) and directional accuracy (%) of one forecast.

    Directional accuracy is the share of days on which the predicted change and the
    actual change, both measured from the previous actual value, have the same sign
    (np.sign: a predicted "no change" only counts when the price did not move, so
    persistence scores about 0 % by construction). Introduced in: Forecasting TATA.
    """
    actual, predicted, previous = (np.asarray(a, dtype="float64").ravel()
                                   for a in (actual, predicted, previous))
    if not len(actual) == len(predicted) == len(previous):
        raise ValueError(
            f"lengths differ: actual {len(actual)}, predicted {len(predicted)}, previous {len(previous)}")
    same_direction = np.sign(predicted - previous) == np.sign(actual - previous)
    return {
        "RMSE": root_mean_squared_error(actual, predicted),
        "MAE": mean_absolute_error(actual, predicted),
        "MAPE %": 100 * mean_absolute_percentage_error(actual, predicted),
        "direction %": 100 * float(same_direction.mean()),
    }


def comparison_table(actual, forecasts: dict, previous) -> pd.DataFrame:
    """One row of :func:`forecast_metrics` per forecaster, plus its RMSE / persistence RMSE.

    ``forecasts`` maps a name ("model", "persistence", ...) to its predictions; the
    persistence RMSE is computed from ``previous`` (the persistence forecast), so a
    ratio below 1 means the forecaster beats persistence. Introduced in: Forecasting TATA.
    """
    persistence_rmse = root_mean_squared_error(np.ravel(actual), np.ravel(previous))
    rows = {name: forecast_metrics(actual, predicted, previous)
            for name, predicted in forecasts.items()}
    table = pd.DataFrame.from_dict(rows, orient="index")
    table["RMSE / persistence"] = table["RMSE"] / persistence_rmse
    table.index.name = "forecaster"
    return table


# ---------------------------------------------------------------------------
# Forecasting IBM: changes and free-running forecasts
# ---------------------------------------------------------------------------

def daily_changes(train_values, test_values) -> tuple[np.ndarray, np.ndarray]:
    """Day-to-day changes of a series split in two: ``(train_changes, test_changes)``.

    ``train_changes[i] = train[i + 1] - train[i]`` (one fewer than the training days);
    ``test_changes[j]`` is the change into test day j, the first one measured from the last
    training value, so that ``persistence_forecast(train, test) + test_changes == test``.
    Both series oldest-first, 1-D. Introduced in: Forecasting IBM.
    """
    train_values = np.asarray(train_values, dtype="float64").ravel()
    test_values = np.asarray(test_values, dtype="float64").ravel()
    return np.diff(train_values), np.diff(np.concatenate([train_values[-1:], test_values]))


def free_running_forecast(model, last_values, steps: int, scaler: MinMaxScaler) -> np.ndarray:
    """Generate ``steps`` values by feeding a one-feature model its own predictions.

    Starts from ``last_values`` (price units, oldest-first, as long as the model's window):
    each step predicts the next value, drops the oldest value of the window and appends the
    prediction. No actual value after the window is used, unlike one-step forecasts.
    Returns the predictions in price units, 1-D. Introduced in: Forecasting IBM.
    """
    window = scale(scaler, np.asarray(last_values, dtype="float64").ravel())
    predicted = []
    for _ in range(steps):
        next_value = float(np.ravel(model.predict_on_batch(window.reshape(1, -1, 1)))[0])
        predicted.append(next_value)
        window = np.append(window[1:], next_value)
    return (np.array(predicted) - scaler.min_[0]) / scaler.scale_[0]
