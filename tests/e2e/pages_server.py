# pages_server.py ROOT PORTFILE: serve recorded API pages on 127.0.0.1 for
# tests/e2e/fetch_registers.sh. A request PATH?QUERY is the file
# ROOT/PATH/QUERY.json (ROOT/PATH/index.json without a query); the port
# (chosen by the system) is written to PORTFILE.
import http.server
import os
import sys
import urllib.parse

root = os.path.abspath(sys.argv[1])


class Pages(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        u = urllib.parse.urlsplit(self.path)
        name = (u.query or "index") + ".json"
        path = os.path.normpath(os.path.join(root, u.path.lstrip("/"), name))
        if not path.startswith(root + os.sep) or not os.path.isfile(path):
            self.send_error(404)
            return
        with open(path, "rb") as f:
            body = f.read()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", 0), Pages)
with open(sys.argv[2] + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(sys.argv[2] + ".tmp", sys.argv[2])
server.serve_forever()
