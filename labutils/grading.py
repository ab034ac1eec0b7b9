"""Helpers for the graded test cells of the chapters' exercises.

Introduced in: RNN hands-on (its hidden tests). A test of one exercise should not fail
because a *different* exercise is wrong: the test of ``rnn_forward`` checks the loop, not
``rnn_cell_forward``. :func:`substituted` lets a test cell run the student's function with a
stand-in for the functions it calls, and puts the student's own functions back afterwards.
"""

from contextlib import contextmanager


@contextmanager
def substituted(namespace, **stand_ins):
    """Temporarily bind names in ``namespace`` (a notebook's ``globals()``) to stand-ins.

    Example: ``with substituted(globals(), rnn_cell_forward=fake_cell): rnn_forward(...)``
    runs the student's ``rnn_forward`` with ``fake_cell`` in place of their cell function.
    Names that did not exist are removed again on exit.
    """
    missing = object()
    saved = {name: namespace.get(name, missing) for name in stand_ins}
    namespace.update(stand_ins)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is missing:
                namespace.pop(name, None)
            else:
                namespace[name] = value
