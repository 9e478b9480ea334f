#!/usr/bin/python3
"""Mail for the development server and the tests: a local SMTP catcher
(scripts/smtpd.py, aiosmtpd) on a loopback port with STARTTLS (a self-signed
certificate made at first start) and AUTH (a generated password), and the
mailer (hrportal-mailer) pointed at it.

Everything lives under one directory (`maildev`, e.g. the dev home's mail/):
    tls/cert.pem, tls/key.pem   the catcher's certificate (the mailer trusts it)
    relay-password              the AUTH password (mode 0600)
    maildir/                    caught mail: NAME.eml + NAME.json per message
Logs and pid files go to the run directory given.

Used by scripts/devserver.py (the run command) and tests/harness.py; the
processes survive the Python process that started them (their own session),
and are stopped through their pid files, so `devserver.py stop` can stop
what an earlier `start` started.
"""
import email
import email.policy
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time

PYTHON = "/usr/bin/python3"   # the system interpreter has aiosmtpd
SCRIPTS = os.path.dirname(os.path.abspath(__file__))
SMTPD = os.path.join(SCRIPTS, "smtpd.py")
RELAY_USER = "hrportal"
DEV_FROM = "hrportal@localhost"
DEV_FROM_NAME = "HR Portal (development)"


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pid_alive(pid, marker):
    """True when pid runs a command line containing marker (a recycled pid
    running something else is not ours to signal)."""
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            cmd = f.read().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return False
    try:
        with open("/proc/%d/stat" % pid) as f:
            if f.read().rsplit(")", 1)[1].split()[0] == "Z":
                return False
    except (OSError, IndexError):
        pass
    return marker in cmd


