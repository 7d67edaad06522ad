"""Shared pieces of the notification tests and benchmark: a TLS certificate
made with openssl, the aiosmtpd server (smtp_server.py) on a free loopback
port, stopped by its PID, and a workspace whose database holds sessions,
volunteers and invited assignments."""
import email
import email.policy
import glob
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
HEADER = "date,time,end_time,site,location,judge,type,language,detained,case_ref,status,notes,key\n"
VOL_HEADER = ("id,name,email,phone,role,sites,languages,max_per_week,availability,"
              "blackouts,extra,active,locale\n")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_cert(directory):
    """A self-signed certificate for 127.0.0.1 and localhost (key, cert)."""
    key = os.path.join(directory, "smtp-key.pem")
    cert = os.path.join(directory, "smtp-cert.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                    "-out", cert, "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
                   check=True, capture_output=True)
    return key, cert


class SmtpServer:
    """smtp_server.py in a child process; stop() sends SIGTERM to its PID."""

    def __init__(self, outdir, cert=None, key=None, plain=False, count_only=False,
                 tempfail=0, reject=False, password="s3cret-pw"):
        os.makedirs(outdir, exist_ok=True)
        self.outdir = outdir
        self.port = free_port()
        self.password = password
        cmd = [PYTHON, os.path.join(HERE, "smtp_server.py"), "--port", str(self.port),
               "--outdir", outdir, "--password", password]
        if plain:
            cmd.append("--plain")
        else:
            cmd += ["--cert", cert, "--key", key]
        if count_only:
            cmd.append("--count-only")
        if tempfail:
            cmd += ["--tempfail", str(tempfail)]
        if reject:
            cmd.append("--reject")
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True)
        line = self.proc.stdout.readline()
        if not line.startswith("READY"):
            raise AssertionError("smtp server did not start: " + line + self.proc.stderr.read())

    def stop(self):
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.kill(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.proc.stdout.close()
        self.proc.stderr.close()

    def files(self):
        return sorted(glob.glob(os.path.join(self.outdir, "*.eml")))

    def messages(self):
        out = []
        for path in self.files():
            with open(path, "rb") as f:
                raw = f.read()
            out.append((raw, email.message_from_bytes(raw, policy=email.policy.default)))
        return out

    def wait_for(self, n, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if len(self.files()) >= n:
                return self.messages()
            time.sleep(0.1)
        raise AssertionError(f"expected {n} messages, got {len(self.files())}")


def smtp_config(server, cert, password_file, extra_notify=""):
    return (f'[notify]\nquiet_start = "00:00"\nquiet_end = "00:00"\nplan_interval = 1\n'
            f'backoff_base = 1\nconcurrency = 2\n{extra_notify}'
            f'[smtp]\nurl = "smtp://127.0.0.1:{server.port}"\nca_file = "{cert}"\n'
            f'username = "courtwatch"\npassword_file = "{password_file}"\n'
            f'from = "Court Watch <watch@example.org>"\nreply_to = "coordinator@example.org"\n')


def write_config(path, db, source, port_line, public_url, extra):
    with open(path, "w") as f:
        f.write(f'[database]\npath = "{db}"\n'
                f'[server]\nlisten = "{port_line}"\npublic_url = "{public_url}"\n'
                f'[data]\nsites_file = "{source}/config/sites.csv"\n' + extra)


def invite_all(db, pairs):
    """Invited assignments for (session id, volunteer id) pairs, with their
    events: a stand-in for `courtwatch invite` (app/) in these tests."""
    now = int(time.time())
    con = sqlite3.connect(db, timeout=30)
    ids = []
    with con:
        for session, volunteer in pairs:
            cur = con.execute(
                "INSERT INTO assignments (session_id, volunteer_id, state, pinned, version, "
                "created, updated) VALUES (?, ?, 'invited', 0, 2, ?, ?)",
                (session, volunteer, now, now))
            aid = cur.lastrowid
            con.execute("INSERT INTO assignment_events (assignment_id, at, from_state, to_state, "
                        "actor, reason) VALUES (?, ?, '', 'proposed', 'matcher', ''), "
                        "(?, ?, 'proposed', 'invited', 'e2e', 'stand-in for courtwatch invite')",
                        (aid, now, aid, now))
            ids.append(aid)
    con.close()
    return ids


def query(db, sql, args=()):
    con = sqlite3.connect(db, timeout=30)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()
