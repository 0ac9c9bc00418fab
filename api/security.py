"""Headers that keep the pages to themselves (CSP and friends), and text shown without its bidi controls."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from typing import Any

from markupsafe import Markup
from starlette.types import ASGIApp, Message, Receive, Scope, Send

TEMPLATES = Path(__file__).resolve().parent / "templates"
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def inline_script_hashes(folder: Path = TEMPLATES) -> list[str]:
    """CSP hashes of the inline scripts the templates hold (rendered verbatim: they contain no template code), so
    that those run and no other inline script does (an injected one has no listed hash)."""
    hashes = set()
    for template in sorted(folder.glob("*.html")):
        for body in _INLINE_SCRIPT.findall(template.read_text(encoding="utf-8")):
            digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
            hashes.add(f"'sha256-{digest}'")
    return sorted(hashes)


# Pages: scripts only from here or listed by hash, no frames, no plugins, forms only to this server. The inline
# <style> of base.html is allowed; Swagger's /docs loads its assets from a CDN and is left without a CSP.
CONTENT_SECURITY_POLICY = (
    f"default-src 'none'; script-src 'self' {' '.join(inline_script_hashes())}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
_EVERY_RESPONSE = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
_NO_CSP = ("/docs", "/redoc")

# Embeddings, overrides and isolates (U+202A-202E, U+2066-2069) reorder what follows them: «U+202E» in an article
# would show a number or a name reversed. Marks (U+200E, U+200F, U+061C) only nudge neutral characters and stay.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def neutralize_bidi(text: str) -> str:
    """``text`` with each bidi control replaced by U+FFFD (one character for one: offsets into it still hold)."""
    return BIDI_CONTROLS.sub("\ufffd", text)


def shown(value: Any) -> Any:
    """Jinja's finalize: every value a template prints passes here before it is escaped (markup stays markup)."""
    if isinstance(value, Markup):
        return Markup(neutralize_bidi(str(value)))
    return neutralize_bidi(value) if isinstance(value, str) else value


class SecurityHeaders:
    """Pure ASGI middleware (no buffering of bodies): adds the headers to every response, the CSP to HTML ones."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(k, v) for k, v in _EVERY_RESPONSE if k not in present]
                content_type = dict(headers).get(b"content-type", b"")
                if content_type.startswith(b"text/html") and not path.startswith(_NO_CSP):
                    headers.append((b"content-security-policy", CONTENT_SECURITY_POLICY.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)
