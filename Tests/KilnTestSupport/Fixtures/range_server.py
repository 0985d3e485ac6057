#!/usr/bin/env python3
"""A local HTTP/1.1 server for HTTPStreamTests: serves one file at /bundle with Range support
(`Range: bytes=N-` -> 206 + Content-Range), and can misbehave on purpose:

  --drops D --drop-after K --drop-with fin|rst|stall
      the first D requests for /bundle send their headers and K body bytes, then the connection
      is closed (fin: an orderly close; rst: a reset, SO_LINGER 0) or left open and silent (stall)
  --ignore-range      answer every request with 200 and the whole file, as servers without Range do
  --changing-etag     a different ETag on every answer, as if the file were replaced

/redirect answers 302 to /bundle; anything else is 404. Prints the port on the first line of
stdout; appends "<path> <Range header or ->" per request to --log. Exits when its parent does,
so a crashed test run leaves no server behind."""
import argparse, os, signal, socket, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

args = None
requests = 0
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *_):
        pass

    def do_GET(self):
        global requests
        with lock:
            number = requests
            requests += 1
            with open(args.log, "a") as log:
                log.write(f"{self.path} {self.headers.get('Range', '-')}\n")
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/bundle")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path != "/bundle":
            self.send_error(404)
            return
        self.serve_bundle(number)

    def serve_bundle(self, number):
        with open(args.file, "rb") as f:
            data = f.read()
        start = self.range_start(len(data))
        if start is None:
            self.send_response(416)
            self.send_header("Content-Range", f"bytes */{len(data)}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        ranged = self.headers.get("Range") is not None and not args.ignore_range
        self.send_response(206 if ranged else 200)
        if ranged:
            self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        self.send_header("Content-Length", str(len(data) - start))
        self.send_header("ETag", f'"{number}"' if args.changing_etag else '"bundle"')
        self.end_headers()
        body = data[start:]
        if number < args.drops:
            self.wfile.write(body[:args.drop_after])
            self.drop()
        else:
            self.wfile.write(body)

    def range_start(self, size):
        header = self.headers.get("Range")
        if not header or args.ignore_range:
            return 0
        first = int(header.removeprefix("bytes=").split("-")[0])
        return first if first < size else None

    def drop(self):
        self.close_connection = True
        if args.drop_with == "stall":
            time.sleep(3600)  # the client's low-speed timeout has to notice; the server is killed first
        elif args.drop_with == "rst":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            os.close(self.connection.detach())
        else:
            self.connection.shutdown(socket.SHUT_RDWR)


def watch_parent(parent):
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)


def main():
    global args
    parser = argparse.ArgumentParser()
    parser.add_argument("--file", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--drops", type=int, default=0)
    parser.add_argument("--drop-after", type=int, default=0)
    parser.add_argument("--drop-with", choices=["fin", "rst", "stall"], default="fin")
    parser.add_argument("--ignore-range", action="store_true")
    parser.add_argument("--changing-etag", action="store_true")
    args = parser.parse_args()
    # Spawned from a dispatch worker thread, the server inherits its blocked signals; unblock SIGTERM.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    threading.Thread(target=watch_parent, args=(os.getppid(),), daemon=True).start()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True  # a stalled handler must not keep the process alive
    server.handle_error = lambda *_: None  # dropped connections are the point, not errors
    print(server.server_address[1], flush=True)
    server.serve_forever()


main()
