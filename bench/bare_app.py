"""The baseline for `GET /api/health`: a bare Flask app answering the same JSON, nothing else.

Served by the same server with the same settings as the real app, it shows what the server and
Flask cost by themselves, so the real health check is measured as a share of it.
"""

from flask import Flask

app = Flask(__name__)


@app.get("/api/health")
def health():
    return {"status": "ok", "database": "ok", "redis": "ok", "queue": "ok"}
