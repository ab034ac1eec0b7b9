"""Helpers of the character-level language model (the dinosaur-names exercise).

Introduced in: Dinosaur names. These are the functions the original exercise kept in its
``utils.py``: parameter initialisation, one step of the RNN forward and backward, the whole
forward and backward pass over one name, the SGD update, loss smoothing and printing a sample.

Conventions (those of the original exercise, which reproduce its published numbers):

* parameters: a dict with ``Wax`` (n_a, n_x), ``Waa`` (n_a, n_a), ``Wya`` (n_y, n_a),
  ``b`` (n_a, 1) and ``by`` (n_y, 1); gradients: the same keys with a leading ``d``;
* a name is a list of character indices ``X`` (``None`` stands for the zero input vector
  of the first step) and its targets ``Y`` (the same list shifted by one, then a newline);
* column vectors: a hidden state has shape (n_a, 1), a probability vector (n_y, 1).

The softmax of one step is :func:`labutils.rnn_utils.softmax`; :func:`rnn_forward` applies
the same formula to every step at once, subtracting each step's largest score first.

:func:`rnn_step_forward` and :func:`rnn_step_backward` define one time step, as in the
original. :func:`rnn_forward` and :func:`rnn_backward` compute the same thing for a whole
name, but do every product that does not depend on the previous step for all steps at once;
only the recurrence itself stays a Python loop. That makes training about three times faster
and changes only the rounding (the unit tests check both against each other).
"""

import numpy as np

from labutils.rnn_utils import softmax


def initialize_parameters(n_a, n_x, n_y):
    """Small random weights (``randn * 0.01``) and zero biases, drawn after ``np.random.seed(1)``.

    Seeding here, as the original exercise does, makes every training run start the same.
    """
    np.random.seed(1)
    Wax = np.random.randn(n_a, n_x) * 0.01  # input to hidden
    Waa = np.random.randn(n_a, n_a) * 0.01  # hidden to hidden
    Wya = np.random.randn(n_y, n_a) * 0.01  # hidden to output
    b = np.zeros((n_a, 1))  # hidden bias
    by = np.zeros((n_y, 1))  # output bias
    return {"Wax": Wax, "Waa": Waa, "Wya": Wya, "b": b, "by": by}


def rnn_step_forward(parameters, a_prev, x):
    """One step: ``a_next = tanh(Wax x + Waa a_prev + b)`` and ``p_t = softmax(Wya a_next + by)``.

    x: one-hot input, shape (n_x, 1); a_prev: hidden state, shape (n_a, 1).
    Returns a_next (n_a, 1) and the probabilities of the next character p_t (n_y, 1).
    """
    Waa, Wax, Wya, b, by = parameters["Waa"], parameters["Wax"], parameters["Wya"], parameters["b"], parameters["by"]
    a_next = np.tanh(np.dot(Wax, x) + np.dot(Waa, a_prev) + b)
    p_t = softmax(np.dot(Wya, a_next) + by)
    return a_next, p_t


def rnn_step_backward(dy, gradients, parameters, x, a, a_prev):
    """Backward through one step; adds this step's terms to ``gradients`` (changed in place).

    dy: gradient of the loss with respect to the output scores, ``p_t - onehot(y_t)``, (n_y, 1);
    gradients: dict of running sums dWax, dWaa, dWya, db, dby and ``da_next`` (the gradient
    arriving from the later step, (n_a, 1)), which is replaced by the one for ``a_prev``.
    Returns ``gradients``.
    """
    gradients["dWya"] += np.dot(dy, a.T)
    gradients["dby"] += dy
    da = np.dot(parameters["Wya"].T, dy) + gradients["da_next"]  # from the output and the later step
    dz = (1 - a * a) * da  # through tanh
    gradients["db"] += dz
    gradients["dWax"] += np.dot(dz, x.T)
    gradients["dWaa"] += np.dot(dz, a_prev.T)
    gradients["da_next"] = np.dot(parameters["Waa"].T, dz)
    return gradients


def one_hot_rows(X, vocab_size):
    """Inputs as a (len(X), vocab_size) array of one-hot rows; ``None`` gives a zero row."""
    x = np.zeros((len(X), vocab_size))
    for t, index in enumerate(X):
        if index is not None:
            x[t, index] = 1
    return x


