"""The precomputed runs (data/precomputed/) are complete and consistent with themselves and the data."""

from pathlib import Path

import pandas as pd
import pytest

from labutils import forecast
from labutils.data import load_prices

PRECOMPUTED = Path(__file__).resolve().parent.parent / "data" / "precomputed"


def read(name):
    return pd.read_csv(PRECOMPUTED / name, comment="#")


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
TRAIN_FILES = {"tata": "NSE-TATAGLOBAL.csv", "aapl": "AAPL.csv"}


@pytest.mark.parametrize("dataset", sorted(TEST_FILES))
def test_every_run_has_every_epoch_and_every_test_day(dataset):
    by_epoch = read(f"{dataset}_by_epoch.csv")
    test = load_prices(TEST_FILES[dataset], columns="Open")
    runs = forecast.precomputed_forecasts(PRECOMPUTED / f"{dataset}_predictions.csv", test.index)
    assert sorted(runs) == [0, 1, 2, 3, 4]
    assert set(by_epoch["dataset"]) == {dataset} and set(by_epoch["seed"]) == set(runs)
    for seed, run in by_epoch.groupby("seed"):
        assert list(run["epoch"]) == list(range(1, 101)), seed


@pytest.mark.parametrize("dataset", sorted(TEST_FILES))
def test_last_epoch_rmse_is_the_rmse_of_the_stored_forecast(dataset):
    by_epoch = read(f"{dataset}_by_epoch.csv")
    test = load_prices(TEST_FILES[dataset], columns="Open")["Open"]
    runs = forecast.precomputed_forecasts(PRECOMPUTED / f"{dataset}_predictions.csv", test.index)
    last = by_epoch.sort_values("epoch").groupby("seed").last()
    train = load_prices(TRAIN_FILES[dataset], columns="Open")["Open"]
    previous = forecast.persistence_forecast(train, test)
    for seed, predicted in runs.items():
        rmse = forecast.forecast_metrics(test, predicted, previous)["RMSE"]
        assert abs(rmse - last.loc[seed, "test RMSE"]) < 1e-9, seed
