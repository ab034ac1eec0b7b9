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


# ---------------------------------------------------------------------------
# TRANSITIONAL (issue 14): moved out of labutils; kept only until the IBM and Bitcoin
# chapters stop calling them, then deleted.
# make_windows, test_windows, persistence_forecast, lag_check: TATA exercises;
# check_train_before_test: Hang Seng exercise; build_recurrent_model: keras.Sequential in
# the chapters (tools/precomputed.py keeps a copy for the precomputed runs).
# ---------------------------------------------------------------------------

CELLS = ("lstm", "gru")


def check_train_before_test(train: pd.DataFrame, test: pd.DataFrame) -> None:
    """Raise ValueError unless every training date lies before every test date.

    Both frames must be date-indexed and oldest-first (as ``labutils.data.load_prices``
    returns them). Introduced in: Forecasting TATA.
    """
    for name, frame in (("train", train), ("test", test)):
        if len(frame) == 0:
            raise ValueError(f"the {name} part is empty")
        if not frame.index.is_monotonic_increasing:
            raise ValueError(f"the {name} part is not oldest-first")
    if train.index[-1] >= test.index[0]:
        raise ValueError(
            f"the training days ({train.index[0]:%Y-%m-%d} .. {train.index[-1]:%Y-%m-%d}) do not all "
            f"lie before the test days ({test.index[0]:%Y-%m-%d} .. {test.index[-1]:%Y-%m-%d})"
        )


