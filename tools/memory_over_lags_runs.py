"""The seed study of chapters/1_from_scratch/memory_over_lags.py: recall the first symbol.

    .venv/bin/python tools/memory_over_lags_runs.py                     # lags 5-80, seeds 0-2
    .venv/bin/python tools/memory_over_lags_runs.py --lags 40 --seeds 3 4

Each sequence is a one-hot symbol out of 4 at step 0 followed by k random symbols of the
same alphabet (the distractors); the target is the first symbol. For every (lag, seed) the
three cells, keras.layers.SimpleRNN (tanh), LSTM and GRU, are trained with the same budget
as the chapter trains them (the constants below, the same training set for the three) and
one row per (cell, lag, seed) is appended to data/precomputed/memory_over_lags.csv: the
parameter count, the final training loss, the test accuracy, the mean norm of the Jacobian
of the final hidden state with respect to the input at step 0 and at the last step, before
and after training, and the training CPU seconds (time.process_time, one TensorFlow thread).

(cell, lag, seed) triples already in the file are skipped, so an interrupted run resumes.
Training is bit-for-bit repeatable on one machine with the same seed and thread count;
another CPU rounds differently.
"""

import argparse
import time
from pathlib import Path

from labutils import repro

if __name__ == "__main__":  # a test imports this file after TensorFlow
    repro.use_single_thread()  # before TensorFlow is imported

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

from precomputed import OUT_DIR, append_rows, done_keys  # noqa: E402

OUT = OUT_DIR / "memory_over_lags.csv"
N_SYMBOLS = 4
UNITS = 16
LEARNING_RATE = 0.01
BATCH_SIZE = 32
EPOCHS = 30
N_TRAIN = 2000
N_TEST = 1000
N_JACOBIAN = 100  # test sequences over which the Jacobian norms are averaged
CELLS = {"SimpleRNN": keras.layers.SimpleRNN, "LSTM": keras.layers.LSTM, "GRU": keras.layers.GRU}


def make_recall_task(n, k, n_symbols, rng):
    """n sequences of k + 1 one-hot symbols, X (n, k + 1, n_symbols), and y (n,): the first symbol."""
    symbols = rng.integers(n_symbols, size=(n, k + 1))
    X = np.eye(n_symbols, dtype="float32")[symbols]
    return X, symbols[:, 0]


def task_data(k, seed):
    """The training and test sets of one (lag, seed), the same for the three cells."""
    rng = np.random.default_rng([seed, k])
    return make_recall_task(N_TRAIN, k, N_SYMBOLS, rng), make_recall_task(N_TEST, k, N_SYMBOLS, rng)


def build_model(cell, k):
    """One recurrent layer of UNITS units, then a softmax over the symbols (call after seeding)."""
    model = keras.Sequential([keras.Input((k + 1, N_SYMBOLS)), CELLS[cell](UNITS),
                              keras.layers.Dense(N_SYMBOLS, activation="softmax")])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=LEARNING_RATE),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def jacobian_norms(recurrent_layer, X):
    """Mean over the sequences of ||d a_T / d x_t|| (Frobenius), one value per step t."""
    x = tf.constant(X)
    with tf.GradientTape() as tape:
        tape.watch(x)
        final_state = recurrent_layer(x)
    jacobian = tape.batch_jacobian(final_state, x).numpy()  # (n, units, T, n_symbols)
    return np.sqrt((jacobian ** 2).sum(axis=(1, 3))).mean(axis=0)


def run_one(cell, k, seed):
    """Train one cell on one lag from one seed; return the row of the file."""
    (X_train, y_train), (X_test, y_test) = task_data(k, seed)
    repro.seed_everything(seed)
    model = build_model(cell, k)
    before = jacobian_norms(model.layers[0], X_test[:N_JACOBIAN])
    start = time.process_time()
    history = model.fit(X_train, y_train, epochs=EPOCHS, batch_size=BATCH_SIZE, verbose=0)
    cpu = time.process_time() - start
    after = jacobian_norms(model.layers[0], X_test[:N_JACOBIAN])
    _, accuracy = model.evaluate(X_test, y_test, verbose=0)
    return {"cell": cell, "lag": k, "seed": seed, "parameters": model.count_params(),
            "training loss": history.history["loss"][-1], "test accuracy": accuracy,
            "jacobian step 0 before": before[0], "jacobian last step before": before[-1],
            "jacobian step 0 after": after[0], "jacobian last step after": after[-1],
            "training CPU s": cpu}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lags", type=int, nargs="+", default=[5, 10, 20, 40, 80])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--cells", nargs="+", default=list(CELLS), choices=list(CELLS))
    args = parser.parse_args()
    command = "  ".join(["tools/memory_over_lags_runs.py"] + [f"--{name} {' '.join(map(str, v))}"
                                                             for name, v in vars(args).items()])
    done = done_keys(OUT, ["cell", "lag", "seed"])
    for seed in args.seeds:
        for k in args.lags:
            for cell in args.cells:
                if (cell, k, seed) in done:
                    continue
                row = run_one(cell, k, seed)
                append_rows(OUT, [row], command)
                print(f"{cell:9s} k={k:3d} seed={seed}: accuracy {row['test accuracy']:.3f}, "
                      f"{row['training CPU s']:.1f} CPU s", flush=True)


if __name__ == "__main__":
    main()
