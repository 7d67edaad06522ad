"""Shared helpers for end-to-end tests: run the real binary, start the daemon
on a free loopback port, fetch over HTTP."""
import argparse
import http.client
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request

ARGS = None
PASSWORD = "correct horse battery"


def parse_args():
    global ARGS
    p = argparse.ArgumentParser()
    p.add_argument("--binary", required=True)
    p.add_argument("--source", required=True)
    ARGS, rest = p.parse_known_args()
    return [sys.argv[0]] + rest


class Workspace:
    """A temp dir with a config file pointing at a fresh database."""

    def __init__(self, extra_config=""):
        self.tmp = tempfile.TemporaryDirectory(prefix="cw-e2e-")
        self.dir = self.tmp.name
        self.db = os.path.join(self.dir, "courtwatch.db")
        self.config = os.path.join(self.dir, "courtwatch.toml")
        with open(self.config, "w") as f:
            f.write(
                f'[database]\npath = "{self.db}"\n'
                f'[server]\nlisten = "127.0.0.1:0"\n'
                f'[data]\nsites_file = "{ARGS.source}/config/sites.csv"\n'
                f'demo_dir = "{ARGS.source}/config/demo"\n' + extra_config
            )
        self.outputs = []  # everything the binary printed, for privacy checks

    def path(self, name):
        return os.path.join(self.dir, name)

    def write(self, name, text, mode="w"):
        p = self.path(name)
        with open(p, mode) as f:
            f.write(text)
        return p

    def run(self, *args, config=True, check=None, stdin=None):
        cmd = [ARGS.binary] + (["--config", self.config] if config else []) + list(args)
        r = subprocess.run(cmd, capture_output=True, text=True, input=stdin, timeout=120,
                           cwd=self.dir)
        self.outputs.append(r.stdout + r.stderr)
        if check is not None and r.returncode != check:
            raise AssertionError(f"{cmd} exited {r.returncode}, expected {check}\n"
                                 f"stdout: {r.stdout}\nstderr: {r.stderr}")
        return r

    def add_user(self, name, role="coordinator", password=PASSWORD, db=None):
        """`courtwatch user add`, the password on standard input."""
        extra = ["--db", db] if db else []
        self.run("user", "add", name, "--role", role, *extra, stdin=password + "\n", check=0)
        return password

    def api_token(self, user):
        """`courtwatch api-token create`: the token printed once on stdout."""
        return self.run("api-token", "create", "--user", user, check=0).stdout.strip()

    def close(self):
        self.tmp.cleanup()


class Browser:
    """Cookies and the session's CSRF token against one daemon; never follows
    redirects, so tests see each 303."""

    def __init__(self, daemon, headers=None):
        self.daemon = daemon
        self.cookies = {}
        self.csrf = None
        self.headers = headers or {}

    def request(self, method, path, form=None, headers=None):
        url = urllib.parse.urlsplit(self.daemon.url)
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=20)
        h = dict(self.headers, **(headers or {}))
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            h["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=h)
        r = conn.getresponse()
        text = r.read().decode("utf-8", "replace")
        conn.close()
        self.daemon.ws.outputs.append(text)
        for header, value in r.getheaders():
            if header.lower() != "set-cookie":
                continue
            name, _, rest = value.partition("=")
            val = rest.split(";", 1)[0]
            if "Max-Age=0" in value:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = val
        return r.status, {k: v for k, v in r.getheaders()}, text

    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)

    def post(self, path, form=None, headers=None):
        return self.request("POST", path, form=form or {}, headers=headers)

    def login(self, user, password=PASSWORD):
        """Signs in through the login form; returns the POST /login answer."""
        status, _, body = self.get("/login")
        assert status == 200, (status, body)
        csrf = re.search(r'name="csrf" value="([^"]+)"', body).group(1)
        answer = self.post("/login", {"csrf": csrf, "username": user, "password": password})
        if answer[0] == 303:
            home = self.get("/")[2]
            m = re.search(r'name="csrf" value="([^"]+)"', home)
            self.csrf = m.group(1) if m else None
        return answer


class Daemon:
    """`courtwatch serve` in the background; parses the URL it prints. With
    log=PATH its log goes to that file instead of a pipe (a daemon that logs
    much would stall on a pipe nobody reads)."""

    def __init__(self, ws, *args, config=None, log=None, env=None):
        self.ws = ws
        self.log = open(log, "a") if log else None
        self.proc = subprocess.Popen(
            [ARGS.binary, "--config", config or ws.config, "serve", *args],
            stdout=subprocess.PIPE, stderr=self.log or subprocess.PIPE, text=True, cwd=ws.dir,
            env=env)
        line = self.proc.stdout.readline()
        if "listening on" not in line:
            err = self.proc.stderr.read() if self.proc.poll() is not None and not log else ""
            raise AssertionError(f"daemon did not start: {line!r} {err}")
        self.url = line.split("listening on ")[1].strip().rstrip("/")
        self.token = None

    def authorize(self):
        """Headers with an API token of a coordinator account made for the
        test: /metrics and the API answer nothing without one."""
        if self.token is None:
            self.ws.add_user("robot")
            self.token = self.ws.api_token("robot")
        return {"Authorization": "Bearer " + self.token}

    def browser(self, headers=None):
        return Browser(self, headers)

    def get(self, path, headers=None):
        req = urllib.request.Request(self.url + path, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                body = r.read().decode("utf-8")
                self.ws.outputs.append(body)
                return r.status, dict(r.headers), body
        except urllib.error.HTTPError as e:
            body = e.read().decode("utf-8", "replace")
            self.ws.outputs.append(body)
            return e.code, dict(e.headers), body

    def stop(self, sig=signal.SIGTERM, timeout=10):
        self.proc.send_signal(sig)
        try:
            rc = self.proc.wait(timeout=timeout)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
        out, err = self.proc.communicate()
        if self.log:
            self.log.close()
            with open(self.log.name) as f:
                err = f.read()
        self.ws.outputs.append(out + err)
        return rc, err


def main():
    argv = parse_args()
    unittest.main(argv=argv, verbosity=2)
