"""The network study of chapters/3_forecasting/beat_persistence.py: LSTM and GRU on rolling origins.

    .venv/bin/python tools/beat_persistence_runs.py                          # 6 series x 2 cells x 2 targets x seeds 0-2
    .venv/bin/python tools/beat_persistence_runs.py --datasets IBM --seeds 3 4

For each of the six series of the forecasting chapters (joined into one chronological series
where a chapter's data come in two files) the last N_TEST observations (N_TEST_SHORT for the
short Hang Seng series) are the test period. A one-layer network (keras.layers.LSTM or GRU of
UNITS units, then Dense(HORIZONS): the forecasts for 1 to HORIZONS days ahead at once, direct,
no recursion) reads a window of the last WINDOW values and is trained once on the data before
the first origin, with early stopping on the last VALIDATION_SHARE of the training windows.
Two targets: "price" (train-only min-max scaled prices in and out, as the chapters) and
"return" (daily log returns in, log(P[t+h] / P[t]) out, both divided by the training returns'
standard deviation). It then forecasts at every origin of the test period from the observed
window (no refit). One row per (dataset, cell, target, seed, origin) goes to
data/precomputed/beat_persistence_forecasts.csv (the price forecasts for h = 1..HORIZONS, to 7
significant digits), one
row per run to data/precomputed/beat_persistence_runs.csv (epochs, training CPU seconds,
time.process_time on one TensorFlow thread).

Runs already in the runs file are skipped, so an interrupted run resumes (a run's forecasts
are written before its runs row; the chapter keeps the last copy of a repeated forecast row).
Training is bit-for-bit repeatable on one machine with the same seed and thread count.
"""

import argparse
import time

from labutils import repro

if __name__ == "__main__":  # a test imports this file after TensorFlow
    repro.use_single_thread()  # before TensorFlow is imported

import keras  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from labutils.data import load_prices  # noqa: E402
from precomputed import OUT_DIR, append_rows, done_keys  # noqa: E402

FORECASTS = OUT_DIR / "beat_persistence_forecasts.csv"
RUNS = OUT_DIR / "beat_persistence_runs.csv"
SERIES = {  # name: (files, oldest first after load_prices, and the column the chapter forecasts)
    "TATA": (("NSE-TATAGLOBAL.csv", "tatatest.csv"), "Open"),
    "Apple": (("AAPL.csv", "AAPL-TEST.csv"), "Open"),
    "Hang Seng": (("HSItest.csv", "HSI.csv"), "Open"),
    "Google": (("Google_Stock_Price_Train.csv", "Google_Stock_Price_Test.csv"), "Open"),
    "IBM": (("IBM_2006-01-01_to_2018-01-01.csv",), "High"),
    "Bitcoin": (("BTC-USD.csv",), "Close"),
}
N_TEST = 250
N_TEST_SHORT = 100  # the Hang Seng series has 275 days
HORIZONS = 5
WINDOW = 20
UNITS = 32
LEARNING_RATE = 0.001
BATCH_SIZE = 32
MAX_EPOCHS = 60
PATIENCE = 5
VALIDATION_SHARE = 0.1
CELLS = {"LSTM": keras.layers.LSTM, "GRU": keras.layers.GRU}
TARGETS = ("price", "return")


def load_series(name):
    """One chronological price series (a pandas Series with dates) from the chapter's file(s)."""
    files, column = SERIES[name]
    parts = [load_prices(file, columns=column)[column] for file in files]
    series = pd.concat(parts).sort_index()
    if series.index.duplicated().any():
        raise ValueError(f"{name}: the files share dates")
    return series.rename(name)


def test_size(name):
    """How many of the last observations form the test period."""
    return N_TEST_SHORT if name == "Hang Seng" else N_TEST


def network_inputs(values, n_train, target):
    """Network inputs and outputs from a price array; returns (inputs, outputs, to_prices).

    inputs[t]: what the network reads for day t; outputs[t]: its HORIZONS targets for an
    origin t (NaN past the end); to_prices(out, t) maps outputs at origins t back to prices.
    Every constant (scaling) comes from the first n_train values only.
    """
    values = np.asarray(values, dtype="float64")
    ahead = np.full((len(values), HORIZONS), np.nan)
    if target == "price":
        low, high = values[:n_train].min(), values[:n_train].max()
        scaled = (values - low) / (high - low)
        for h in range(1, HORIZONS + 1):
            ahead[: len(values) - h, h - 1] = scaled[h:]
        return scaled, ahead, lambda out, t: low + out * (high - low)
    log_prices = np.log(values)
    returns = np.concatenate([[np.nan], np.diff(log_prices)])
    spread = returns[1:n_train].std()
    for h in range(1, HORIZONS + 1):
        ahead[: len(values) - h, h - 1] = (log_prices[h:] - log_prices[:-h]) / spread
    return returns / spread, ahead, lambda out, t: values[t][:, None] * np.exp(out * spread)