class _Process:
    """A detached child with a pid file; stop() works from any process."""

    marker = ""

    def __init__(self, rundir, name):
        self.rundir = rundir
        self.name = name
        self.pidfile = os.path.join(rundir, name + ".pid")
        self.logpath = os.path.join(rundir, name + ".log")
        self.proc = None

    def pid(self):
        if self.proc is not None:
            return self.proc.pid
        try:
            with open(self.pidfile) as f:
                return int(f.read().strip())
        except (OSError, ValueError):
            return None

    def running(self):
        if self.proc is not None:
            return self.proc.poll() is None
        pid = self.pid()
        return pid is not None and _pid_alive(pid, self.marker)

    def _spawn(self, args, run_as=None, env=None, stdout=None):
        os.makedirs(self.rundir, exist_ok=True)
        log = open(self.logpath, "ab")
        kw = {}
        if run_as is not None:
            kw.update(user=run_as.pw_uid, group=run_as.pw_gid, extra_groups=[])
        try:
            self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL,
                                         stdout=stdout if stdout is not None else log,
                                         stderr=log, env=env, start_new_session=True, **kw)
        finally:
            log.close()
        with open(self.pidfile, "w") as f:
            f.write("%d\n" % self.proc.pid)

    def signal(self, sig):
        pid = self.pid()
        if pid is not None and self.running():
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass

    def wait(self, timeout):
        """Wait for the process to end; its exit status when it was our
        child, else None. Raises TimeoutError at the deadline."""
        deadline = time.monotonic() + timeout
        if self.proc is not None:
            try:
                return self.proc.wait(timeout=max(0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                raise TimeoutError("%s still running after %ss" % (self.name, timeout))
        while self.running():
            if time.monotonic() > deadline:
                raise TimeoutError("%s still running after %ss" % (self.name, timeout))
            time.sleep(0.05)
        return None

    def stop(self, timeout=20):
        """SIGTERM, then SIGKILL at the deadline. Returns the exit status
        when known."""
        status = None
        if self.running():
            self.signal(signal.SIGTERM)
            try:
                status = self.wait(timeout)
            except TimeoutError:
                self.signal(signal.SIGKILL)
                status = self.wait(10)
        elif self.proc is not None:
            status = self.proc.poll()
        self.proc = None
        try:
            os.unlink(self.pidfile)
        except FileNotFoundError:
            pass
        return status

    def kill(self):
        """SIGKILL, as a crash would; waits until it is gone."""
        self.signal(signal.SIGKILL)
        status = self.wait(10)
        self.proc = None
        return status

    def log(self):
        try:
            with open(self.logpath, "rb") as f:
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""


class Relay(_Process):
    """The SMTP catcher: STARTTLS required, AUTH required."""

    marker = "smtpd.py"

    def __init__(self, maildev, rundir, port=0, run_as=None, options=(), name="smtpd"):
        super().__init__(rundir, name)
        self.maildev = maildev
        self.port = port
        self.run_as = run_as
        self.options = list(options)
        self.maildir = os.path.join(maildev, "maildir")
        self.cert = os.path.join(maildev, "tls", "cert.pem")
        self.key = os.path.join(maildev, "tls", "key.pem")
        self.password_file = os.path.join(maildev, "relay-password")
        self.script = os.path.join(maildev, "smtpd.py")
        self.user = RELAY_USER

    @property
    def url(self):
        return "smtp://127.0.0.1:%d" % self.port

    def prepare(self):
        """Certificate and password, made once per maildev directory and
        never anywhere else (they are not part of the source tree). The
        catcher's script is copied there too: the user it runs as may not be
        able to read the source tree (a clone in root's home)."""
        os.makedirs(os.path.dirname(self.cert), exist_ok=True)
        os.makedirs(self.maildir, exist_ok=True)
        shutil.copy(SMTPD, self.script)
        if not (os.path.exists(self.cert) and os.path.exists(self.key)):
            subprocess.run(
                ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                 "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                 "-days", "825", "-keyout", self.key, "-out", self.cert],
                check=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE, timeout=120)
        if not os.path.exists(self.password_file):
            fd = os.open(self.password_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_urlsafe(18) + "\n")
        os.chmod(self.key, 0o600)
        os.chmod(self.password_file, 0o600)
        if self.run_as is not None:
            for root, dirs, files in os.walk(self.maildev):
                for n in [root] + [os.path.join(root, x) for x in dirs + files]:
                    os.chown(n, self.run_as.pw_uid, self.run_as.pw_gid)

    def password(self):
        with open(self.password_file) as f:
            return f.readline().rstrip("\r\n")

    def start(self, timeout=30):
        self.prepare()
        if not self.port:
            self.port = free_port()
        ready = os.path.join(self.rundir, self.name + ".ready")
        if os.path.exists(ready):
            os.unlink(ready)
        out = open(ready, "wb")
        try:
            self._spawn([PYTHON, self.script, "--host", "127.0.0.1", "--port", str(self.port),
                         "--maildir", self.maildir, "--tls-cert", self.cert, "--tls-key", self.key,
                         "--require-tls", "--auth-user", self.user,
                         "--auth-password-file", self.password_file] + self.options,
                        run_as=self.run_as, stdout=out)
        finally:
            out.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with open(ready) as f:
                line = f.readline()
            if line.startswith("READY port=") and line.endswith("\n"):
                return self
            if self.proc.poll() is not None:
                raise RuntimeError("the SMTP catcher exited (status %s): %s"
                                   % (self.proc.returncode, self.log()[-2000:]))
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("the SMTP catcher did not start within %ds: %s" % (timeout, self.log()[-2000:]))

    # -- caught mail
    def messages(self):
        """Caught messages, oldest first: dicts with name, path, meta (the
        envelope), raw (bytes) and msg (email.message.EmailMessage)."""
        found = []
        try:
            names = sorted(os.listdir(self.maildir))
        except FileNotFoundError:
            return found
        for n in names:
            if not n.endswith(".eml") or n.startswith("."):
                continue
            base = os.path.join(self.maildir, n[:-4])
            try:
                with open(base + ".json", encoding="utf-8") as f:
                    meta = json.load(f)
                with open(base + ".eml", "rb") as f:
                    raw = f.read()
            except (OSError, ValueError):
                continue
            found.append({"name": n[:-4], "path": base + ".eml", "meta": meta, "raw": raw,
                          "msg": email.message_from_bytes(raw, policy=email.policy.default)})
        return found

    def messages_to(self, recipient):
        r = recipient.lower()
        return [m for m in self.messages() if r in [a.lower() for a in m["meta"]["rcpt_tos"]]]

    def wait_for(self, recipient, count=1, timeout=20, where=None):
        """Poll until `count` messages to recipient (matching where(m) when
        given) were caught; returns them. AssertionError at the deadline."""
        deadline = time.monotonic() + timeout
        while True:
            found = [m for m in self.messages_to(recipient) if where is None or where(m)]
            if len(found) >= count:
                return found
            if time.monotonic() > deadline:
                raise AssertionError("%d message(s) to %s expected within %ss, caught %d (all: %s)"
                                     % (count, recipient, timeout, len(found),
                                        [m["meta"]["rcpt_tos"] for m in self.messages()]))
            time.sleep(0.05)


class Mailer(_Process):
    """tools/hrportal-mailer pointed at a Relay."""

    marker = "hrportal-mailer"

    def __init__(self, program, db_path, relay, rundir, run_as=None, options=(), env=None,
                 name="mailer"):
        super().__init__(rundir, name)
        self.program = program
        self.db_path = db_path
        self.relay = relay
        self.run_as = run_as
        self.options = list(options)
        self.env = env

    def args(self, *extra):
        return [self.program, "--db", self.db_path, "--relay", self.relay.url, "--require-tls",
                "--ca-file", self.relay.cert, "--user", self.relay.user,
                "--password-file", self.relay.password_file,
                "--from", DEV_FROM, "--from-name", DEV_FROM_NAME,
                "--connect-timeout", "5", "--timeout", "20"] + self.options + list(extra)

    def start(self, *extra, env=None):
        self._spawn(self.args(*extra), run_as=self.run_as, env=env or self.env)
        return self

    def run_once(self, *extra, env=None, timeout=120):
        """One --once run to completion; returns the CompletedProcess."""
        kw = {}
        if self.run_as is not None:
            kw.update(user=self.run_as.pw_uid, group=self.run_as.pw_gid, extra_groups=[])
        return subprocess.run(self.args("--once", *extra), stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, env=env or self.env,
                              timeout=timeout, **kw)


def main():
    """devmail.py show MAILDIR: list caught mail (for people)."""
    if len(sys.argv) != 3 or sys.argv[1] != "show":
        sys.stderr.write("usage: devmail.py show MAILDIR\n")
        return 64
    relay = Relay(os.path.dirname(os.path.abspath(sys.argv[2])), "/nonexistent")
    relay.maildir = sys.argv[2]
    for m in relay.messages():
        print("%s  to %s  %s" % (m["meta"]["received"][:19], ", ".join(m["meta"]["rcpt_tos"]),
                                 m["msg"]["Subject"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