def make_windows(values, window: int, target_column: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Cut a series into overlapping windows and next-day targets.

    ``values``: oldest-first, 1-D (n,) or 2-D (n, n_features). Window i holds
    ``values[i : i + window]`` and its target is ``values[i + window]`` (column
    ``target_column`` for 2-D input). Returns X of shape (n - window, window, n_features)
    and y of shape (n - window,). Raises ValueError when n <= window.
    Introduced in: Forecasting TATA.
    """
    values = _as_column(values)
    n_rows = len(values)
    if window < 1:
        raise ValueError(f"window must be at least 1, got {window}")
    if n_rows <= window:
        raise ValueError(
            f"too few rows for windows of {window} steps: got {n_rows} rows, "
            f"need at least {window + 1} (a window plus its target)"
        )
    n_windows = n_rows - window
    X = np.stack([values[i : i + window] for i in range(n_windows)])
    y = values[window:, target_column].copy()
    return X, y


def test_windows(train_values, test_values, window: int, target_column: int = 0):
    """One input window per test day: the last ``window`` training values, then the test values.

    Both series oldest-first. The window for test day j ends the day before it:
    ``concat(train[-window:], test)[j : j + window]``; its target is ``test[j]``.
    Returns X of shape (len(test), window, n_features) and y = the test values.
    Introduced in: Forecasting TATA.
    """
    train_values, test_values = _as_column(train_values), _as_column(test_values)
    if len(train_values) < window:
        raise ValueError(
            f"too few training rows for test windows of {window} steps: got {len(train_values)}"
        )
    inputs = np.concatenate([train_values[-window:], test_values])
    return make_windows(inputs, window, target_column)


test_windows.__test__ = False  # not a pytest test, despite its name


def test_window_dates(train_index, test_index, window: int) -> pd.DataFrame:
    """The dates behind :func:`test_windows`: for each test day, its first and last input days.

    Give the two date indexes in the order the values were fed (oldest-first for the
    correct pipeline; the file order to see what a published notebook fed).
    Returns a frame with columns "target day", "first input", "last input".
    Introduced in: Forecasting TATA.
    """
    train_index, test_index = pd.Index(train_index), pd.Index(test_index)
    if len(train_index) < window:
        raise ValueError(f"too few training rows for test windows of {window} steps: got {len(train_index)}")
    fed = train_index[-window:].append(test_index)
    n_test = len(test_index)
    return pd.DataFrame({"target day": test_index,
                         "first input": fed[:n_test],
                         "last input": fed[window - 1 : window - 1 + n_test]})


test_window_dates.__test__ = False


def build_recurrent_model(
    window: int,
    n_features: int = 1,
    cell="lstm",
    units=50,
    layers: int = 4,
    dropout: float = 0.2,
    bidirectional: bool = False,
    activation: str = "tanh",
    optimizer="adam",
    loss: str = "mse",
    dense_units=(),
    output_activation=None,
    jit_compile: bool = False,
    steps_per_execution: int = 1,
):
    """The stacked recurrent model of the forecasting reports, compiled.

    Input (window, n_features) -> ``layers`` recurrent layers of ``units`` each (an int, or
    one per layer), each followed by Dropout(``dropout``) when ``dropout`` > 0 -> optional
    Dense hidden layers (``dense_units``, ReLU) -> Dense(1, ``output_activation``).
    ``cell`` is "lstm" or "gru", or a list giving the cell of each layer (mixed stacks;
    then ``layers`` is its length). Every recurrent layer but the last returns sequences.
    ``bidirectional`` wraps each recurrent layer in ``keras.layers.Bidirectional``.
    Call ``labutils.repro.seed_everything`` first for repeatable weights.
    ``jit_compile=True`` (XLA) trains the 4 x LSTM(50) model in about 60 % of the CPU time,
    repeatably, but with float rounding different from ``jit_compile=False``;
    ``steps_per_execution`` > 1 runs several batches per call (same batches, same results)
    to cut per-batch overhead. Introduced in: Forecasting TATA.
    """
    cells = [cell] * layers if isinstance(cell, str) else list(cell)
    unknown = [c for c in cells if c not in CELLS]
    if unknown or not cells:
        raise ValueError(f"cell must be one of {CELLS} or a non-empty list of them, got {cell!r}")
    layer_units = [units] * len(cells) if isinstance(units, int) else list(units)
    if len(layer_units) != len(cells):
        raise ValueError(f"got {len(layer_units)} unit counts for {len(cells)} recurrent layers")

    recurrent_class = {"lstm": keras.layers.LSTM, "gru": keras.layers.GRU}
    model = keras.Sequential(name=f"{'_'.join(dict.fromkeys(cells))}_{len(cells)}_layers")
    model.add(keras.Input(shape=(window, n_features)))
    for i, (kind, n_units) in enumerate(zip(cells, layer_units)):
        layer = recurrent_class[kind](n_units, activation=activation,
                                      return_sequences=i < len(cells) - 1)
        model.add(keras.layers.Bidirectional(layer) if bidirectional else layer)
        if dropout > 0:
            model.add(keras.layers.Dropout(dropout))
    for n_units in dense_units:
        model.add(keras.layers.Dense(n_units, activation="relu"))
    model.add(keras.layers.Dense(1, activation=output_activation))
    model.compile(optimizer=optimizer, loss=loss, jit_compile=jit_compile,
                  steps_per_execution=steps_per_execution)
    return model


def persistence_forecast(train_values, test_values) -> np.ndarray:
    """Tomorrow = today: the previous actual value for each test day.

    The first test day gets the last training value. Both series oldest-first, 1-D.
    This is also the "previous value" that directional accuracy is measured against.
    Introduced in: Forecasting TATA.
    """
    train_values = np.asarray(train_values, dtype="float64").ravel()
    test_values = np.asarray(test_values, dtype="float64").ravel()
    return np.concatenate([train_values[-1:], test_values[:-1]])


def lag_check(actual, predicted, max_lag: int = 3) -> pd.DataFrame:
    """RMSE of the prediction against the truth shifted by 0, 1, ..., ``max_lag`` days.

    Row k compares the prediction for day t with the actual value of day t - k, over
    the days where both exist (``days`` column). If the smallest RMSE is at lag 1, the
    prediction is closest to yesterday's price: a lagging copy of the series.
    Introduced in: Forecasting TATA.
    """
    actual = np.asarray(actual, dtype="float64").ravel()
    predicted = np.asarray(predicted, dtype="float64").ravel()
    if len(actual) != len(predicted):
        raise ValueError(f"lengths differ: actual {len(actual)}, predicted {len(predicted)}")
    if not 0 <= max_lag < len(actual):
        raise ValueError(f"max_lag must be between 0 and {len(actual) - 1}, got {max_lag}")
    rows = []
    for lag in range(max_lag + 1):
        shown_truth = actual[: len(actual) - lag]
        rows.append({"lag (days)": lag, "days": len(shown_truth),
                     "RMSE": root_mean_squared_error(shown_truth, predicted[lag:])})
    return pd.DataFrame(rows).set_index("lag (days)")


def runs_table(actual, forecasts: dict, previous, max_lag: int = 3) -> pd.DataFrame:
    """:func:`comparison_table` of several runs of one model (one row each), plus the lag
    (0 to ``max_lag`` days, :func:`lag_check`) at which each run's forecast is closest to
    the real price. Introduced in: Forecasting TATA (its five seeds).
    """
    table = comparison_table(actual, forecasts, previous)
    table["closest lag (days)"] = [int(lag_check(actual, predicted, max_lag)["RMSE"].idxmin())
                                   for predicted in forecasts.values()]
    return table


def check_against_reference(table: pd.DataFrame, row: str, references: dict, tolerance: float) -> dict:
    """Print and return, per metric, whether ``table.loc[row, metric]`` lies within ``tolerance``
    (relative, e.g. 0.25 for 25 %) of its value in ``references`` (a reference run's results).

    Training results differ in the rounding from CPU to CPU; the stored outputs check them
    with this tolerance instead of digit for digit.
    """
    verdicts = {}
    for metric, reference in references.items():
        verdicts[metric] = bool(abs(table.loc[row, metric] / reference - 1) < tolerance)
        print(f"{row} {metric} within {tolerance * 100:.0f} % of the reference {reference}:", verdicts[metric])
    return verdicts


def check_against_precomputed(by_epoch: pd.DataFrame, seed: int, epoch: int, training_loss: float,
                              test_rmse: float, loss_tolerance: float = 0.25,
                              epochs_around: int = 10) -> dict:
    """Print and return whether a run trained on a page agrees with precomputed runs of its setup.

    ``by_epoch`` has one row per (seed, epoch) with "training loss" and "test RMSE" (a file
    of ``data/precomputed/``). Two verdicts: the page's final ``training_loss`` lies within
    ``loss_tolerance`` (relative) of the precomputed run ``seed`` after ``epoch``, and its
    ``test_rmse`` lies inside the range that all precomputed runs reach within
    ``epochs_around`` epochs of ``epoch``. On the machine that wrote the file the page's run
    equals the precomputed one; on another CPU rounding makes it another draw, and the test
    RMSE of one draw can jump a lot from epoch to epoch, hence a range rather than a
    relative tolerance. Introduced in: Forecasting TATA.
    """
    stored = by_epoch[(by_epoch["seed"] == seed) & (by_epoch["epoch"] == epoch)]
    if len(stored) != 1:
        raise ValueError(f"the precomputed runs hold {len(stored)} rows for seed {seed}, epoch {epoch}")
    stored_loss = stored["training loss"].item()
    nearby = by_epoch[(by_epoch["epoch"] - epoch).abs() <= epochs_around]["test RMSE"]
    verdicts = {
        "training loss": bool(abs(training_loss / stored_loss - 1) < loss_tolerance),
        "test RMSE": bool(nearby.min() <= test_rmse <= nearby.max()),
    }
    print(f"training loss within {loss_tolerance * 100:.0f} % of the precomputed seed-{seed} run's "
          f"after epoch {epoch} ({stored_loss:.4e}):", verdicts["training loss"])
    print(f"test RMSE within the range of the precomputed runs in epochs {epoch - epochs_around} "
          f"to {epoch + epochs_around} ({nearby.min():.3f} to {nearby.max():.3f}):", verdicts["test RMSE"])
    return verdicts


def precomputed_forecasts(path, dates) -> dict:
    """``{seed: forecast}`` for the days ``dates`` from a predictions file of
    ``data/precomputed/`` (columns seed, date, predicted; written by tools/tata_aapl_runs.py).

    Each forecast is a 1-D array in the order of ``dates``. Raises ValueError, naming the
    file, when a run lacks one of the dates or holds one twice.
    Introduced in: Forecasting TATA.
    """
    runs = pd.read_csv(path, comment="#", parse_dates=["date"])
    dates = pd.DatetimeIndex(dates)
    forecasts = {}
    for seed, run in runs.groupby("seed"):
        by_date = run.set_index("date")["predicted"]
        missing = dates.difference(by_date.index)
        if len(missing) or by_date.index.duplicated().any():
            raise ValueError(f"{path}: the run with seed {seed} does not hold one forecast for each "
                             f"of the {len(dates)} days (missing: {list(missing.strftime('%Y-%m-%d'))})")
        forecasts[int(seed)] = by_date.loc[dates].to_numpy()
    return forecasts
