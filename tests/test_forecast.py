"""Tests of labutils.forecast and labutils.plots, on small hand-checkable series."""

import matplotlib

matplotlib.use("Agg")

import keras
import numpy as np
import pandas as pd
import pytest

from labutils import forecast, plots, repro


def daily_frame(values, start="2020-01-01"):
    """An oldest-first, date-indexed frame with one Open column."""
    dates = pd.date_range(start, periods=len(values), freq="D", name="Date")
    return pd.DataFrame({"Open": np.asarray(values, dtype=float)}, index=dates)


# --- splitting and scaling -------------------------------------------------

def test_chronological_split_puts_train_before_test():
    frame = daily_frame(range(10))
    train, test = forecast.chronological_split(frame, "2020-01-08")
    assert list(train["Open"]) == list(range(7))
    assert list(test["Open"]) == [7, 8, 9]
    assert train.index[-1] < test.index[0]


def test_chronological_split_rejects_newest_first():
    frame = daily_frame(range(10)).iloc[::-1]
    with pytest.raises(ValueError, match="not oldest-first"):
        forecast.chronological_split(frame, "2020-01-08")


def test_chronological_split_rejects_empty_part():
    with pytest.raises(ValueError, match="test part is empty"):
        forecast.chronological_split(daily_frame(range(5)), "2021-01-01")


def test_scaler_is_fitted_on_train_only():
    train, test = np.array([10.0, 20.0, 30.0]), np.array([40.0, 5.0])
    scaler = forecast.fit_scaler(train)
    assert scaler.data_min_[0] == 10 and scaler.data_max_[0] == 30
    np.testing.assert_allclose(forecast.scale(scaler, train), [0, 0.5, 1])
    np.testing.assert_allclose(forecast.scale(scaler, test), [1.5, -0.25])  # outside [0, 1]


# --- windows -----------------------------------------------------------------

def test_window_dates_name_the_days_of_windows_cut_from_day_numbers():
    dates = pd.date_range("2020-01-01", periods=13, freq="D")
    # the test windows of four days for the last three of 13 days, cut from day numbers
    X_days = np.array([[6, 7, 8, 9], [7, 8, 9, 10], [8, 9, 10, 11]], dtype="float64")[:, :, None]
    frame = forecast.window_dates(X_days, np.array([10.0, 11.0, 12.0]), dates)
    assert list(frame.columns) == ["target day", "first input", "last input"]
    assert list(frame.index) == [0, 1, 2]
    assert list(frame["target day"]) == list(dates[10:])
    assert list(frame["first input"].dt.day) == [7, 8, 9]
    assert list(frame["last input"].dt.day) == [10, 11, 12]  # the day before each target
    # day numbers that went through a scaler and back come out of float rounding
    rounded = forecast.window_dates(X_days + 1e-9, np.array([10.0, 11.0, 12.0]) - 1e-9, dates)
    pd.testing.assert_frame_equal(rounded, frame)
    # the days in the order they were fed: newest-first dates name the days the other way
    newest_first = forecast.window_dates(X_days, np.array([10.0, 11.0, 12.0]), dates[::-1])
    assert newest_first["target day"].iloc[0] == dates[2]


def test_forecast_metrics_on_hand_checked_numbers():
    actual = np.array([10.0, 12.0, 8.0, 10.0])
    previous = np.array([9.0, 10.0, 12.0, 8.0])
    predicted = np.array([11.0, 11.0, 10.0, 9.0])
    # errors 1, -1, 2, -1: RMSE sqrt(7/4), MAE 5/4; MAPE mean(1/10, 1/12, 2/8, 1/10)
    # directions (pred vs actual, from previous): up/up, up/up, down/down, up/up -> 100 %
    metrics = forecast.forecast_metrics(actual, predicted, previous)
    assert metrics["RMSE"] == pytest.approx(np.sqrt(7 / 4))
    assert metrics["MAE"] == pytest.approx(5 / 4)
    assert metrics["MAPE %"] == pytest.approx(100 * (0.1 + 1 / 12 + 0.25 + 0.1) / 4)
    assert metrics["direction %"] == pytest.approx(100)
    wrong_way = forecast.forecast_metrics(actual, 2 * previous - predicted, previous)
    assert wrong_way["direction %"] == 0


def test_forecast_metrics_length_mismatch():
    with pytest.raises(ValueError, match="lengths differ"):
        forecast.forecast_metrics([1.0, 2.0], [1.0], [1.0, 2.0])


def test_comparison_table_ratio_and_persistence_row():
    actual = np.array([10.0, 12.0, 8.0, 10.0])
    previous = np.array([9.0, 10.0, 12.0, 8.0])
    table = forecast.comparison_table(actual, {"model": actual + 1, "persistence": previous},
                                      previous)
    assert list(table.index) == ["model", "persistence"]
    assert table.loc["persistence", "RMSE / persistence"] == pytest.approx(1)
    assert table.loc["persistence", "direction %"] == 0  # "no change" is never right here
    persistence_rmse = np.sqrt((1 + 4 + 16 + 4) / 4)
    assert table.loc["model", "RMSE / persistence"] == pytest.approx(1 / persistence_rmse)


def small_lstm(window):
    """Two LSTM(4) layers with Dropout(0.2), Dense(1): the chapters' model, small."""
    model = keras.Sequential([
        keras.Input(shape=(window, 1)),
        keras.layers.LSTM(4, return_sequences=True),
        keras.layers.Dropout(0.2),
        keras.layers.LSTM(4),
        keras.layers.Dropout(0.2),
        keras.layers.Dense(1),
    ])
    model.compile(optimizer="adam", loss="mse")
    return model


def test_training_is_repeatable_and_predictions_are_in_price_units():
    prices = 100 + np.cumsum(np.random.default_rng(0).normal(size=40))
    scaler = forecast.fit_scaler(prices[:30])
    scaled = forecast.scale(scaler, prices)
    # windows of five days: 25 for training, one per test day reaching back into training
    X = np.stack([scaled[i : i + 5] for i in range(25)])[:, :, None]
    y = scaled[5:30]
    X_test = np.stack([scaled[i - 5 : i] for i in range(30, 40)])[:, :, None]
    predictions = []
    for _ in range(2):
        repro.seed_everything(1)
        model = small_lstm(5)
        history = forecast.fit_quietly(model, X, y, epochs=2, batch_size=8, progress=False)
        predictions.append(forecast.predict_prices(model, X_test, scaler))
    assert len(history.history["loss"]) == 2
    np.testing.assert_array_equal(predictions[0], predictions[1])
    scaled_predictions = model.predict(X_test, verbose=0)
    np.testing.assert_allclose(predictions[1], scaler.inverse_transform(scaled_predictions).ravel())


# --- plots -------------------------------------------------------------------

def test_plots_label_their_axes():
    dates = pd.date_range("2020-01-01", periods=4)
    ax = plots.plot_forecast(dates, [1, 2, 3, 4], {"model": [1, 2, 2, 4], "persistence": [0, 1, 2, 3]},
                             "title", "price")
    assert ax.get_xlabel() == "date" and ax.get_ylabel() == "price"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["real", "model", "persistence"]
    ax = plots.plot_loss({"loss": [1.0, 0.5], "val_loss": [1.2, 0.7]}, "loss")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["training loss", "validation loss"]
    assert ax.get_yscale() == "log"
    matplotlib.pyplot.close("all")
