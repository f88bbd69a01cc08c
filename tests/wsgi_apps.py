"""A plain WSGI app for serving tests: `parking serve --app tests.wsgi_apps:app`."""

CHUNK = bytes(range(256)) * 256  # 64 KiB
BIG_CHUNKS = 40  # 2.5 MiB: streamed, not built whole


def app(environ, start_response):
    if environ["PATH_INFO"] == "/big":
        start_response("200 OK", [("Content-Type", "application/octet-stream")])
        return (CHUNK for _ in range(BIG_CHUNKS))
    start_response("200 OK", [("Content-Type", "application/json")])
    return [b'{"status": "ok"}']
