"""The precomputed seed study of the IBM chapter is complete and consistent with itself."""

from pathlib import Path

import pandas as pd

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