def network_windows(inputs, ends):
    """The WINDOW inputs up to and including each day of ``ends``: shape (len(ends), WINDOW, 1)."""
    ends = np.asarray(ends)
    return np.stack([inputs[end - WINDOW + 1 : end + 1] for end in ends])[:, :, None].astype("float32")


def build_network(cell):
    """One recurrent layer of UNITS units, then Dense(HORIZONS); compiled (call after seeding)."""
    model = keras.Sequential([keras.Input((WINDOW, 1)), CELLS[cell](UNITS), keras.layers.Dense(HORIZONS)])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=LEARNING_RATE), loss="mse")
    return model


def train_and_forecast(values, n_train, cell, target, seed):
    """Train on the first n_train values, forecast from every origin n_train - 1 .. len - 2.

    Returns (forecasts (origins, HORIZONS) in prices, epochs run, training CPU seconds).
    """
    inputs, outputs, to_prices = network_inputs(values, n_train, target)
    ends = np.arange(WINDOW, n_train - HORIZONS)  # windows whose targets all lie in the training data
    X, Y = network_windows(inputs, ends), outputs[ends].astype("float32")
    n_fit = len(ends) - int(round(VALIDATION_SHARE * len(ends)))
    repro.seed_everything(seed)
    model = build_network(cell)
    stop = keras.callbacks.EarlyStopping(patience=PATIENCE, restore_best_weights=True)
    start = time.process_time()
    history = model.fit(X[:n_fit], Y[:n_fit], validation_data=(X[n_fit:], Y[n_fit:]), epochs=MAX_EPOCHS,
                        batch_size=BATCH_SIZE, shuffle=True, callbacks=[stop], verbose=0)
    cpu = time.process_time() - start
    origins = np.arange(n_train - 1, len(values) - 1)
    predicted = model.predict(network_windows(inputs, origins), verbose=0).astype("float64")
    return to_prices(predicted, origins), len(history.history["loss"]), cpu


def run_one(name, cell, target, seed):
    """One run: its forecast rows and its runs row."""
    series = load_series(name)
    n_train = len(series) - test_size(name)
    forecasts, epochs, cpu = train_and_forecast(series.to_numpy(), n_train, cell, target, seed)
    origins = series.index[n_train - 1 : len(series) - 1]
    rows = [{"dataset": name, "cell": cell, "target": target, "seed": seed, "origin": day.strftime("%Y-%m-%d"),
             **{f"h{h}": float(f"{forecast[h - 1]:.7g}") for h in range(1, HORIZONS + 1)}}
            for day, forecast in zip(origins, forecasts)]
    return rows, {"dataset": name, "cell": cell, "target": target, "seed": seed, "epochs": epochs,
                  "training CPU s": cpu}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", nargs="+", default=list(SERIES), choices=list(SERIES))
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--cells", nargs="+", default=list(CELLS), choices=list(CELLS))
    parser.add_argument("--targets", nargs="+", default=list(TARGETS), choices=list(TARGETS))
    args = parser.parse_args()
    command = "  ".join(["tools/beat_persistence_runs.py"]
                        + [f"--{name} {' '.join(map(str, v))}" for name, v in vars(args).items()])
    done = done_keys(RUNS, ["dataset", "cell", "target", "seed"])
    for seed in args.seeds:
        for name in args.datasets:
            for cell in args.cells:
                for target in args.targets:
                    if (name, cell, target, seed) in done:
                        continue
                    rows, run = run_one(name, cell, target, seed)
                    append_rows(FORECASTS, rows, command)
                    append_rows(RUNS, [run], command)
                    print(f"{name:9s} {cell:4s} {target:6s} seed={seed}: {run['epochs']} epochs, "
                          f"{run['training CPU s']:.1f} CPU s", flush=True)


if __name__ == "__main__":
    main()
