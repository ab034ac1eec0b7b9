"""Tests of the pieces that read and summarise several precomputed runs of one model."""

import matplotlib
import numpy as np
import pandas as pd
import pytest

from labutils import forecast, plots

DATES = pd.date_range("2020-01-01", periods=4, freq="D")


def write_predictions(path, rows):
    path.write_text("# Precomputed by: a test\n" + pd.DataFrame(
        rows, columns=["dataset", "seed", "epochs", "date", "predicted"]).to_csv(index=False))
    return path


def test_runs_table_adds_the_closest_lag_of_each_run():
    actual = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    previous = np.array([0.0, 1.0, 2.0, 3.0, 4.0])
    table = forecast.runs_table(actual, {"exact": actual, "lagging": previous}, previous, max_lag=2)
    assert list(table.index) == ["exact", "lagging"]
    assert list(table["closest lag (days)"]) == [0, 1]
    assert table.loc["lagging", "RMSE / persistence"] == pytest.approx(1.0)
    assert table.loc["exact", "RMSE"] == 0.0


def test_precomputed_forecasts_follow_the_requested_dates(tmp_path):
    # stored newest-first for seed 1: the result must follow DATES, not the file
    rows = [("x", 0, 2, f"{day:%Y-%m-%d}", i) for i, day in enumerate(DATES)]
    rows += [("x", 1, 2, f"{day:%Y-%m-%d}", 10 + i) for i, day in reversed(list(enumerate(DATES)))]
    forecasts = forecast.precomputed_forecasts(write_predictions(tmp_path / "p.csv", rows), DATES)
    assert sorted(forecasts) == [0, 1]
    np.testing.assert_array_equal(forecasts[0], [0, 1, 2, 3])
    np.testing.assert_array_equal(forecasts[1], [10, 11, 12, 13])


def test_precomputed_forecasts_name_the_file_when_a_day_is_missing(tmp_path):
    rows = [("x", 0, 2, f"{day:%Y-%m-%d}", 1.0) for day in DATES[:3]]
    path = write_predictions(tmp_path / "short.csv", rows)
    with pytest.raises(ValueError, match=r"short\.csv: the run with seed 0 .*2020-01-04"):
        forecast.precomputed_forecasts(path, DATES)


def test_precomputed_forecasts_refuse_a_day_held_twice(tmp_path):
    rows = [("x", 0, 2, f"{day:%Y-%m-%d}", 1.0) for day in DATES] + [("x", 0, 2, "2020-01-02", 2.0)]
    with pytest.raises(ValueError, match="twice|one forecast"):
        forecast.precomputed_forecasts(write_predictions(tmp_path / "twice.csv", rows), DATES)


def test_rmse_by_epoch_plot_has_a_line_per_seed_and_the_baseline():
    by_epoch = pd.DataFrame({"seed": [0, 0, 1, 1], "epoch": [1, 2, 1, 2], "test RMSE": [3.0, 2.0, 4.0, 1.0]})
    ax = plots.plot_rmse_by_epoch(by_epoch, 2.5, "title", "RMSE")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["seed 0", "seed 1", "persistence"]
    assert ax.get_xlabel() == "epoch" and ax.get_ylabel() == "RMSE"
    matplotlib.pyplot.close("all")


def test_loss_curves_of_several_runs_get_their_own_labels():
    ax = plots.plot_loss({"loss": [1.0, 0.5, 0.4]}, "loss", label="100 epochs")
    plots.plot_loss({"loss": [1.0, 0.5]}, "loss", label="2 epochs", ax=ax)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["100 epochs", "2 epochs"]
    matplotlib.pyplot.close("all")


def test_check_against_precomputed_uses_the_loss_of_the_seed_and_the_rmse_range(capsys):
    by_epoch = pd.DataFrame({"seed": [0, 0, 0, 1, 1, 1], "epoch": [1, 2, 3, 1, 2, 3],
                             "training loss": [1.0, 0.5, 0.4, 2.0, 1.0, 0.8],
                             "test RMSE": [9.0, 5.0, 7.0, 3.0, 6.0, 4.0]})
    verdicts = forecast.check_against_precomputed(by_epoch, 0, 2, training_loss=0.55, test_rmse=8.5,
                                                  epochs_around=1)
    assert verdicts == {"training loss": True, "test RMSE": True}
    assert "(5.0000e-01)" in capsys.readouterr().out
    # epoch 1 only: the range is 3 .. 9, and 0.4 is 60 % off the seed-0 loss of 1.0
    assert forecast.check_against_precomputed(by_epoch, 0, 1, 0.4, 9.5, epochs_around=0) == {
        "training loss": False, "test RMSE": False}
    with pytest.raises(ValueError, match="seed 2, epoch 1"):
        forecast.check_against_precomputed(by_epoch, 2, 1, 1.0, 5.0)
