#!/usr/bin/python3
"""The handbook page that the portal serves, served instead by MediaWiki
(Debian's package: PHP 8.2 under PHP-FPM, SQLite, APCu), for bench/report
and bench/page_bench.run(extra=...): a wiki of its own under a temporary
directory, its own PHP-FPM pool and its own Apache (event MPM,
mod_proxy_fcgi) on a loopback port. Nothing of the system's Apache, PHP or
MediaWiki configuration is changed.

The page's text is the section's Markdown from the portal's database,
turned into wikitext and saved with MediaWiki's maintenance scripts
(install.php with SQLite, then edit.php). MediaWiki's caching is what
install.php sets up on this machine ($wgMainCacheType = CACHE_ACCEL when
php-apcu is installed, so the parser cache is in APCu) with PHP's opcache
on: a typical install.

    bench/mediawiki_bench.py [--builddir DIR] [--seconds N] [--connections N] [--page PATH]

runs the page benchmark with MediaWiki as target d). The Debian packages
(PACKAGES) are installed by bench/report's install step, never here.
"""
import argparse
import glob
import os
import pwd
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(SRCDIR, "scripts"))
sys.path.insert(0, HERE)
import devserver  # noqa: E402
from benchlib import pids_of  # noqa: E402

MEDIAWIKI = "/usr/share/mediawiki"
PACKAGES = ["mediawiki", "php8.2-fpm", "php-sqlite3", "php-apcu", "php-intl", "php-mbstring", "php-xml", "php-cli"]
NAME = "d) MediaWiki (PHP-FPM)"

APACHE_CONF = """ServerRoot "/etc/apache2"
ServerName 127.0.0.1
Listen 127.0.0.1:{port}
PidFile "{run}/httpd.pid"
ErrorLog "{run}/error.log"
LogLevel warn
Mutex file:{run} default
{user}
LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so
LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so
LoadModule dir_module /usr/lib/apache2/modules/mod_dir.so
LoadModule mime_module /usr/lib/apache2/modules/mod_mime.so
LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so
LoadModule proxy_fcgi_module /usr/lib/apache2/modules/mod_proxy_fcgi.so
TypesConfig /etc/mime.types
LogFormat "%h %u %t \\"%r\\" %>s %b %D" wiki
CustomLog "{run}/access.log" wiki
StartServers 1
ServerLimit 4
ThreadsPerChild 32
MaxRequestWorkers 128
KeepAlive On
Timeout 30
DocumentRoot "{root}"
DirectoryIndex index.php
<Directory />
    Require all denied
</Directory>
<Directory "{root}">
    Require all granted
</Directory>
<FilesMatch "\\.php$">
    SetHandler "proxy:unix:{run}/php-fpm.sock|fcgi://localhost"
</FilesMatch>
"""

FPM_CONF = """[global]
pid = {run}/php-fpm.pid
error_log = {run}/php-fpm.log
daemonize = no

[wiki]
{user}
listen = {run}/php-fpm.sock
listen.mode = 0666
pm = static
pm.max_children = {children}
env[MW_CONFIG_FILE] = {conf}
"""


def php_version():
    """PHP's version, or None when PHP is not installed (--no-install)."""
    try:
        out = subprocess.run(["php", "-r", "echo PHP_VERSION;"], capture_output=True, text=True)
    except FileNotFoundError:
        return None
    return out.stdout.strip() if out.returncode == 0 else None


def fpm_binary():
    found = sorted(glob.glob("/usr/sbin/php-fpm*"))
    return found[-1] if found else None


def available():
    """None when MediaWiki can run here, else what is missing."""
    if not os.path.exists(os.path.join(MEDIAWIKI, "maintenance", "install.php")):
        return "Debian package mediawiki not installed"
    if fpm_binary() is None:
        return "PHP-FPM (php8.2-fpm) not installed"
    mods = subprocess.run(["php", "-m"], capture_output=True, text=True).stdout.lower().split()
    for mod in ("pdo_sqlite", "intl", "mbstring", "xml"):
        if mod not in mods:
            return "PHP module %s missing" % mod
    return None


