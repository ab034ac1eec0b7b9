"""Unit tests of seeding and thread settings (labutils.repro)."""

import os
import subprocess
import sys

import numpy as np

from labutils import repro


def test_seed_everything_repeats_numpy_draws():
    repro.seed_everything(7)
    first = np.random.randn(3)
    repro.seed_everything(7)
    np.testing.assert_array_equal(np.random.randn(3), first)


def test_use_single_thread_sets_the_variables_before_tensorflow():
    code = (
        "import os; from labutils import repro; repro.use_single_thread(); "
        "print(','.join(os.environ[v] for v in repro.THREAD_VARIABLES))"
    )
    env = {k: v for k, v in os.environ.items() if k not in repro.THREAD_VARIABLES}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == "1,1,1"


def test_use_single_thread_refuses_after_tensorflow_is_imported():
    code = (
        "import sys, types; sys.modules['tensorflow'] = types.ModuleType('tensorflow'); "
        "from labutils import repro\n"
        "try:\n    repro.use_single_thread()\nexcept RuntimeError as e:\n    print('refused')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "refused"


def test_use_single_thread_turns_the_onednn_kernels_off():
    code = "import os; from labutils import repro; repro.use_single_thread(); print(os.environ['TF_ENABLE_ONEDNN_OPTS'])"
    env = {k: v for k, v in os.environ.items() if k != "TF_ENABLE_ONEDNN_OPTS"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == "0"
