"""Tests of the functions that "Forecasting II" appended to labutils.forecast."""

import keras
import numpy as np
import pytest

from labutils import forecast, repro


class WindowMean:
    """A stand-in for a Keras model: predicts the mean of the (scaled) window it is given."""

    def __init__(self):
        self.shapes = []

    def predict_on_batch(self, X):
        self.shapes.append(X.shape)
        return X.mean(axis=1)


class LastPlusStep:
    """A stand-in for a Keras model: predicts the last value of the window plus 0.1."""

    def predict_on_batch(self, X):
        return X[:, -1, :] + 0.1


def test_daily_changes_by_hand():
    train_changes, test_changes = forecast.daily_changes([10.0, 11.0, 13.0], [12.0, 12.5])
    np.testing.assert_allclose(train_changes, [1.0, 2.0])
    np.testing.assert_allclose(test_changes, [-1.0, 0.5])  # the first from the last training value


def test_persistence_plus_changes_is_the_test_series():
    rng = np.random.default_rng(0)
    series = 100 + np.cumsum(rng.normal(size=50))
    train, test = series[:40], series[40:]
    _, test_changes = forecast.daily_changes(train, test)
    previous = np.concatenate([train[-1:], test[:-1]])  # persistence: yesterday's value
    np.testing.assert_allclose(previous + test_changes, test)


def test_free_running_feeds_its_own_predictions():
    scaler = forecast.fit_scaler([0.0, 10.0])  # scaled = price / 10
    generated = forecast.free_running_forecast(LastPlusStep(), [1.0, 2.0, 3.0], steps=3, scaler=scaler)
    # each step adds 0.1 scaled = 1 price unit to the last value, which is the last prediction
    np.testing.assert_allclose(generated, [4.0, 5.0, 6.0])


def test_free_running_slides_the_window():
    scaler = forecast.fit_scaler([0.0, 10.0])
    model = WindowMean()
    generated = forecast.free_running_forecast(model, [1.0, 2.0, 3.0], steps=3, scaler=scaler)
    first = (1 + 2 + 3) / 3  # window [1, 2, 3]
    second = (2 + 3 + first) / 3  # window [2, 3, first]
    third = (3 + first + second) / 3
    np.testing.assert_allclose(generated, [first, second, third])
    assert model.shapes == [(1, 3, 1)] * 3  # one window of one feature per step


def test_free_running_zero_steps():
    scaler = forecast.fit_scaler([0.0, 10.0])
    assert forecast.free_running_forecast(LastPlusStep(), [1.0, 2.0], steps=0, scaler=scaler).shape == (0,)


@pytest.mark.parametrize("steps", [1, 5])
def test_free_running_with_a_keras_model(steps):
    repro.seed_everything(0)
    model = keras.Sequential([keras.Input(shape=(4, 1)), keras.layers.GRU(3), keras.layers.Dense(1)])
    scaler = forecast.fit_scaler(np.arange(10.0))
    generated = forecast.free_running_forecast(model, [1.0, 2.0, 3.0, 4.0], steps=steps, scaler=scaler)
    assert generated.shape == (steps,)
    first = forecast.predict_prices(model, forecast.scale(scaler, [1.0, 2.0, 3.0, 4.0]).reshape(1, 4, 1), scaler)
    np.testing.assert_allclose(generated[0], first[0], rtol=1e-6)


