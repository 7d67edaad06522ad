"""End to end, operations (issue 10): scheduled verified backups with
rotation, `db restore` refused while the daemon runs and done after it
stopped, `db check` naming broken invariants, and SIGHUP under a fake
NOTIFY_SOCKET applying the log level and naming what needs a restart."""
import datetime
import glob
import json
import os
import signal
import socket
import subprocess
import time
import unittest

import cwtest
from cwtest import Workspace

DAY = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
CSV = ("date,time,end_time,site,location,judge,type,language,detained,case_ref,status,notes\n"
       f"{DAY},09:00,,CHI,Courtroom 5,Judge A,master,,no,A-111-222-333,,\n"
       f"{DAY},10:00,,CHI,Courtroom 5,Judge A,master,,no,A-111-222-334,,\n")


class NotifySocket:
    """A datagram socket standing in for systemd's NOTIFY_SOCKET."""

    def __init__(self, path):
        self.path = path
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(path)
        self.sock.settimeout(0.2)
        self.seen = []

    def wait_for(self, word, timeout=15):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(word in m for m in self.seen):
                return True
            try:
                self.seen.append(self.sock.recv(4096).decode())
            except socket.timeout:
                pass
        return False

    def close(self):
        self.sock.close()


class Operations(unittest.TestCase):
    def setUp(self):
        self.ws = Workspace()
        self.backups = self.ws.path("backups")
        self.ws.run("import", "csv", self.ws.write("h.csv", CSV), check=0)

    def tearDown(self):
        self.ws.close()

    def start(self, extra_env=None):
        env = dict(os.environ, **(extra_env or {}))
        proc = subprocess.Popen([cwtest.ARGS.binary, "--config", self.ws.config, "serve"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                cwd=self.ws.dir, env=env)
        line = proc.stdout.readline()
        self.assertIn("listening on", line)
        return proc

    def stop(self, proc):
        proc.send_signal(signal.SIGTERM)
        try:
            rc = proc.wait(timeout=30)
        finally:
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait()
        _, err = proc.communicate()
        return rc, err

    def closures(self):
        return json.loads(self.ws.run("closure", "list", "--json", check=0).stdout)

    def with_config(self, text):
        with open(self.ws.config, "a") as f:
            f.write(text)

    def test_scheduled_backup_restore_refused_while_running_then_done(self):
        self.with_config(f'[backup]\ndir = "{self.backups}"\ninterval = "1m"\nkeep = 2\n')
        proc = self.start()
        try:
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline and not glob.glob(self.backups + "/*.db"):
                time.sleep(0.1)
            files = sorted(glob.glob(self.backups + "/courtwatch-*Z.db"))
            self.assertEqual(len(files), 1, os.listdir(self.ws.dir))
            self.assertEqual(glob.glob(self.backups + "/*.partial*"), [])
            r = subprocess.run(["sqlite3", files[0], "PRAGMA integrity_check"],
                               capture_output=True, text=True, check=True)
            self.assertEqual(r.stdout.strip(), "ok")
            # Something happens after the backup; restoring must bring it back.
            self.ws.run("closure", "add", "CHI", DAY, "--reason", "snow", check=0)
            r = self.ws.run("db", "restore", files[0], check=1)
            self.assertIn("running courtwatch serve uses this database", r.stderr)
        finally:
            rc, err = self.stop(proc)
        self.assertEqual(rc, 0, err)
        self.assertIn("backup written and verified", err)
        self.assertEqual(len(self.closures()), 1)
        r = self.ws.run("db", "restore", files[0], check=0)
        self.assertIn("restored", r.stdout)
        self.assertEqual(self.closures(), [])  # back to the state of the backup
        self.assertEqual(len(json.loads(self.ws.run("hearings", "--json", check=0).stdout)), 2)
        self.assertEqual(len(glob.glob(self.ws.db + ".before-restore-*")), 1)
        self.ws.run("db", "check", check=0)

    def test_restore_refuses_a_broken_file_and_changes_nothing(self):
        bad = self.ws.write("bad.db", "not a database")
        r = self.ws.run("db", "restore", bad, check=1)
        self.assertIn("bad.db", r.stderr)
        self.assertEqual(len(json.loads(self.ws.run("hearings", "--json", check=0).stdout)), 2)
        self.assertEqual(glob.glob(self.ws.db + ".before-restore-*"), [])

    def test_db_check_names_a_broken_invariant(self):
        self.ws.run("db", "check", check=0)
        subprocess.run(["sqlite3", self.ws.db,
                        "UPDATE hearings SET status = 'postponed' WHERE id = 1"], check=True)
        r = self.ws.run("db", "check", check=1)
        self.assertIn("invariants violated", r.stderr)
        self.assertIn("hearing-values: hearings 1", r.stderr)

    def test_sighup_applies_the_log_level_and_names_what_needs_a_restart(self):
        sock = NotifySocket(self.ws.path("notify.sock"))
        try:
            proc = self.start({"NOTIFY_SOCKET": sock.path})
            try:
                self.assertTrue(sock.wait_for("READY=1"), sock.seen)
                with open(self.ws.config) as f:
                    text = f.read()
                with open(self.ws.config, "w") as f:
                    f.write(text.replace('listen = "127.0.0.1:0"\n',
                                         'listen = "127.0.0.1:0"\nthreads = 8\n')
                            + '[log]\nlevel = "debug"\n[retention]\ndays = 30\n')
                sock.seen.clear()
                proc.send_signal(signal.SIGHUP)
                self.assertTrue(sock.wait_for("RELOADING=1"), sock.seen)
                self.assertTrue(sock.wait_for("READY=1"), sock.seen)
            finally:
                rc, err = self.stop(proc)
            self.assertTrue(sock.wait_for("STOPPING=1"), sock.seen)
        finally:
            sock.close()
        self.assertEqual(rc, 0, err)
        self.assertIn("configuration reloaded; applied: log.level, retention.days", err)
        self.assertIn("log level now debug", err)  # the new level is in force
        self.assertIn("need a restart (old values stay in force): server.threads", err)


if __name__ == "__main__":
    cwtest.main()
