#!/usr/bin/python3
"""A local HTTP file server for the download tests (Python 3 standard library only).

Usage: range_server.py ROOT [--fail-after BYTES] [--no-range]

Binds 127.0.0.1 on a free port and prints the port as the first line of stdout. Serves the
files under ROOT with `Range: bytes=N-` (and `N-M`) support: 206 with Content-Range, 416 past
the end, 404 for missing files. `/redirect/PATH` answers 302 to `/PATH`.

--fail-after BYTES  on the first request for each path, close the connection after sending
                    BYTES body bytes (the headers announce the full length)
--no-range          ignore Range headers and always answer 200 with the whole file
"""

import argparse
import os
import re
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

RANGE = re.compile(r"^bytes=(\d+)-(\d*)$")


def make_handler(root, fail_after, no_range):
    failed_paths = set()
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):
            pass

        def do_HEAD(self):
            self.serve(send_body=False)

        def do_GET(self):
            self.serve(send_body=True)

        def resolve(self, url_path):
            relative = urllib.parse.unquote(url_path).lstrip("/")
            path = os.path.realpath(os.path.join(root, relative))
            if os.path.commonpath([root, path]) != root or not os.path.isfile(path):
                return None
            return path

        def serve(self, send_body):
            url_path = urllib.parse.urlsplit(self.path).path
            if url_path.startswith("/redirect/"):
                self.send_response(302)
                self.send_header("Location", url_path[len("/redirect") :])
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            path = self.resolve(url_path)
            if path is None:
                self.send_error(404, "No such file: " + url_path)
                return
            with open(path, "rb") as f:
                data = f.read()
            size = len(data)
            start, end = 0, size - 1
            match = RANGE.match(self.headers.get("Range", "").strip())
            partial = match is not None and not no_range
            if partial:
                start = int(match.group(1))
                if match.group(2):
                    end = min(int(match.group(2)), size - 1)
                if start >= size or start > end:
                    self.send_response(416)
                    self.send_header("Content-Range", "bytes */%d" % size)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
            body = data[start : end + 1]
            self.send_response(206 if partial else 200)
            if partial:
                self.send_header("Content-Range", "bytes %d-%d/%d" % (start, end, size))
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Accept-Ranges", "none" if no_range else "bytes")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not send_body:
                return
            cut = False
            if fail_after is not None:
                with lock:
                    cut = url_path not in failed_paths
                    failed_paths.add(url_path)
            if cut:
                self.wfile.write(body[:fail_after])
                self.wfile.flush()
                self.close_connection = True
                return
            self.wfile.write(body)

    return Handler


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A client that hangs up early (a cancelled download) is expected, not an error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def main():
    parser = argparse.ArgumentParser(description="Local HTTP file server with Range support.")
    parser.add_argument("root", help="folder whose files are served")
    parser.add_argument("--fail-after", type=int, metavar="BYTES",
                        help="drop the first response of each path after BYTES body bytes")
    parser.add_argument("--no-range", action="store_true", help="ignore Range headers")
    args = parser.parse_args()
    root = os.path.realpath(args.root)
    if not os.path.isdir(root):
        parser.error("ROOT %s is not a folder" % args.root)
    server = QuietServer(("127.0.0.1", 0), make_handler(root, args.fail_after, args.no_range))
    print(server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
