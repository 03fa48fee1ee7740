"""The installable app (issue 16, point 4): the manifest, the service worker at the
site's root, and the action that forgets every offline copy.

The worker (``static/sw.js``) keeps the app shell, Today and the last-seen step pages
(the drafts) so they open offline. ``POST /offline/clear`` forgets them: the worker
empties its caches when it sees that post (or a post to ``/logout``, which the hosted
mode adds), and the response's ``Clear-Site-Data: "cache"`` asks the browser to drop
its HTTP cache too.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from starlette.responses import FileResponse, JSONResponse, Response

from nextround.web.pages import CheckedForm, redirect, render

router = APIRouter(include_in_schema=False)

#: The static folder, beside this module (as ``app.STATIC``, not imported: no cycle).
STATIC = Path(__file__).with_name("static")

MANIFEST = {
    "name": "nextround",
    "short_name": "nextround",
    "description": "Your job search, and the follow-up that turns every 'no' into a next step.",
    "id": "/",
    "start_url": "/",
    "scope": "/",
    "display": "standalone",
    "background_color": "#fbfaf7",
    "theme_color": "#2f6f5e",
    "icons": [
        {"src": "/static/icon-192.png", "sizes": "192x192", "type": "image/png"},
        {"src": "/static/icon-512.png", "sizes": "512x512", "type": "image/png"},
        {
            "src": "/static/icon-maskable-192.png",
            "sizes": "192x192",
            "type": "image/png",
            "purpose": "maskable",
        },
        {
            "src": "/static/icon-maskable-512.png",
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
        {"src": "/static/favicon.svg", "sizes": "any", "type": "image/svg+xml"},
    ],
}


@router.get("/manifest.webmanifest")
def manifest() -> Response:
    return JSONResponse(
        MANIFEST,
        media_type="application/manifest+json",
        headers={"Cache-Control": "no-cache"},
    )


@router.get("/sw.js")
def service_worker() -> Response:
    """The worker from the site's root, so its scope is every page; never cached stale."""
    return FileResponse(
        STATIC / "sw.js",
        media_type="text/javascript",
        headers={"Service-Worker-Allowed": "/", "Cache-Control": "no-cache"},
    )


@router.get("/offline")
def offline_page(request: Request, cleared: int = 0) -> Response:
    """What this device keeps for offline use, and the button that forgets it."""
    flash = "Done: this device no longer keeps offline copies of your pages." if cleared else None
    return render(request, "offline.html", {"title": "Offline copies", "flash": flash})


@router.post("/offline/clear")
def clear_offline(form: CheckedForm) -> Response:
    """Forget the offline copies on this device (the worker empties its caches on this post)."""
    response = redirect("/offline?cleared=1")
    response.headers["Clear-Site-Data"] = '"cache"'
    return response
