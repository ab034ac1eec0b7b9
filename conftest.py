"""pytest configuration shared by the unit tests and the nbval chapter runs."""


def pytest_collectstart(collector):
    """Do not compare stderr of chapter cells: it carries warnings and progress bars."""
    if collector.fspath and collector.fspath.ext == ".ipynb":
        collector.skip_compare += ("stderr",)
