"""The seed study of the IBM chapter (chapters/3_forecasting/forecast_ibm.py): one run proves little.

    .venv/bin/python tools/seed_spread.py                      # every model, seeds 0-4
    .venv/bin/python tools/seed_spread.py --models LSTM GRU --seeds 5 6

Trains each model of the chapter with its full setup (the published one: 50 epochs)
once per seed, on one TensorFlow thread, exactly as the chapter builds and trains it,
and appends one row per (model, seed) to data/precomputed/ibm_seed_spread.csv and one
row per epoch to data/precomputed/ibm_rmse_by_epoch.csv. Pairs already in the file
are skipped, so an interrupted run resumes where it stopped. Training is bit-for-bit
repeatable on one machine with the same seed and thread count; on another CPU the
numbers differ in the rounding, and so does each run, but not the spread.
The chapter reads these files; it is too slow to train every model five times there
(about half an hour of CPU per seed for all five models). data/precomputed/README.md
lists the commands that wrote the committed files.
"""

import argparse
from pathlib import Path

from labutils import repro

repro.use_single_thread()  # before TensorFlow is imported (by labutils.forecast)

import keras  # noqa: E402
import numpy as np  # noqa: E402

from labutils import forecast  # noqa: E402
from labutils.data import load_prices  # noqa: E402
from precomputed import (OUT_DIR, TestRMSEEachEpoch, append_rows, build_recurrent_model,  # noqa: E402
                         done_keys, lag_check, make_windows, persistence_forecast, test_windows)

SPREAD_NAME, EPOCH_NAME = "ibm_seed_spread.csv", "ibm_rmse_by_epoch.csv"

WINDOW = 60  # days per input window, as published
EPOCHS = 50  # as published, for every model
TEST_START = "2017-01-01"


def sgd():
    """The GRU's published optimizer."""
    return keras.optimizers.SGD(learning_rate=0.01, momentum=0.9)


# name -> (builder arguments, batch size, target): the models of the chapter.
# "level" models predict tomorrow's scaled price; the "change" model predicts
# tomorrow's scaled change from the last 60 changes (the chapter's honest design).
MODELS = {
    "LSTM": (dict(cell="lstm", optimizer="rmsprop"), 32, "level"),
    "GRU": (dict(cell="gru", optimizer=sgd), 150, "level"),
    "bidirectional LSTM": (dict(cell="lstm", bidirectional=True, optimizer="rmsprop"), 32, "level"),
    "LSTM+GRU": (dict(cell=["lstm", "lstm", "gru", "gru"], optimizer=sgd), 150, "level"),
    "GRU on changes": (dict(cell="gru", optimizer=sgd), 150, "change"),
}


def build(name):
    """Build and compile one model of MODELS (call after seeding)."""
    arguments, _, _ = MODELS[name]
    arguments = dict(arguments)
    if callable(arguments["optimizer"]):
        arguments["optimizer"] = arguments["optimizer"]()
    return build_recurrent_model(WINDOW, jit_compile=True, **arguments)


def ibm_data():
    """The chapter's data: High prices split at 2017, windows for levels and for changes."""
    prices = load_prices("IBM_2006-01-01_to_2018-01-01.csv", columns=["High"])
    train, test = forecast.chronological_split(prices, TEST_START)
    train_high, test_high = train["High"].to_numpy(), test["High"].to_numpy()
    level_scaler = forecast.fit_scaler(train_high)
    train_changes, test_changes = forecast.daily_changes(train_high, test_high)
    change_scaler = forecast.fit_scaler(train_changes)

    scaled_train = forecast.scale(level_scaler, train_high)
    scaled_test = forecast.scale(level_scaler, test_high)
    scaled_train_changes = forecast.scale(change_scaler, train_changes)
    scaled_test_changes = forecast.scale(change_scaler, test_changes)
    return {
        "train": train_high, "test": test_high,
        "previous": persistence_forecast(train_high, test_high),
        "level": (level_scaler, make_windows(scaled_train, WINDOW),
                  test_windows(scaled_train, scaled_test, WINDOW)[0]),
        "change": (change_scaler, make_windows(scaled_train_changes, WINDOW),
                   test_windows(scaled_train_changes, scaled_test_changes, WINDOW)[0]),
    }


