"""One base exception for the project; each subclass names what went wrong and what to do about it."""


class ClaimgraphError(Exception):
    """Base of every error claimgraph raises on purpose."""


class InputError(ClaimgraphError):
    """An article could not be read: empty, binary, too large, not Arabic, or with malformed metadata."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ModelsNotFoundError(ClaimgraphError, FileNotFoundError):
    """No usable Stanza Arabic models: neither the project's own nor the official ones."""


class StoreError(ClaimgraphError):
    """The graph engine could not be started, reached or written."""


class QueryError(ClaimgraphError):
    """A user query failed: bad syntax, a timeout, or an engine error."""


class ReadOnlyViolation(QueryError):
    """A user query tried to write through a read-only door."""


class NotReady(ClaimgraphError):
    """Something is still being prepared (the SPARQL view of a big graph after a start): try again shortly."""

    def __init__(self, message: str, retry_after_s: int = 10) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class EngineUnavailable(NotReady, StoreError):
    """The graph engine stopped answering (it died, or is loading after a restart): try again shortly."""

    def __init__(self, message: str, retry_after_s: int = 2) -> None:
        super().__init__(message, retry_after_s)
