#!/usr/bin/python3
"""Start and stop a complete hrportal on loopback: Apache httpd with
mod_fcgid serving the portal's FastCGI programs, its database created from
the corpus, a local SMTP catcher and the mailer (when built).

Used by scripts/run (the development server) and by the integration tests,
so both exercise the same configuration (apache/hrportal-dev.conf.in).

    devserver.py start --prefix DIR --home DIR [--port N] [--smtp-port N] [--no-mail]
    devserver.py stop --home DIR

Mail (scripts/devmail.py): the catcher listens on 127.0.0.1 (STARTTLS and
AUTH required, certificate and password generated under HOME/mail), keeps
every message in HOME/mail/maildir, and hrportal-mailer sends the outbox to
it. `stop` stops Apache, the mailer and the catcher.
"""
import argparse
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import devmail

DEMO_USERS = ("jdoe", "msmith", "hradmin", "dlee", "kbrown")
DEMO_PASSWORD = "demo"


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def apache_binary():
    for path in (os.environ.get("APACHE2"), shutil.which("apache2"), "/usr/sbin/apache2"):
        if path and os.path.exists(path):
            return path
    raise RuntimeError("apache2 not found: install the Debian package apache2")


def stage(srcdir, builddir, prefix):
    """Lay out built programs and data like `make install` does, without
    installing: used by tests so that `make check` needs no install step."""
    layout = {
        os.path.join(prefix, "bin"): [os.path.join(builddir, "tools", p)
                                      for p in ("hrportal-import", "hrportal-mailer", "hrportal-admin",
                                                "hrportal-backup")],
        os.path.join(prefix, "libexec", "hrportal", "cgi-bin"): [
            os.path.join(builddir, "cgi-bin", p) for p in ("portal", "fixed")],
    }
    for dest, files in layout.items():
        os.makedirs(dest, exist_ok=True)
        for f in files:
            if os.path.exists(f):
                shutil.copy2(f, dest)
    share = os.path.join(prefix, "share", "hrportal")
    for name, src in (("templates", "templates"), ("static", "static"), ("corpus", "db/corpus")):
        target = os.path.join(share, name)
        if os.path.exists(target):
            shutil.rmtree(target)
        shutil.copytree(os.path.join(srcdir, src), target)
    # The search thesaurus sits beside the corpus, as `make install` puts it.
    shutil.copy2(os.path.join(srcdir, "db", "search-thesaurus.tsv"), share)


