"""The published 100-epoch LSTM runs of the TATA and Apple chapters, several seeds each.

    .venv/bin/python tools/tata_aapl_runs.py                          # both, seeds 0-4
    .venv/bin/python tools/tata_aapl_runs.py --datasets tata --seeds 5 6

Trains the published model (4 x LSTM(50) each followed by Dropout(0.2), Dense(1), adam,
MSE, 100 epochs, batches of 32, 60-day windows of the opening price) once per seed,
built and trained exactly as chapters/3_forecasting/forecast_tata.py and chapters/3_forecasting/forecast_aapl.py
do (one TensorFlow thread, XLA, 16 steps per execution; the windows, the baseline and the
model come from tools/precomputed.py, which holds the chapters' code), and appends

* one row per epoch (training loss, test RMSE, training CPU seconds so far) to
  data/precomputed/<dataset>_by_epoch.csv, and
* one row per test day (the forecast after the last epoch) to
  data/precomputed/<dataset>_predictions.csv.

(dataset, seed) pairs already in the predictions file are skipped, so an interrupted
run resumes. One run takes 8 to 12 minutes of CPU on the book's machine: too slow for
the chapters, which train the first epochs themselves and check that they land on
this file's values. Training is bit-for-bit repeatable on one machine with the same
seed and thread count; another CPU rounds differently.
"""

import argparse
from pathlib import Path

from labutils import repro

repro.use_single_thread()  # before TensorFlow is imported (by labutils.forecast)

from labutils import forecast  # noqa: E402
from labutils.data import load_prices  # noqa: E402
from precomputed import (OUT_DIR, TestRMSEEachEpoch, append_rows, build_recurrent_model,  # noqa: E402
                         done_keys, make_windows, persistence_forecast, test_windows)

# dataset -> (training file, test file), the published pairs
DATASETS = {"tata": ("NSE-TATAGLOBAL.csv", "tatatest.csv"), "aapl": ("AAPL.csv", "AAPL-TEST.csv")}
WINDOW = 60  # published
EPOCHS = 100  # published
BATCH_SIZE = 32  # published


def build_model():
    """The published model, compiled as the chapters compile it (call after seeding)."""
    return build_recurrent_model(WINDOW, cell="lstm", units=50, layers=4, dropout=0.2,
                                 jit_compile=True, steps_per_execution=16)


def load_dataset(name):
    """The chapter's corrected data: opening prices, train-only scaler, forward windows."""
    train_file, test_file = DATASETS[name]
    train = load_prices(train_file, columns="Open")["Open"]
    test = load_prices(test_file, columns="Open")["Open"]
    scaler = forecast.fit_scaler(train)
    train_scaled, test_scaled = forecast.scale(scaler, train), forecast.scale(scaler, test)
    X_train, y_train = make_windows(train_scaled, WINDOW)
    X_test, _ = test_windows(train_scaled, test_scaled, WINDOW)
    return {"test": test, "previous": persistence_forecast(train, test),
            "scaler": scaler, "X_train": X_train, "y_train": y_train, "X_test": X_test}


def run_one(name, seed, data, epochs):
    """Train the published model with one seed; return its per-epoch and per-test-day rows."""
    def predict(model):
        return forecast.predict_prices(model, data["X_test"], data["scaler"])

    repro.seed_everything(seed)
    model = build_model()
    each_epoch = TestRMSEEachEpoch(predict, data["test"], data["previous"])
    history = forecast.fit_quietly(model, data["X_train"], data["y_train"], epochs=epochs,
                                   batch_size=BATCH_SIZE, progress=False, callbacks=[each_epoch])
    by_epoch = [{"dataset": name, "seed": seed, "epoch": epoch + 1, "training loss": loss,
                 "test RMSE": rmse, "training CPU s": cpu}
                for epoch, (loss, rmse, cpu) in enumerate(
                    zip(history.history["loss"], each_epoch.rmse, each_epoch.cpu_seconds))]
    predictions = [{"dataset": name, "seed": seed, "epochs": epochs,
                    "date": f"{day:%Y-%m-%d}", "predicted": value}
                   for day, value in zip(data["test"].index, predict(model))]
    return by_epoch, predictions


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--datasets", nargs="+", default=list(DATASETS), choices=list(DATASETS))
    parser.add_argument("--seeds", nargs="+", type=int, default=[0, 1, 2, 3, 4])
    parser.add_argument("--epochs", type=int, default=EPOCHS, help="fewer only to try the script out")
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR)
    args = parser.parse_args()

    command = ".venv/bin/python tools/tata_aapl_runs.py"
    for name in args.datasets:
        data = load_dataset(name)
        epoch_file = args.out_dir / f"{name}_by_epoch.csv"
        prediction_file = args.out_dir / f"{name}_predictions.csv"
        done = done_keys(prediction_file, ["seed"])
        for seed in args.seeds:
            if (seed,) in done:
                print(f"{name}, seed {seed}: already in {prediction_file}, skipped", flush=True)
                continue
            by_epoch, predictions = run_one(name, seed, data, args.epochs)
            append_rows(epoch_file, by_epoch, command)
            append_rows(prediction_file, predictions, command)
            last = by_epoch[-1]
            print(f"{name}, seed {seed}: test RMSE {last['test RMSE']:.4f}, final loss "
                  f"{last['training loss']:.3e}, {last['training CPU s']:.0f} s CPU", flush=True)


if __name__ == "__main__":
    main()