def rnn_forward(X, Y, a0, parameters, vocab_size=27):
    """Forward pass over one name; returns the cross-entropy loss (summed over steps) and a cache.

    X, Y: lists of input and target indices (``X[t]`` may be None: a zero input);
    a0: hidden state before the first step, shape (n_a, 1).
    cache = (y_hat, states, x, targets), one row per time step: y_hat (T_x, n_y) holds the
    probabilities of step t in row t; states (T_x + 1, n_a) holds a0 in row 0 and the hidden
    state of step t in row t + 1; x (T_x, n_x) holds the one-hot inputs; ``y_hat[targets]``
    are the probabilities of the targets.
    """
    Wax, Waa, Wya, b, by = parameters["Wax"], parameters["Waa"], parameters["Wya"], parameters["b"], parameters["by"]
    T_x = len(X)
    x = one_hot_rows(X, vocab_size)
    input_terms = np.dot(x, Wax.T) + b.T  # row t: Wax x<t> + b, for all steps at once

    states = np.empty((T_x + 1, Waa.shape[0]))
    states[0] = a0[:, 0]
    for t in range(T_x):  # the recurrence, step by step, written in place into row t + 1
        a_next = states[t + 1]
        np.dot(Waa, states[t], out=a_next)
        a_next += input_terms[t]
        np.tanh(a_next, out=a_next)

    scores = np.dot(states[1:], Wya.T) + by.T  # row t: Wya a<t> + by
    y_hat = np.exp(scores - scores.max(axis=1, keepdims=True))  # softmax of each row
    y_hat /= y_hat.sum(axis=1, keepdims=True)
    targets = (np.arange(T_x), np.array(Y))
    loss = -np.log(y_hat[targets]).sum()
    return loss, (y_hat, states, x, targets)


def rnn_backward(X, Y, parameters, cache):
    """Backpropagation through time over one name.

    Returns the gradients (dict dWax, dWaa, dWya, db, dby, shaped like the parameters) and
    the hidden states ``a`` as an array of shape (T_x, n_a, 1): ``a[t]`` is the hidden state
    of step t, a column like ``a0``.
    """
    y_hat, states, x, targets = cache
    Waa, Wya = parameters["Waa"], parameters["Wya"]
    a, a_prev = states[1:], states[:-1]  # row t: a<t> and a<t-1>

    dy = y_hat.copy()
    dy[targets] -= 1  # softmax + cross-entropy: row t is p<t> - onehot(Y[t])
    da_from_output = np.dot(dy, Wya)  # row t: Wya^T dy<t>
    tanh_derivative = 1 - a * a

    dz = np.empty_like(a)  # row t: gradient of the loss with respect to z<t> (inside the tanh)
    da_next = np.zeros(Waa.shape[0])  # gradient arriving at a<t> from step t + 1
    for t in reversed(range(len(dz))):
        da_next += da_from_output[t]
        np.multiply(tanh_derivative[t], da_next, out=dz[t])
        np.dot(dz[t], Waa, out=da_next)  # Waa^T dz<t>

    gradients = {
        "dWax": np.dot(dz.T, x),
        "dWaa": np.dot(dz.T, a_prev),
        "dWya": np.dot(dy.T, a),
        "db": dz.sum(axis=0).reshape(-1, 1),
        "dby": dy.sum(axis=0).reshape(-1, 1),
    }
    return gradients, a[:, :, np.newaxis]


def update_parameters(parameters, gradients, lr):
    """One step of gradient descent, in place: ``W -= lr * dW`` for every parameter."""
    parameters["Wax"] += -lr * gradients["dWax"]
    parameters["Waa"] += -lr * gradients["dWaa"]
    parameters["Wya"] += -lr * gradients["dWya"]
    parameters["b"] += -lr * gradients["db"]
    parameters["by"] += -lr * gradients["dby"]
    return parameters


def get_initial_loss(vocab_size, seq_length):
    """Loss of a uniform guess over ``seq_length`` characters: ``-log(1 / vocab_size) * seq_length``."""
    return -np.log(1.0 / vocab_size) * seq_length


def smooth(loss, cur_loss):
    """Exponential moving average of the loss: ``0.999 * loss + 0.001 * cur_loss``."""
    return loss * 0.999 + cur_loss * 0.001


def format_sample(sample_ix, ix_to_char):
    """The sampled indices as text, first letter capitalised (the trailing newline is kept)."""
    txt = "".join(ix_to_char[ix] for ix in sample_ix)
    return txt[0].upper() + txt[1:]


def print_sample(sample_ix, ix_to_char):
    """Print a sampled name, capitalised; its own newline ends the line."""
    print(format_sample(sample_ix, ix_to_char), end="")
