"""Finite-difference gradient checks shared by the numpy chapters.

Introduced in: RNN hands-on.
"""

import numpy as np
import pandas as pd


def numerical_gradient(loss, x, eps=1e-6):
    """Central-difference gradient of the scalar ``loss()`` with respect to array ``x``.

    ``x`` is perturbed in place, one entry at a time, and restored afterwards, so
    ``loss`` should read ``x`` (e.g. through a parameters dictionary holding it).
    """
    grad = np.zeros_like(x, dtype=float)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + eps
        loss_plus = loss()
        x[index] = original - eps
        loss_minus = loss()
        x[index] = original
        grad[index] = (loss_plus - loss_minus) / (2 * eps)
    return grad


def relative_error(analytic, numeric):
    """``||a - n|| / (||a|| + ||n||)``: about 1e-7 or less means the gradients agree."""
    analytic, numeric = np.asarray(analytic), np.asarray(numeric)
    denominator = np.linalg.norm(analytic) + np.linalg.norm(numeric)
    if denominator == 0:
        return 0.0
    return float(np.linalg.norm(analytic - numeric) / denominator)


def gradient_check_table(loss, arrays, analytic_gradients, eps=1e-6):
    """Compare analytic gradients with finite differences, one row per array.

    ``arrays`` maps a name to the array the loss depends on (perturbed in place);
    ``analytic_gradients`` maps the same names to the gradients to check.
    Returns a DataFrame with the shape and relative error of each.
    """
    rows = []
    for name, array in arrays.items():
        numeric = numerical_gradient(loss, array, eps)
        rows.append({
            "gradient": name,
            "shape": str(analytic_gradients[name].shape),
            "relative error": relative_error(analytic_gradients[name], numeric),
        })
    return pd.DataFrame(rows).set_index("gradient")
