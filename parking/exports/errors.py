"""What can go wrong with exports."""

from parking.errors import Conflict, NotFound


class ExportNotFound(NotFound):
    message = "Export not found"


class ExportNotReady(Conflict):
    message = "The export is not ready yet"


class ExportFailed(Conflict):
    message = "The export failed; request a new one"
