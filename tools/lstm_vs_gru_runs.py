"""The seed study of chapters/3_forecasting/lstm_vs_gru.py: LSTM against GRU, on equal terms.

    .venv/bin/python tools/lstm_vs_gru_runs.py                       # both tasks, both slices, seeds 0-4
    .venv/bin/python tools/lstm_vs_gru_runs.py --tasks ibm --slices small --seeds 5 6

Two tasks: the recall-the-first-symbol task of chapters/1_from_scratch/memory_over_lags.py
at lag 20 (4 symbols), and IBM's daily high (window 60, test from 2017-01-01, train-only
MinMax scaler, next day's scaled level). Each on two slices of its training data (small,
large). Three contenders, each one recurrent layer then Dense: LSTM(n), GRU(n) (equal units)
and GRU(m) (m: the parameter count of its recurrent layer closest to LSTM(n)'s). One
protocol for all (the constants below): Adam, one learning rate, one batch size, one
maximum of epochs, early stopping on the validation loss (the last VALIDATION_SHARE of the
training slice, restore the best weights). The same training set for the three contenders
at a given seed. One row per (task, slice, contender, seed) is appended to
data/precomputed/lstm_vs_gru.csv: parameters, epochs run, best epoch, the test score (memory:
accuracy; IBM: RMSE in USD and its ratio to persistence), the training CPU seconds
(time.process_time, one TensorFlow thread) and CPU seconds per epoch.

Rows already in the file are skipped, so an interrupted run resumes. Training is
bit-for-bit repeatable on one machine with the same seed and thread count; another CPU
rounds differently.
"""

import argparse
import time

from labutils import repro

if __name__ == "__main__":  # a test imports this file after TensorFlow
    repro.use_single_thread()  # before TensorFlow is imported

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

from labutils import forecast  # noqa: E402
from labutils.data import load_prices  # noqa: E402
from precomputed import OUT_DIR, append_rows, done_keys  # noqa: E402

OUT = OUT_DIR / "lstm_vs_gru.csv"

# The protocol, identical for every contender
LEARNING_RATE = 0.01
BATCH_SIZE = 32
MAX_EPOCHS = 30
PATIENCE = 15  # the memory task sits on a plateau for many epochs before a run escapes it
VALIDATION_SHARE = 0.2

# The memory task
LAG = 20
N_SYMBOLS = 4
MEMORY_UNITS = 16
MEMORY_TRAIN = {"small": 250, "large": 2000}
MEMORY_TEST = 1000

# IBM
WINDOW = 60
TEST_START = "2017-01-01"
IBM_UNITS = 32
IBM_SMALL = 500

SEEDS = [0, 1, 2, 3, 4]
TASKS = ("memory", "ibm")
SLICES = ("small", "large")


def lstm_parameters(units, input_dim):
    """Weights of a keras LSTM layer: 4 gates, each a kernel, a recurrent kernel and a bias."""
    return 4 * (units * input_dim + units * units + units)


def gru_parameters(units, input_dim):
    """Weights of a keras GRU layer with reset_after=True (two biases per gate)."""
    return 3 * (units * input_dim + units * units + 2 * units)


def gru_units_like(lstm_units, input_dim):
    """The GRU width whose layer has the parameter count nearest the LSTM's (the smaller on a tie)."""
    target = lstm_parameters(lstm_units, input_dim)
    candidates = range(1, 2 * lstm_units + 2)
    return min(candidates, key=lambda m: (abs(gru_parameters(m, input_dim) - target), m))


def contenders(lstm_units, input_dim):
    """{name: (cell, units)}: LSTM(n), GRU(n) and the GRU of about LSTM(n)'s parameter count."""
    m = gru_units_like(lstm_units, input_dim)
    return {f"LSTM({lstm_units})": ("LSTM", lstm_units), f"GRU({lstm_units})": ("GRU", lstm_units),
            f"GRU({m})": ("GRU", m)}


def make_recall_task(n, k, n_symbols, rng):
    """n sequences of k + 1 one-hot symbols, X (n, k + 1, n_symbols), and y (n,): the first symbol."""
    symbols = rng.integers(n_symbols, size=(n, k + 1))
    X = np.eye(n_symbols, dtype="float32")[symbols]
    return X, symbols[:, 0]


def memory_data(seed, size):
    """Training slice (the first `size` of the seed's 2000 sequences) and test set of the memory task."""
    rng = np.random.default_rng([seed, LAG])
    (X_train, y_train) = make_recall_task(MEMORY_TRAIN["large"], LAG, N_SYMBOLS, rng)
    test = make_recall_task(MEMORY_TEST, LAG, N_SYMBOLS, rng)
    return (X_train[:size], y_train[:size]), test


def cut_windows(values, window):
    """All windows of `window` values of a 1-D series, float32 (n, window, 1), and their next values."""
    view = np.lib.stride_tricks.sliding_window_view(np.asarray(values, dtype="float32"), window + 1)
    return view[:, :window, np.newaxis].copy(), view[:, window].copy()


