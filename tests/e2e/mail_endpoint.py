#!/usr/bin/python3
"""The mail the SMTP catcher caught, over HTTP on loopback, for the browser
tests (tests/e2e/run.mjs --mail URL): the browser cannot read the catcher's
maildir, and the multi-user scenario needs the supervisor's email to follow
its link.

    GET /?to=ADDRESS[&subject=TEXT][&body=TEXT][&count=N][&timeout=SECONDS]

waits (polling, with a deadline of at most 60 s) until at least N messages
(default 1) to ADDRESS whose subject (and text part) contain the TEXTs were
delivered, and
answers 200 with them as JSON, oldest first: [{subject, from, to, text,
html, tls}]. At the deadline: 504 with {"error": ...}. Anything else: 400.

tests/test_e2e.py serves it for the portal's catcher (MailEndpoint(relay)). By
hand, for a development server started with scripts/run:

    /usr/bin/python3 tests/e2e/mail_endpoint.py DEV_HOME/mail/maildir
"""
import json
import os
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_WAIT = 60


def message_json(m):
    msg = m["msg"]
    text = msg.get_body(("plain",))
    html = msg.get_body(("html",))
    return {"subject": str(msg["Subject"] or ""), "from": str(msg["From"] or ""),
            "to": list(m["meta"].get("rcpt_tos", [])),
            "text": text.get_content().replace("\r\n", "\n") if text else "",
            "html": html.get_content() if html else "",
            "tls": bool(m["meta"].get("tls"))}


class MailEndpoint:
    """An HTTP server on 127.0.0.1 (a free port) answering from
    relay.messages_to(address) (a devmail.Relay). Use as a context manager."""

    def __init__(self, relay):
        self.relay = relay
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                status, body = endpoint.answer(self.path)
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = "http://127.0.0.1:%d/" % self.server.server_address[1]
        self.thread = None

    def answer(self, path):
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(path).query)
        one = {k: v[0] for k, v in query.items() if len(v) == 1}
        try:
            to = one["to"]
            count = int(one.get("count", "1"))
            timeout = min(float(one.get("timeout", "20")), MAX_WAIT)
        except (KeyError, ValueError):
            return 400, {"error": "usage: /?to=ADDRESS[&subject=TEXT][&body=TEXT][&count=N][&timeout=SECONDS]"}
        subject = one.get("subject", "")
        body = one.get("body", "")
        deadline = time.monotonic() + timeout
        while True:
            found = [j for j in (message_json(m) for m in self.relay.messages_to(to))
                     if subject in j["subject"] and body in j["text"]]
            if len(found) >= count:
                return 200, found
            if time.monotonic() > deadline:
                return 504, {"error": "%d message(s) to %s with %r in the subject and %r in the text expected "
                                      "within %gs, caught %d" % (count, to, subject, body, timeout, len(found))}
            time.sleep(0.05)

    def start(self):
        self.thread = threading.Thread(target=self.server.serve_forever, name="mail-endpoint", daemon=True)
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
        if self.thread is not None:
            self.thread.join(10)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: mail_endpoint.py MAILDIR")
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                                    "scripts"))
    import devmail
    maildev = os.path.dirname(os.path.abspath(sys.argv[1]))
    relay = devmail.Relay(maildev, rundir=maildev)    # only read, never started
    relay.maildir = os.path.abspath(sys.argv[1])
    with MailEndpoint(relay) as box:
        print("mail of %s at %s (Ctrl-C stops)" % (relay.maildir, box.url), flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