class DevServer:
    """One portal instance. `home` holds everything it writes."""

    def __init__(self, prefix, home, port=None, test_clock=False, fcgi_processes=8,
                 srcdir=None, extra_env=None, mail=False, smtp_port=0, mailer_options=()):
        self.prefix = os.path.abspath(prefix)
        self.home = os.path.abspath(home)
        self.port = port or free_port()
        self.test_clock = test_clock
        self.fcgi_processes = fcgi_processes
        self.srcdir = srcdir or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        self.extra_env = dict(extra_env or {})
        self.rundir = os.path.join(self.home, "run")
        self.statedir = os.path.join(self.home, "state")
        self.conf = os.path.join(self.rundir, "httpd.conf")
        self.url = "http://127.0.0.1:%d" % self.port
        self.apache = apache_binary()
        # Mail: always known (so stop() finds what an earlier start left
        # running), started only when asked.
        self.mail = mail
        self.maildev = os.path.join(self.home, "mail")
        self.relay = devmail.Relay(self.maildev, self.rundir, port=smtp_port,
                                   run_as=self._run_user())
        self.mailer = devmail.Mailer(os.path.join(self.bindir, "hrportal-mailer"), self.db_path,
                                     self.relay, self.rundir, run_as=self._run_user(),
                                     options=mailer_options)

    # -- paths of the installed layout
    @property
    def bindir(self):
        return os.path.join(self.prefix, "bin")

    @property
    def datadir(self):
        return os.path.join(self.prefix, "share", "hrportal")

    @property
    def fcgidir(self):
        return os.path.join(self.prefix, "libexec", "hrportal", "cgi-bin")

    @property
    def db_path(self):
        return os.path.join(self.statedir, "hrportal.db")

    def _run_user(self):
        """Apache refuses to run its workers as root; use www-data then."""
        if os.geteuid() != 0:
            return None
        try:
            return pwd.getpwnam("www-data")
        except KeyError:
            return pwd.getpwnam("nobody")

    def prepare(self):
        for d in (self.rundir, os.path.join(self.rundir, "fcgid"), self.statedir,
                  os.path.join(self.statedir, "bench")):
            os.makedirs(d, exist_ok=True)
        # The state directory must be writable by the worker user (SQLite
        # creates its -wal and -shm files next to the database).
        user = self._run_user()
        self.import_corpus()
        if user is not None:
            # Workers must be able to reach the installed files and state:
            # open our own directories, refuse to touch anyone else's.
            for path in (self.home, self.prefix):
                os.chmod(path, os.stat(path).st_mode | 0o055)
                p = os.path.dirname(path)
                while p not in ("/", ""):
                    if not os.stat(p).st_mode & 0o001:
                        raise RuntimeError("%s is not reachable by %s (directory %s is closed); "
                                           "choose a home and prefix under /var/lib or /tmp"
                                           % (path, user.pw_name, p))
                    p = os.path.dirname(p)
            for root, dirs, files in os.walk(self.statedir):
                for n in dirs + files:
                    os.chown(os.path.join(root, n), user.pw_uid, user.pw_gid)
            os.chown(self.statedir, user.pw_uid, user.pw_gid)
            os.chown(os.path.join(self.rundir, "fcgid"), user.pw_uid, user.pw_gid)
        self._make_private(user)
        self._write_htpasswd()
        self._write_conf(user)

    def _make_private(self, user):
        """The state (HR records, the CSRF secret) and the logs (logins and
        paths) are for the portal's user only: state 0700/0600 (also files
        an older run left readable), logs 0640 created before Apache opens
        them (it keeps an existing file's mode)."""
        os.chmod(self.statedir, 0o700)
        for root, dirs, files in os.walk(self.statedir):
            for n in dirs:
                os.chmod(os.path.join(root, n), 0o700)
            for n in files:
                os.chmod(os.path.join(root, n), 0o600)
        # The served benchmark page is the one file in state others may read.
        os.chmod(os.path.join(self.statedir, "bench"), 0o711)
        for name in ("access.log", "error.log"):
            path = os.path.join(self.rundir, name)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o640)
            os.close(fd)
            os.chmod(path, 0o640)

    def import_corpus(self):
        env = dict(os.environ, HRPORTAL_DB=self.db_path)
        out = subprocess.run([os.path.join(self.bindir, "hrportal-import"), "--db", self.db_path,
                              "--corpus", os.path.join(self.datadir, "corpus")],
                             env=env, capture_output=True, text=True)
        if out.returncode != 0:
            raise RuntimeError("hrportal-import failed: " + out.stderr)
        admin = os.path.join(self.bindir, "hrportal-admin")
        if os.path.exists(admin):
            # Demo accounts for the development and test servers only.
            seeded = subprocess.run([admin, "--db", self.db_path, "seed-demo"], env=env,
                                    capture_output=True, text=True)
            if seeded.returncode != 0:
                raise RuntimeError("hrportal-admin seed-demo failed: " + seeded.stderr)
        return out.stdout

    def _write_htpasswd(self):
        path = os.path.join(self.rundir, "htpasswd")
        if os.path.exists(path):
            os.unlink(path)
        for i, user in enumerate(DEMO_USERS):
            args = ["htpasswd", "-b", "-B", "-C", "5"]
            if i == 0:
                args.append("-c")
            subprocess.run(args + [path, user, DEMO_PASSWORD], check=True, capture_output=True)
        # Read by Apache's workers: their group may read it, nobody else.
        worker = self._run_user()
        if worker is not None:
            os.chown(path, 0, worker.pw_gid)
        os.chmod(path, 0o640)

    def _write_conf(self, user):
        with open(os.path.join(self.srcdir, "apache", "hrportal-dev.conf.in")) as f:
            text = f.read()
        user_lines = ""
        if user is not None:
            user_lines = "User %s\nGroup #%d" % (user.pw_name, user.pw_gid)
        extra = "\n".join('FcgidInitialEnv %s "%s"' % (k, v) for k, v in sorted(self.extra_env.items()))
        values = {
            "@PORT@": str(self.port), "@RUNDIR@": self.rundir, "@STATEDIR@": self.statedir,
            "@DATADIR@": self.datadir, "@FCGIDIR@": self.fcgidir,
            "@USER_DIRECTIVES@": user_lines, "@TEST_CLOCK@": "1" if self.test_clock else "0",
            "@FCGI_PROCESSES@": str(self.fcgi_processes), "@EXTRA_ENV@": extra,
        }
        for key, value in values.items():
            text = text.replace(key, value)
        with open(self.conf, "w") as f:
            f.write(text)

    def pid(self):
        try:
            with open(os.path.join(self.rundir, "httpd.pid")) as f:
                return int(f.read().strip())
        except (OSError, ValueError):
            return None

    def start_mail(self):
        """The catcher, then the mailer (as the workers' user when root, so
        the database files it creates stay usable by the portal)."""
        if not os.path.exists(self.mailer.program):
            raise RuntimeError("%s is not built: mail cannot be sent" % self.mailer.program)
        self.relay.start()
        try:
            self.mailer.start()
        except BaseException:
            self.relay.stop()
            raise

    def stop_mail(self):
        """Mailer first (it finishes the message it is sending), then the
        catcher. Returns the mailer's exit status when known."""
        status = self.mailer.stop()
        self.relay.stop()
        return status

    def start(self, timeout=30):
        self.prepare()
        if self.mail:
            self.start_mail()
        try:
            self._start_apache(timeout)
        except BaseException:
            self.stop_mail()
            raise
        return self

    def _start_apache(self, timeout):
        check = subprocess.run([self.apache, "-t", "-f", self.conf], capture_output=True, text=True)
        if check.returncode != 0:
            raise RuntimeError("apache2 configuration test failed: " + check.stderr)
        subprocess.run([self.apache, "-f", self.conf, "-k", "start"], check=True)
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/", timeout=5) as r:
                    if r.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, OSError) as e:
                last = e
            time.sleep(0.05)
        raise RuntimeError("portal did not answer on %s within %ds (%s); see %s/error.log"
                           % (self.url, timeout, last, self.rundir))

    def stop(self, timeout=20):
        self._stop_apache(timeout)
        self.stop_mail()

    def _stop_apache(self, timeout):
        pid = self.pid()
        if pid is None:
            return
        subprocess.run([self.apache, "-f", self.conf, "-k", "stop"], capture_output=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.05)
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def error_log(self):
        try:
            with open(os.path.join(self.rundir, "error.log"), errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def describe(self):
        d = {"url": self.url, "home": self.home, "prefix": self.prefix, "db": self.db_path,
             "error_log": os.path.join(self.rundir, "error.log")}
        if self.mail:
            d.update(smtp_port=self.relay.port, maildir=self.relay.maildir,
                     mailer_log=self.mailer.logpath, smtpd_log=self.relay.logpath)
        return d


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=("start", "stop"))
    ap.add_argument("--prefix", help="installation prefix (make install prefix=...)")
    ap.add_argument("--home", required=True, help="directory for the database, logs and sockets")
    ap.add_argument("--port", type=int, default=8080)
    ap.add_argument("--smtp-port", type=int, default=0, help="catcher's port (default: a free one)")
    ap.add_argument("--no-mail", action="store_true", help="start neither the catcher nor the mailer")
    args = ap.parse_args()
    state_file = os.path.join(args.home, "devserver.json")
    if args.command == "stop":
        try:
            with open(state_file) as f:
                saved = json.load(f)
        except (OSError, ValueError):
            saved = {"prefix": args.home, "port": None}   # still stop what pid files name
        DevServer(saved["prefix"], args.home, port=saved["port"]).stop()
        if os.path.exists(state_file):
            os.unlink(state_file)
        return 0
    # Development pace: mail shows up within a second, a relay outage is
    # retried every half minute at most.
    server = DevServer(args.prefix, args.home, port=args.port, mail=not args.no_mail,
                       smtp_port=args.smtp_port,
                       mailer_options=("--poll-interval", "1", "--retry-base", "10", "--pause-max", "30"))
    server.stop()
    server.start()
    with open(state_file, "w") as f:
        json.dump({"prefix": server.prefix, "port": server.port}, f)
    print(json.dumps(server.describe()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
