"""The exception tree of UPR Monitor.

Bad *data* never raises: validation returns Issues. These exceptions are for what stops a load
(the sheet cannot be reached or read at all) and for a wrong configuration.
"""

from __future__ import annotations


class UprSheetsError(Exception):
    """Base of every error this package raises on purpose."""


class SettingsError(UprSheetsError):
    """`config/settings.toml` (or a value overriding it) is not what the app expects."""


class SourceError(UprSheetsError):
    """The sheet could not be loaded; the message says why and what to do."""

    retryable = False


class SourceNotFound(SourceError):
    """The spreadsheet, workbook or folder does not exist (or the link is wrong)."""


class SourcePermissionDenied(SourceError):
    """The sheet exists but the app is not allowed to read it."""


class SourceUnavailable(SourceError):
    """The sheet could not be reached now (network, timeout, quota, server error): try again later."""

    retryable = True


class SourceUnreadable(SourceUnavailable):
    """The file is there but is not one to read: not a regular file, not a workbook, malformed or over a limit."""

    retryable = False


class MalformedResponse(SourceUnavailable):
    """The server answered with something that is not a valid Sheets API response."""


class MissingTab(SourceError):
    """A required tab is not in the sheet."""


class MissingColumn(SourceError):
    """A required column is not in a required tab."""


class OutputError(UprSheetsError):
    """An export or report could not be written (e.g. no Chromium for charts and PDF, an unknown ministry)."""