def predict(model, data, target):
    """One-step forecasts of the test days in price units."""
    scaler, _, X_test = data[target]
    predicted = forecast.predict_prices(model, X_test, scaler)
    return data["previous"] + predicted if target == "change" else predicted


def run_one(name, seed, data, epochs):
    """Train one model with one seed; return its summary row and its per-epoch rows."""
    _, batch_size, target = MODELS[name]
    _, (X, y), _ = data[target]
    repro.seed_everything(seed)
    model = build(name)
    each_epoch = TestRMSEEachEpoch(lambda trained: predict(trained, data, target),
                                   data["test"], data["previous"])
    history = forecast.fit_quietly(model, X, y, epochs=epochs, batch_size=batch_size,
                                   progress=False, callbacks=[each_epoch])

    predicted = predict(model, data, target)
    metrics = forecast.forecast_metrics(data["test"], predicted, data["previous"])
    persistence_rmse = forecast.forecast_metrics(data["test"], data["previous"],
                                                 data["previous"])["RMSE"]
    lags = lag_check(data["test"], predicted, max_lag=3)
    row = {"model": name, "seed": seed, "epochs": epochs, "batch size": batch_size,
           "RMSE": metrics["RMSE"], "MAE": metrics["MAE"],
           "RMSE / persistence": metrics["RMSE"] / persistence_rmse,
           "closest lag (days)": int(lags["RMSE"].idxmin()),
           "free-running RMSE": np.nan, "free-running RMSE, published start": np.nan,
           "final training loss": history.history["loss"][-1],
           "training CPU s": each_epoch.cpu_seconds[-1]}
    if name == "GRU":
        scaler = data["level"][0]
        steps = len(data["test"])
        ours = forecast.free_running_forecast(model, data["train"][-WINDOW:], steps, scaler)
        # The published code starts from X_train[2708], the window that ends one day
        # before the last training day.
        published = forecast.free_running_forecast(model, data["train"][-WINDOW - 1:-1], steps, scaler)
        row["free-running RMSE"] = forecast.forecast_metrics(data["test"], ours, data["previous"])["RMSE"]
        row["free-running RMSE, published start"] = forecast.forecast_metrics(
            data["test"], published, data["previous"])["RMSE"]
    by_epoch = [{"model": name, "seed": seed, "epoch": epoch + 1,
                 "training loss": loss, "test RMSE": rmse}
                for epoch, (loss, rmse) in enumerate(zip(history.history["loss"], each_epoch.rmse))]
    return row, by_epoch


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--models", nargs="+", default=list(MODELS), choices=list(MODELS))
    parser.add_argument("--seeds", nargs="+", type=int, default=[0, 1, 2, 3, 4])
    parser.add_argument("--epochs", type=int, default=EPOCHS, help="fewer only to try the script out")
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR)
    args = parser.parse_args()
    spread_file, epoch_file = args.out_dir / SPREAD_NAME, args.out_dir / EPOCH_NAME

    data = ibm_data()
    command = ".venv/bin/python tools/seed_spread.py"
    done = done_keys(spread_file, ["model", "seed"])
    # Seed by seed, so that an interrupted run has every model for the first seeds.
    for seed in args.seeds:
        for name in args.models:
            if (name, seed) in done:
                print(f"{name}, seed {seed}: already in {spread_file}, skipped", flush=True)
                continue
            row, by_epoch = run_one(name, seed, data, args.epochs)
            append_rows(spread_file, [row], command)
            append_rows(epoch_file, by_epoch, command)
            print(f"{name}, seed {seed}: RMSE {row['RMSE']:.3f} "
                  f"({row['RMSE / persistence']:.2f} x persistence), "
                  f"{row['training CPU s']:.0f} s CPU", flush=True)


if __name__ == "__main__":
    main()
