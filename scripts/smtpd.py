#!/usr/bin/python3
"""hrportal test/dev SMTP relay, built on Debian's python3-aiosmtpd.

Run it with the system interpreter (/usr/bin/python3), which has aiosmtpd:

    /usr/bin/python3 scripts/smtpd.py --port 0 --maildir var/mail \\
        [--tls-cert cert.pem --tls-key key.pem [--require-tls]] \\
        [--auth-user U (--auth-password P | --auth-password-file F)] \\
        [--fail-next N] [--reject-rcpt ADDR]...

The run command (scripts/devserver.py) starts it as the development mail
catcher; the tests start it as their relay (tests/smtpd.py runs this file).

Once listening it prints exactly one line on stdout, "READY port=NNNN"
(flushed), so callers wait for that instead of sleeping. Nothing else is
written to stdout. Events (MAIL, RCPT, DATA outcome) are logged one per line
on stderr; they never include passwords.

Every accepted message is written to --maildir as NAME.eml (the exact bytes
received, CRLF line endings, after SMTP dot-unstuffing) with a sidecar
NAME.json holding the envelope and session facts:
    {"mail_from": ..., "rcpt_tos": [...], "tls": true, "auth_user": ...,
     "peer": "...", "received": "...", "size": N}
Both are written to a dot-prefixed temporary file and renamed into place,
the .json first, so a reader that sees NAME.eml can rely on NAME.json.

SIGTERM or SIGINT stops the server cleanly (exit status 0).
"""

import argparse
import asyncio
import datetime
import hmac
import itertools
import json
import logging
import os
import signal
import ssl
import sys

try:
    from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword
except ImportError:  # pragma: no cover - depends on the machine
    sys.stderr.write("smtpd.py: aiosmtpd missing: apt-get install python3-aiosmtpd "
                     "and run with /usr/bin/python3\n")
    sys.exit(2)


class _QuietDeprecation(logging.Filter):
    """aiosmtpd 1.4 warns about its own use of Session.login_data on every
    successful AUTH; that is noise in test logs."""

    def filter(self, record):
        return "login_data is deprecated" not in record.getMessage()


def log(msg):
    sys.stderr.write("smtpd: %s\n" % msg)
    sys.stderr.flush()


def write_atomic(path, data):
    """Write data to path so that readers see either nothing or all of it."""
    directory, name = os.path.split(path)
    tmp = os.path.join(directory, ".%s.tmp" % name)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.rename(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


class Handler:
    def __init__(self, maildir, fail_next, reject_rcpt=()):
        self.maildir = maildir
        self.fail_next = fail_next
        self.reject_rcpt = {a.lower() for a in reject_rcpt}
        self.seq = itertools.count(1)

    @staticmethod
    def _session_facts(session):
        tls = session.ssl is not None
        user = None
        if session.authenticated and isinstance(session.auth_data, LoginPassword):
            user = session.auth_data.login.decode("utf-8", "replace")
        return tls, user

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        tls, user = self._session_facts(session)
        log("MAIL from=<%s> tls=%s auth=%s" % (address, "yes" if tls else "no", user or "-"))
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 2.1.0 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.reject_rcpt:
            log("RCPT to=<%s> answered 550 (--reject-rcpt)" % address)
            return "550 5.1.1 <%s>: recipient refused by --reject-rcpt" % address
        log("RCPT to=<%s>" % address)
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.fail_next > 0:
            self.fail_next -= 1
            log("DATA answered 451 (--fail-next, %d left)" % self.fail_next)
            return "451 4.3.0 Temporary failure requested by --fail-next"
        tls, user = self._session_facts(session)
        content = envelope.original_content or b""
        now = datetime.datetime.now(datetime.timezone.utc)
        name = "%s-%d-%06d" % (now.strftime("%Y%m%dT%H%M%S.%fZ"), os.getpid(), next(self.seq))
        peer = session.peer
        meta = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "tls": tls,
            "auth_user": user,
            "peer": "%s:%s" % (peer[0], peer[1]) if isinstance(peer, tuple) else str(peer),
            "received": now.isoformat(),
            "size": len(content),
        }
        write_atomic(os.path.join(self.maildir, name + ".json"),
                     (json.dumps(meta, indent=1) + "\n").encode())
        write_atomic(os.path.join(self.maildir, name + ".eml"), content)
        log("DATA stored %s.eml (%d bytes)" % (name, len(content)))
        return "250 2.0.0 OK queued as %s" % name


def make_authenticator(user, password):
    user_b, password_b = user.encode(), password.encode()

    def authenticator(server, session, envelope, mechanism, auth_data):
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        # compare both, constant time, so timing tells nothing
        ok = hmac.compare_digest(auth_data.login, user_b)
        ok = hmac.compare_digest(auth_data.password, password_b) and ok
        log("AUTH %s user=%s %s" % (mechanism, auth_data.login.decode("utf-8", "replace"),
                                    "accepted" if ok else "refused"))
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

    return authenticator


