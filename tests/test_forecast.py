"""Tests of labutils.forecast and labutils.plots, on small hand-checkable series."""

import matplotlib

matplotlib.use("Agg")

import keras
import numpy as np
import pandas as pd
import pytest

from labutils import forecast, plots, repro
from labutils.data import load_prices


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


def test_check_train_before_test_catches_hsi_order():
    train = load_prices("HSI.csv", columns="Open")
    test = load_prices("HSItest.csv", columns="Open")
    with pytest.raises(ValueError, match="do not all lie before"):
        forecast.check_train_before_test(train, test)
    forecast.check_train_before_test(test, train)  # the test file is the earlier period


def test_check_train_before_test_accepts_tata_files():
    forecast.check_train_before_test(load_prices("NSE-TATAGLOBAL.csv", columns="Open"),
                                     load_prices("tatatest.csv", columns="Open"))


def test_scaler_is_fitted_on_train_only():
    train, test = np.array([10.0, 20.0, 30.0]), np.array([40.0, 5.0])
    scaler = forecast.fit_scaler(train)
    assert scaler.data_min_[0] == 10 and scaler.data_max_[0] == 30
    np.testing.assert_allclose(forecast.scale(scaler, train), [0, 0.5, 1])
    np.testing.assert_allclose(forecast.scale(scaler, test), [1.5, -0.25])  # outside [0, 1]


# --- windows -----------------------------------------------------------------

def test_make_windows_shapes_and_targets():
    X, y = forecast.make_windows(np.arange(10.0), window=3)
    assert X.shape == (7, 3, 1) and y.shape == (7,)
    np.testing.assert_array_equal(X[0, :, 0], [0, 1, 2])
    np.testing.assert_array_equal(X[-1, :, 0], [6, 7, 8])
    np.testing.assert_array_equal(y, np.arange(3.0, 10.0))


def test_make_windows_with_several_features():
    values = np.column_stack([np.arange(6.0), 10 * np.arange(6.0)])
    X, y = forecast.make_windows(values, window=2, target_column=1)
    assert X.shape == (4, 2, 2)
    np.testing.assert_array_equal(y, [20, 30, 40, 50])


def test_make_windows_too_few_rows_message():
    with pytest.raises(ValueError, match=r"got 5 rows, need at least 6"):
        forecast.make_windows(np.arange(5.0), window=5)


def test_test_windows_use_the_end_of_the_training_series():
    train, test = np.arange(100.0, 110.0), np.array([110.0, 111.0, 112.0])
    X, y = forecast.test_windows(train, test, window=4)
    assert X.shape == (3, 4, 1)
    np.testing.assert_array_equal(X[0, :, 0], [106, 107, 108, 109])  # last 4 training values
    np.testing.assert_array_equal(X[2, :, 0], [108, 109, 110, 111])  # ends the day before
    np.testing.assert_array_equal(y, test)


def test_test_window_dates_name_the_days_fed():
    train_days = pd.date_range("2020-01-01", periods=10, freq="D")
    test_days = pd.date_range("2020-01-11", periods=3, freq="D")
    dates = forecast.test_window_dates(train_days, test_days, window=4)
    assert list(dates["target day"]) == list(test_days)
    assert list(dates["first input"].dt.day) == [7, 8, 9]
    assert list(dates["last input"].dt.day) == [10, 11, 12]  # the day before each target
    newest_first = forecast.test_window_dates(train_days[::-1], test_days[::-1], window=4)
    assert newest_first["last input"].iloc[0] == train_days[0]  # the OLDEST training day


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


def test_test_windows_too_few_training_rows():
    with pytest.raises(ValueError, match="too few training rows"):
        forecast.test_windows(np.arange(3.0), np.arange(3.0), window=4)


# --- baseline and metrics ----------------------------------------------------

def test_persistence_forecast_is_yesterdays_value():
    previous = forecast.persistence_forecast([1.0, 2.0, 3.0], [4.0, 6.0, 5.0])
    np.testing.assert_array_equal(previous, [3, 4, 6])


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


def test_lag_check_finds_a_one_day_lag():
    actual = np.sin(np.arange(30) / 3.0) + np.arange(30) / 10
    lagging_copy = np.concatenate([[actual[0]], actual[:-1]])  # prediction = yesterday's truth
    table = forecast.lag_check(actual, lagging_copy, max_lag=3)
    assert table["RMSE"].idxmin() == 1
    assert table.loc[1, "RMSE"] == pytest.approx(0)
    assert list(table["days"]) == [30, 29, 28, 27]
    assert forecast.lag_check(actual, actual)["RMSE"].idxmin() == 0


# --- the model -------------------------------------------------------------

def layer_summary(model):
    """(class name, units or wrapped class, return_sequences) of every layer."""
    rows = []
    for layer in model.layers:
        inner = getattr(layer, "forward_layer", layer)
        rows.append((type(layer).__name__, type(inner).__name__, getattr(inner, "units", None),
                     getattr(inner, "return_sequences", None)))
    return rows


def test_builder_lstm_stack_of_the_reports():
    model = forecast.build_recurrent_model(60)
    assert model.input_shape == (None, 60, 1) and model.output_shape == (None, 1)
    assert layer_summary(model) == [
        ("LSTM", "LSTM", 50, True), ("Dropout", "Dropout", None, None),
        ("LSTM", "LSTM", 50, True), ("Dropout", "Dropout", None, None),
        ("LSTM", "LSTM", 50, True), ("Dropout", "Dropout", None, None),
        ("LSTM", "LSTM", 50, False), ("Dropout", "Dropout", None, None),
        ("Dense", "Dense", 1, None),
    ]
    assert model.count_params() == 71051  # 10400 + 3 * 20200 + 51, as the reports' summary


def test_builder_gru_without_dropout_and_one_step():
    model = forecast.build_recurrent_model(1, cell="gru", units=4, layers=1, dropout=0,
                                           activation="sigmoid")
    assert layer_summary(model) == [("GRU", "GRU", 4, False), ("Dense", "Dense", 1, None)]
    assert model.layers[0].activation.__name__ == "sigmoid"


def test_builder_mixed_and_bidirectional():
    mixed = forecast.build_recurrent_model(7, cell=["lstm", "gru"], units=[8, 4], dropout=0,
                                           dense_units=(3,))
    assert layer_summary(mixed) == [("LSTM", "LSTM", 8, True), ("GRU", "GRU", 4, False),
                                    ("Dense", "Dense", 3, None), ("Dense", "Dense", 1, None)]
    both_ways = forecast.build_recurrent_model(5, units=6, layers=2, bidirectional=True)
    assert [row[:2] for row in layer_summary(both_ways)] == [
        ("Bidirectional", "LSTM"), ("Dropout", "Dropout"),
        ("Bidirectional", "LSTM"), ("Dropout", "Dropout"), ("Dense", "Dense")]
    assert both_ways.layers[0].output.shape == (None, 5, 12)


def test_builder_rejects_unknown_cell():
    with pytest.raises(ValueError, match="cell must be one of"):
        forecast.build_recurrent_model(5, cell="rnn")


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