def ibm_data():
    """IBM's High: scaled training windows, test windows, test prices, persistence, scaler."""
    prices = load_prices("IBM_2006-01-01_to_2018-01-01.csv", columns=["High"])
    train, test = forecast.chronological_split(prices, TEST_START)
    train_high, test_high = train["High"].to_numpy(), test["High"].to_numpy()
    scaler = forecast.fit_scaler(train_high)
    scaled_train, scaled_test = forecast.scale(scaler, train_high), forecast.scale(scaler, test_high)
    X_train, y_train = cut_windows(scaled_train, WINDOW)
    X_test, _ = cut_windows(np.concatenate([scaled_train[-WINDOW:], scaled_test]), WINDOW)
    previous = np.concatenate([train_high[-1:], test_high[:-1]])
    return {"X_train": X_train, "y_train": y_train, "X_test": X_test, "actual": test_high,
            "previous": previous, "scaler": scaler}


def ibm_slice(data, slice_name):
    """All training windows (large) or the most recent IBM_SMALL (small)."""
    if slice_name == "large":
        return data["X_train"], data["y_train"]
    return data["X_train"][-IBM_SMALL:], data["y_train"][-IBM_SMALL:]


def build_contender(task, cell, units, steps, input_dim):
    """One recurrent layer then Dense, compiled with the protocol's optimizer (call after seeding)."""
    layer = {"LSTM": keras.layers.LSTM, "GRU": keras.layers.GRU}[cell](units)
    if task == "memory":
        head, loss, metrics = keras.layers.Dense(N_SYMBOLS, activation="softmax"), "sparse_categorical_crossentropy", ["accuracy"]
    else:
        head, loss, metrics = keras.layers.Dense(1), "mse", []
    model = keras.Sequential([keras.Input((steps, input_dim)), layer, head])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=LEARNING_RATE), loss=loss, metrics=metrics)
    return model


def train_contender(model, X, y):
    """Fit with the protocol (early stopping on the last share of the slice); return the History."""
    stop = keras.callbacks.EarlyStopping(monitor="val_loss", patience=PATIENCE, restore_best_weights=True)
    return model.fit(X, y, epochs=MAX_EPOCHS, batch_size=BATCH_SIZE, validation_split=VALIDATION_SHARE,
                     callbacks=[stop], verbose=0)


def run_one(task, slice_name, name, cell, units, seed, ibm=None):
    """Train one contender on one task and slice from one seed; return the row of the file."""
    if task == "memory":
        (X, y), (X_test, y_test) = memory_data(seed, MEMORY_TRAIN[slice_name])
        steps, input_dim = LAG + 1, N_SYMBOLS
    else:
        X, y = ibm_slice(ibm, slice_name)
        steps, input_dim = WINDOW, 1
    repro.seed_everything(seed)
    model = build_contender(task, cell, units, steps, input_dim)
    start = time.process_time()
    history = train_contender(model, X, y)
    cpu = time.process_time() - start
    epochs = len(history.history["loss"])
    row = {"task": task, "slice": slice_name, "contender": name, "seed": seed, "cell": cell, "units": units,
           "parameters": model.count_params(), "training windows": len(X), "epochs run": epochs,
           "best epoch": int(np.argmin(history.history["val_loss"])) + 1,
           "training CPU s": cpu, "CPU s per epoch": cpu / epochs,
           "test accuracy": np.nan, "test RMSE": np.nan, "RMSE / persistence": np.nan}  # the same columns for both tasks
    if task == "memory":
        row["test accuracy"] = model.evaluate(X_test, y_test, verbose=0)[1]
    else:
        predicted = forecast.predict_prices(model, ibm["X_test"], ibm["scaler"])
        rmse = float(np.sqrt(np.mean((predicted - ibm["actual"]) ** 2)))
        persistence = float(np.sqrt(np.mean((ibm["previous"] - ibm["actual"]) ** 2)))
        row["test RMSE"], row["RMSE / persistence"] = rmse, rmse / persistence
    return row


def main():
    tf.get_logger().setLevel("ERROR")  # no retracing warnings in the log
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", nargs="+", default=list(TASKS), choices=TASKS)
    parser.add_argument("--slices", nargs="+", default=list(SLICES), choices=SLICES)
    parser.add_argument("--seeds", type=int, nargs="+", default=SEEDS)
    args = parser.parse_args()
    command = "  ".join(["tools/lstm_vs_gru_runs.py"] + [f"--{name} {' '.join(map(str, v))}"
                                                        for name, v in vars(args).items()])
    done = done_keys(OUT, ["task", "slice", "contender", "seed"])
    ibm = ibm_data() if "ibm" in args.tasks else None
    units = {"memory": (MEMORY_UNITS, N_SYMBOLS), "ibm": (IBM_UNITS, 1)}
    for seed in args.seeds:
        for task in args.tasks:
            for slice_name in args.slices:
                for name, (cell, n) in contenders(*units[task]).items():
                    if (task, slice_name, name, seed) in done:
                        continue
                    row = run_one(task, slice_name, name, cell, n, seed, ibm)
                    append_rows(OUT, [row], command)
                    score = row["test accuracy"] if task == "memory" else row["test RMSE"]
                    print(f"{task:6s} {slice_name:5s} {name:8s} seed={seed}: {score:.4f}, "
                          f"{row['epochs run']} epochs, {row['training CPU s']:.1f} CPU s", flush=True)


if __name__ == "__main__":
    main()