def inline(text):
    """Markdown spans -> wikitext."""
    text = re.sub(r"\[([^\]]+)\]\(((?:https?|mailto):[^)\s]+)\)", r"[\2 \1]", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\*\*(.+?)\*\*", r"'''\1'''", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"''\1''", text)
    text = re.sub(r"`([^`]+)`", r"<code>\1</code>", text)
    return text


def markdown_to_wikitext(md):
    """The handbook's Markdown (headings, paragraphs, bullet and numbered
    lists, tables, emphasis, links) as wikitext."""
    out, table = [], False
    for line in md.splitlines():
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|"):
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue
            if not table:
                out.append('{| class="wikitable"')
                out.append("! " + " !! ".join(inline(c) for c in cells))
                table = True
            else:
                out.append("|-")
                out.append("| " + " || ".join(inline(c) for c in cells))
            continue
        if table:
            out.append("|}")
            table = False
        m = re.match(r"(#{1,6})\s+(.*)", stripped)
        if m:
            level = "=" * len(m.group(1))
            out.append("%s %s %s" % (level, inline(m.group(2)), level))
            continue
        m = re.match(r"( *)([-*+]|\d+[.)])\s+(.*)", line)
        if m:
            depth = len(m.group(1)) // 2 + 1
            mark = "*" if m.group(2) in "-*+" else "#"
            out.append(mark * depth + " " + inline(m.group(3)))
            continue
        out.append(inline(line))
    if table:
        out.append("|}")
    return "\n".join(out) + "\n"


def section_text(db_path, slug):
    """(title, wikitext) of the section's current version, with its legal
    references as the portal lists them."""
    con = sqlite3.connect(db_path)
    try:
        row = con.execute("SELECT v.id, v.title, v.body_md FROM sections s JOIN section_versions v "
                          "ON v.section_id = s.id WHERE s.slug = ? ORDER BY v.version DESC LIMIT 1",
                          (slug,)).fetchone()
        if row is None:
            raise RuntimeError("no section %s in the portal's database" % slug)
        cites = [r[0] for r in con.execute("SELECT raw FROM citations WHERE section_version_id = ? ORDER BY ord",
                                           (row[0],))]
    finally:
        con.close()
    text = markdown_to_wikitext(row[2])
    if cites:
        text += "\n== Legal references ==\n" + "".join("* %s\n" % c for c in cites)
    return row[1], text


class MediaWiki:
    """A MediaWiki serving one page; start(server, tmp) for page_bench."""

    def __init__(self, slug, children=8):
        self.slug, self.children = slug, children
        self.fpm = self.home = None
        self.apache = devserver.apache_binary()
        self.info = {}

    def _user(self):
        if os.geteuid() != 0:
            return None
        return pwd.getpwnam("www-data")

    def start(self, server, tmp):
        missing = available()
        if missing:
            raise RuntimeError(missing)
        title, text = section_text(server.db_path, self.slug)
        self.home = os.path.join(tmp, "mediawiki")
        run, data = os.path.join(self.home, "run"), os.path.join(self.home, "data")
        for d in (run, data):
            os.makedirs(d, exist_ok=True)
        self.port = devserver.free_port()
        self.url = "http://127.0.0.1:%d" % self.port
        conf = os.path.join(self.home, "LocalSettings.php")
        env = dict(os.environ, MW_CONFIG_FILE=conf)
        subprocess.run(["php", os.path.join(MEDIAWIKI, "maintenance", "install.php"), "--dbtype", "sqlite",
                        "--dbpath", data, "--dbname", "wiki", "--server", self.url, "--scriptpath", "",
                        "--confpath", self.home, "--pass", "bench-admin-password-1", "--skins", "Vector",
                        "Handbook Wiki", "Admin"], check=True, capture_output=True, text=True, env=env)
        with open(conf, "a") as f:
            # Anonymous reads of a public page; nothing else changed.
            f.write("\n$wgEnableUploads = false;\n")
        with open(conf) as f:
            settings = f.read()
        m = re.search(r"^\$wgMainCacheType\s*=\s*([^;]+);", settings, re.M)
        self.info["main_cache"] = m.group(1).strip() if m else "(default)"
        self.info["page_title"] = title
        with open(os.path.join(self.home, "page.wiki"), "w") as f:
            f.write(text)
        subprocess.run(["php", os.path.join(MEDIAWIKI, "maintenance", "edit.php"), "--conf", conf, "--user",
                        "Admin", "--summary", "Handbook section", title],
                       input=text, check=True, capture_output=True, text=True, env=env)
        user = self._user()
        if user is not None:
            for root, dirs, files in os.walk(data):
                for n in dirs + files:
                    os.chown(os.path.join(root, n), user.pw_uid, user.pw_gid)
            os.chown(data, user.pw_uid, user.pw_gid)
        fpm_conf = os.path.join(run, "php-fpm.conf")
        with open(fpm_conf, "w") as f:
            f.write(FPM_CONF.format(run=run, children=self.children, conf=conf,
                                    user="user = www-data\ngroup = www-data" if user else ""))
        self.fpm_program = fpm_binary()
        self.fpm = subprocess.Popen([self.fpm_program, "-y", fpm_conf, "-F"], stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
        self.apache_conf = os.path.join(run, "httpd.conf")
        with open(self.apache_conf, "w") as f:
            f.write(APACHE_CONF.format(port=self.port, run=run, root=MEDIAWIKI,
                                       user="User www-data\nGroup www-data" if user else ""))
        subprocess.run([self.apache, "-f", self.apache_conf, "-k", "start"], check=True)
        self.page_url = self.url + "/index.php?title=" + title.replace(" ", "_")
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(self.page_url, timeout=10) as r:
                    body = r.read().decode("utf-8", "replace")
                    break
            except (urllib.error.URLError, OSError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        # The page shows the section's text (a sentence from its middle).
        assert "Sick leave may be used in 15-minute units" in body or self.slug != "sick-leave", body[:500]
        self.info["bytes"] = len(body.encode())
        self.info["url_path"] = self.page_url[len(self.url):]
        return [(NAME, self.page_url, self.workers)]

    def workers(self):
        """The pool's worker processes (not the master)."""
        return [p for p in pids_of("php-fpm: pool wiki")]

    def stop(self):
        if self.home is None:
            return
        pidfile = os.path.join(self.home, "run", "httpd.pid")
        if os.path.exists(pidfile):
            with open(pidfile) as f:
                pid = int(f.read().strip())
            subprocess.run([self.apache, "-f", self.apache_conf, "-k", "stop"], capture_output=True)
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    break
                time.sleep(0.05)
        if self.fpm is not None and self.fpm.poll() is None:
            self.fpm.send_signal(signal.SIGQUIT)
            try:
                self.fpm.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.fpm.kill()
                self.fpm.wait()
        self.fpm = None


def mediawiki_version():
    out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "mediawiki"], capture_output=True, text=True)
    return out.stdout.strip() if out.returncode == 0 else None


def main():
    import page_bench
    ap = argparse.ArgumentParser()
    ap.add_argument("--builddir", default=os.path.join(SRCDIR, "build"))
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--connections", type=int, default=8)
    ap.add_argument("--page", default="/handbook/sick-leave")
    args = ap.parse_args()
    wiki = MediaWiki(args.page.rsplit("/", 1)[1], children=args.connections)
    out = page_bench.run(args.builddir, args.seconds, args.connections, args.page, extra=wiki)
    print("MediaWiki: %s, $wgMainCacheType = %s, %d bytes" % (wiki.info["url_path"], wiki.info["main_cache"],
                                                             wiki.info["bytes"]))
    for name in out["order"]:
        r = out["results"][name]
        print("%-24s %10.0f req/s  p50 %7.2f ms  p99 %7.2f ms  portal/this %.2f"
              % (name, r["rps"], r["p50_ms"], r["p99_ms"], out["ratios"][name]))


if __name__ == "__main__":
    main()
