"""Build the FastAPI app: open the store in the lifespan, mount the routers, one error shape for JSON and HTML."""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from claimgraph.api.docs import install_docs
from claimgraph.api.limits import Admission
from claimgraph.api.lookups import UnknownFilter
from claimgraph.api.routes import actors, articles, claims, events, health, pages, query, relations
from claimgraph.api.security import SecurityHeaders, neutralize_bidi
from claimgraph.graph.connect import open_store
from claimgraph.graph.sparql_view import SparqlView, ViewInUse
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from claimgraph import __version__
from claimgraph.config import Settings, get_settings
from claimgraph.errors import ClaimgraphError, InputError, NotReady, QueryError, ReadOnlyViolation

log = logging.getLogger(__name__)


class _LazyPipeline:
    """Stanza loads on the first ingest request, once, not at start-up (reads never need it). One article at a time:
    a Stanza pipeline is not safe to share between threads, and two at once would only split the same cores."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._pipeline = None
        self._lock = threading.Lock()

    def process(self, article):
        with self._lock:
            if self._pipeline is None:
                from claimgraph.extract.nlp import choose_model_set
                from claimgraph.extract.pipeline import ExtractionPipeline

                self._pipeline = ExtractionPipeline(choose_model_set(self.settings.models))
                _freeze_long_lived()
            return self._pipeline.process(article)


def _freeze_long_lived() -> None:
    """Move every object alive now (the store's client, lexicons, Stanza's models once loaded) out of the garbage
    collector's reach: they live as long as the server, and a full collection would walk them all again each time
    the allocations of requests set one off (a pause in whichever request triggered it)."""
    gc.collect()
    gc.freeze()


def _sparql_view(store, settings: Settings) -> SparqlView:
    """The SPARQL view kept in the data directory (reopened at the next start, not rebuilt); a temporary one when
    another server keeps that one."""
    kwargs = {"slots": settings.sparql_processes, "memory_mb": settings.sparql_memory_mb}
    try:
        return SparqlView(store, settings.data_dir / "sparql", **kwargs)
    except ViewInUse:
        log.warning("the data directory's SPARQL view is in use by another process: this server builds its own")
        return SparqlView(store, None, **kwargs)


def create_app(settings: Settings | None = None) -> FastAPI:
    """The API and pages; ``settings`` defaults to the environment's."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        active = settings or get_settings()
        app.state.store = open_store(active)
        app.state.admission = Admission(active.query_slots)
        # A dead engine is started again while the server runs; requests meanwhile get 503 (EngineUnavailable).
        supervise = getattr(app.state.store, "supervise", None)
        watching = supervise() if supervise else None
        app.state.sparql = _sparql_view(app.state.store, active)
        app.state.pipeline = _LazyPipeline(active)
        _freeze_long_lived()  # before the view's build starts: its objects are not the server's to keep
        # Built in the background from the start: at a million claims the first build takes minutes, and a query
        # that comes before it is done waits up to its time limit, then gets 503 with how far the build has come.
        threading.Thread(target=app.state.sparql.warm, name="claimgraph-sparql-view", daemon=True).start()
        try:
            yield
        finally:
            if watching is not None:
                watching.set()
            app.state.sparql.close()  # ends the query processes
            app.state.store.close()

    app = FastAPI(
        title="claimgraph",
        version=__version__,
        description="Who claimed what in Arabic conflict news, relayed by whom, and where the claims disagree.",
        lifespan=lifespan,
        docs_url=None,  # install_docs serves them without a CDN
        redoc_url=None,
    )
    install_docs(app)
    if settings is not None:
        app.dependency_overrides[get_settings] = lambda: settings
    for module in (health, claims, relations, actors, articles, events, query, pages):
        app.include_router(module.router)
    app.include_router(events.pages)
    _install_error_handlers(app)
    app.add_middleware(SecurityHeaders)
    return app


_ERROR_TITLES_AR = {
    400: "طلب غير مفهوم",
    401: "يلزم رمز دخول",
    403: "غير مسموح",
    404: "غير موجود",
    422: "طلب غير صالح",
    503: "الخدمة غير جاهزة بعد",
}


def _error(request: Request, status: int, message: str, errors: list | None = None):
    """The one error shape, as JSON or as a small RTL page when a browser asked for HTML."""
    body = {"ok": False, "error": message, "errors": errors or [], "status": status}
    if "text/html" in request.headers.get("accept", "") and not request.url.path.endswith(".json"):
        from html import escape

        # The title in Arabic; the detail stays in the API's English, marked as such for the browser and readers.
        title = _ERROR_TITLES_AR.get(status, "تعذّر تنفيذ الطلب")
        page = (
            f'<!doctype html><html lang="ar" dir="rtl"><meta charset="utf-8"><title>{status}</title>'
            f'<h1>{title} (<bdi dir="ltr">{status}</bdi>)</h1>'
            f'<p lang="en" dir="ltr">{escape(neutralize_bidi(message))}</p>'
            f'<p><a href="/">الصفحة الرئيسية</a></p></html>'
        )
        return HTMLResponse(page, status_code=status)
    return JSONResponse(body, status_code=status)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        response = _error(request, exc.status_code, str(exc.detail))
        response.headers.update(exc.headers or {})
        return response

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg")} for e in exc.errors()]
        return _error(request, 422, "the request is not valid", errors)

    @app.exception_handler(UnknownFilter)
    async def unknown_filter(request: Request, exc: UnknownFilter):
        return _error(request, 400, "unknown filter or value: " + str(exc), exc.errors)

    @app.exception_handler(ReadOnlyViolation)
    async def read_only(request: Request, exc: ReadOnlyViolation):
        return _error(request, 403, str(exc))

    @app.exception_handler(QueryError)
    async def bad_query(request: Request, exc: QueryError):
        return _error(request, 400, str(exc))

    @app.exception_handler(InputError)
    async def bad_input(request: Request, exc: InputError):
        return _error(request, 400, str(exc))

    @app.exception_handler(NotReady)
    async def not_ready(request: Request, exc: NotReady):
        response = _error(request, 503, str(exc))
        response.headers["Retry-After"] = str(exc.retry_after_s)
        return response

    @app.exception_handler(ClaimgraphError)
    async def other(request: Request, exc: ClaimgraphError):
        log.exception("claimgraph error")
        return _error(request, 503, str(exc))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        # Never plain text, never a traceback to the caller: the details go to the server's log.
        log.exception("unexpected error on %s", request.url.path)
        return _error(request, 500, "internal error: the server's log has the details")


app = create_app()
