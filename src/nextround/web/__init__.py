"""The web face: server-rendered pages and the JSON API at ``/api/v1``.

Thin like the CLI: each page group (named after its area, as in every other
layer) parses the request, calls a service and renders a template. FastAPI,
Jinja2 and uvicorn are imported only here, so the CLI never pays for them.
"""
