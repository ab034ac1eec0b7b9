"""The precomputed runs (data/precomputed/) are complete and consistent with themselves and the
data, and labutils.precomputed reads them."""

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import root_mean_squared_error

from labutils.data import load_prices
from labutils.precomputed import forecasts, read

DATES = pd.date_range("2020-01-01", periods=4, freq="D")


def write_predictions(path, rows):
    path.write_text("# Precomputed by: a test\n" + pd.DataFrame(
        rows, columns=["dataset", "seed", "epochs", "date", "predicted"]).to_csv(index=False))
    return path


# labutils.precomputed, on small files

def test_read_skips_the_comment_lines(tmp_path):
    path = write_predictions(tmp_path / "p.csv", [("x", 0, 2, "2020-01-01", 1.5)])
    frame = read(path)
    assert list(frame.columns) == ["dataset", "seed", "epochs", "date", "predicted"]
    assert frame["predicted"].tolist() == [1.5]


def test_forecasts_follow_the_requested_dates(tmp_path):
    # stored newest-first for seed 1: the result must follow DATES, not the file
    rows = [("x", 0, 2, f"{day:%Y-%m-%d}", i) for i, day in enumerate(DATES)]
    rows += [("x", 1, 2, f"{day:%Y-%m-%d}", 10 + i) for i, day in reversed(list(enumerate(DATES)))]
    runs = forecasts(write_predictions(tmp_path / "p.csv", rows), DATES)
    assert sorted(runs) == [0, 1]
    np.testing.assert_array_equal(runs[0], [0, 1, 2, 3])
    np.testing.assert_array_equal(runs[1], [10, 11, 12, 13])


def test_forecasts_name_the_file_when_a_day_is_missing(tmp_path):
    rows = [("x", 0, 2, f"{day:%Y-%m-%d}", 1.0) for day in DATES[:3]]
    path = write_predictions(tmp_path / "short.csv", rows)
    with pytest.raises(ValueError, match=r"short\.csv: the run with seed 0 .*2020-01-04"):
        forecasts(path, DATES)


def test_forecasts_refuse_a_day_held_twice(tmp_path):
    rows = [("x", 0, 2, f"{day:%Y-%m-%d}", 1.0) for day in DATES] + [("x", 0, 2, "2020-01-02", 2.0)]
    with pytest.raises(ValueError, match="one forecast"):
        forecasts(write_predictions(tmp_path / "twice.csv", rows), DATES)


# the committed files


def test_every_run_is_there_once_with_every_epoch():
    spread, by_epoch = read("ibm_seed_spread.csv"), read("ibm_rmse_by_epoch.csv")
    assert not spread.duplicated(["model", "seed"]).any()
    epochs = by_epoch.groupby(["model", "seed"])["epoch"].agg(list)
    for _, row in spread.iterrows():
        run = (row["model"], row["seed"])
        assert epochs[run] == list(range(1, row["epochs"] + 1)), run


def test_final_scores_match_the_last_epoch():
    spread, by_epoch = read("ibm_seed_spread.csv"), read("ibm_rmse_by_epoch.csv")
    last = by_epoch.sort_values("epoch").groupby(["model", "seed"]).last()
    for _, row in spread.iterrows():
        run = (row["model"], row["seed"])
        assert abs(last.loc[run, "test RMSE"] - row["RMSE"]) < 1e-9, run
        assert abs(last.loc[run, "training loss"] - row["final training loss"]) < 1e-12, run


def test_the_published_models_have_five_seeds():
    counts = read("ibm_seed_spread.csv").groupby("model")["seed"].nunique()
    assert counts["LSTM"] >= 5 and counts["GRU"] >= 5


# TATA and Apple: tools/tata_aapl_runs.py
TEST_FILES = {"tata": "tatatest.csv", "aapl": "AAPL-TEST.csv"}


@pytest.mark.parametrize("dataset", sorted(TEST_FILES))
def test_every_run_has_every_epoch_and_every_test_day(dataset):
    by_epoch = read(f"{dataset}_by_epoch.csv")
    test = load_prices(TEST_FILES[dataset], columns="Open")
    runs = forecasts(f"{dataset}_predictions.csv", test.index)
    assert sorted(runs) == [0, 1, 2, 3, 4]
    assert set(by_epoch["dataset"]) == {dataset} and set(by_epoch["seed"]) == set(runs)
    for seed, run in by_epoch.groupby("seed"):
        assert list(run["epoch"]) == list(range(1, 101)), seed


@pytest.mark.parametrize("dataset", sorted(TEST_FILES))
def test_last_epoch_rmse_is_the_rmse_of_the_stored_forecast(dataset):
    by_epoch = read(f"{dataset}_by_epoch.csv")
    test = load_prices(TEST_FILES[dataset], columns="Open")["Open"]
    runs = forecasts(f"{dataset}_predictions.csv", test.index)
    last = by_epoch.sort_values("epoch").groupby("seed").last()
    for seed, predicted in runs.items():
        rmse = root_mean_squared_error(test, predicted)
        assert abs(rmse - last.loc[seed, "test RMSE"]) < 1e-9, seed