def parse_args(argv):
    p = argparse.ArgumentParser(description="hrportal test/dev SMTP relay (aiosmtpd)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0, help="0 picks a free port (see READY line)")
    p.add_argument("--maildir", required=True, help="directory for NAME.eml + NAME.json")
    p.add_argument("--tls-cert", help="PEM certificate: offer STARTTLS")
    p.add_argument("--tls-key", help="PEM private key for --tls-cert")
    p.add_argument("--require-tls", action="store_true",
                   help="refuse MAIL (and everything but EHLO/STARTTLS) before STARTTLS")
    p.add_argument("--auth-user", help="require AUTH PLAIN/LOGIN (only offered over TLS)")
    p.add_argument("--auth-password")
    p.add_argument("--auth-password-file", metavar="FILE",
                   help="read the AUTH password from the first line of FILE (keeps it out of ps)")
    p.add_argument("--fail-next", type=int, default=0, metavar="N",
                   help="answer 451 to the next N messages at end of DATA")
    p.add_argument("--reject-rcpt", action="append", default=[], metavar="ADDR",
                   help="answer 550 to RCPT TO this address (a permanent failure); repeatable")
    p.add_argument("--timeout", type=float, default=60, help="idle session timeout, seconds")
    a = p.parse_args(argv)
    if a.auth_password_file is not None:
        if a.auth_password is not None:
            p.error("give --auth-password or --auth-password-file, not both")
        with open(a.auth_password_file, encoding="utf-8") as f:
            a.auth_password = f.readline().rstrip("\r\n")
    if bool(a.tls_cert) != bool(a.tls_key):
        p.error("--tls-cert and --tls-key go together")
    if a.require_tls and not a.tls_cert:
        p.error("--require-tls needs --tls-cert/--tls-key")
    if (a.auth_user is None) != (a.auth_password is None):
        p.error("--auth-user and --auth-password go together")
    if a.auth_user is not None and not a.tls_cert:
        p.error("AUTH is only allowed over TLS: give --tls-cert/--tls-key")
    if a.fail_next < 0:
        p.error("--fail-next must be >= 0")
    return a


def main(argv=None):
    args = parse_args(argv)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("smtpd: aiosmtpd %(levelname)s %(message)s"))
    handler.addFilter(_QuietDeprecation())
    aio_log = logging.getLogger("mail.log")
    aio_log.addHandler(handler)
    aio_log.setLevel(logging.WARNING)
    aio_log.propagate = False
    os.makedirs(args.maildir, exist_ok=True)

    tls_context = None
    if args.tls_cert:
        # CLIENT_AUTH purpose = server side: no client certificates asked for
        tls_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls_context.minimum_version = ssl.TLSVersion.TLSv1_2
        tls_context.load_cert_chain(args.tls_cert, args.tls_key)

    mail_handler = Handler(args.maildir, args.fail_next, args.reject_rcpt)
    authenticator = None
    exclude = None
    if args.auth_user is not None:
        authenticator = make_authenticator(args.auth_user, args.auth_password)
    else:
        exclude = ["LOGIN", "PLAIN"]  # no AUTH configured: do not advertise it

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    sessions = set()

    def factory():
        smtp = SMTP(mail_handler, hostname="hrportal-test-smtpd", tls_context=tls_context,
                    require_starttls=args.require_tls,
                    auth_required=args.auth_user is not None, auth_require_tls=True,
                    authenticator=authenticator, auth_exclude_mechanism=exclude,
                    timeout=args.timeout, loop=loop)
        sessions.add(smtp)
        return smtp

    try:
        server = loop.run_until_complete(loop.create_server(factory, args.host, args.port))
    except OSError as e:
        log("cannot listen on %s:%d: %s" % (args.host, args.port, e))
        return 1

    stop = loop.create_future()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, lambda: stop.done() or stop.set_result(None))

    port = server.sockets[0].getsockname()[1]
    features = []
    if tls_context:
        features.append("starttls-required" if args.require_tls else "starttls")
    if args.auth_user is not None:
        features.append("auth")
    log("listening on %s:%d %s maildir=%s" % (args.host, port, " ".join(features) or "plain",
                                              args.maildir))
    sys.stdout.write("READY port=%d\n" % port)
    sys.stdout.flush()

    loop.run_until_complete(stop)
    server.close()
    loop.run_until_complete(server.wait_closed())
    for s in sessions:
        if s.transport is not None:
            s.transport.close()
    pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
    for t in pending:
        t.cancel()
    if pending:
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    loop.close()
    log("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
