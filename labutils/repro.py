"""Seeding and thread settings, used by every chapter.

Introduced in: RNN hands-on.
"""

import os
import random
import sys

import numpy as np

THREAD_VARIABLES = ("OMP_NUM_THREADS", "TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS")


def seed_everything(seed):
    """Seed Python's ``random``, numpy and (when it is imported) TensorFlow/Keras."""
    random.seed(seed)
    np.random.seed(seed)
    if "keras" in sys.modules or "tensorflow" in sys.modules:
        import keras

        keras.utils.set_random_seed(seed)


def use_single_thread():
    """Make TensorFlow use one thread, before it is imported.

    Keras training is bit-for-bit repeatable on one machine with the same seed
    *and the same thread count*; fixing the count to one makes a chapter's
    results independent of how many chapters run side by side. On this book's
    models a second thread does not make training faster.

    It also turns TensorFlow's oneDNN kernels off: TensorFlow turns them on by itself only
    on CPUs with AVX-512 VNNI/BF16 or AMX, and warns that they round differently from its
    own kernels. Off, every x86 CPU runs TensorFlow's own kernels.
    """
    if "tensorflow" in sys.modules:
        raise RuntimeError("use_single_thread() must run before TensorFlow is imported")
    for variable in THREAD_VARIABLES:
        os.environ[variable] = "1"
    os.environ["TF_ENABLE_ONEDNN_OPTS"] = "0"
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # keep TF's start-up chatter out of the page
