"""Private state stays private: the database (with its -wal and -shm
files), backups, a fresh import, the password file and the logs are not
readable by other local users, who could otherwise read every HR record and
the CSRF secret (and forge a token for anyone)."""
import os
import pwd
import stat
import subprocess

from harness import PortalTestCase, main


def other_user():
    """A local user who is neither root nor the portal's user."""
    return pwd.getpwnam("nobody")


def as_user(user):
    def demote():
        os.setgid(user.pw_gid)
        os.setuid(user.pw_uid)
    return demote


class PrivateFiles(PortalTestCase):

    def mode(self, path):
        return stat.S_IMODE(os.stat(path).st_mode)

    def assertPrivate(self, path, allow_group_read=False):
        mode = self.mode(path)
        forbidden = 0o037 if allow_group_read else 0o077
        self.assertEqual(mode & forbidden, 0, "%s is mode %o" % (path, mode))

    def test_database_and_its_journal_files_are_the_portals_only(self):
        # A signed-in page writes (the user's row).
        self.assertPage(self.get("/forms", user="jdoe"), 200, "Signed in as jdoe")
        server = self.portal.server
        self.assertPrivate(server.statedir)
        self.assertPrivate(server.db_path)
        for suffix in ("-wal", "-shm"):
            if os.path.exists(server.db_path + suffix):
                self.assertPrivate(server.db_path + suffix)
        if os.geteuid() == 0:
            # Another local user cannot open it.
            out = subprocess.run(["/usr/bin/python3", "-c", "open(%r, 'rb').read(16)" % server.db_path],
                                 capture_output=True, text=True, preexec_fn=as_user(other_user()))
            self.assertNotEqual(out.returncode, 0)
            self.assertIn("PermissionError", out.stderr)

    def test_password_file_and_logs_are_not_world_readable(self):
        self.assertEqual(self.get("/").status, 200)
        rundir = self.portal.server.rundir
        self.assertPrivate(os.path.join(rundir, "htpasswd"), allow_group_read=True)
        for name in ("access.log", "error.log"):
            self.assertPrivate(os.path.join(rundir, name), allow_group_read=True)

    def test_a_backup_and_a_fresh_import_are_created_private(self):
        server = self.portal.server
        worker = server._run_user()
        run = {"preexec_fn": as_user(worker)} if worker is not None else {}
        dest = os.path.join(server.statedir, "private-backup.db")
        out = subprocess.run([os.path.join(server.bindir, "hrportal-backup"), "--db", server.db_path, dest],
                             capture_output=True, text=True, timeout=300, **run)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertPrivate(dest)
        fresh = os.path.join(server.statedir, "fresh.db")
        out = subprocess.run([os.path.join(server.bindir, "hrportal-import"), "--db", fresh,
                              "--corpus", os.path.join(server.datadir, "corpus")],
                             capture_output=True, text=True, timeout=300, **run)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertPrivate(fresh)
        for path in (dest, fresh):
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(path + suffix):
                    os.unlink(path + suffix)


if __name__ == "__main__":
    main()
