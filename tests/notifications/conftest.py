from tests.reports.conftest import october  # noqa: F401 - the month of parking to report on
