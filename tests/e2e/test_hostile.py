"""End to end, hostile input (issue 10, DESIGN.md §11 "every input is
untrusted"): raw bytes straight at `courtwatch serve` on a real SQLite file,
no proxy in front. Every route comes from the daemon itself
(`courtwatch serve --routes`), so routes added later are swept too. Each
attack gets the status named next to it, the daemon answers /healthz after
each batch, and its resident memory (VmRSS of its PID) grows by at most
RSS_BOUND_KB over ROUNDS further sweeps once a warm-up has brought every
worker thread to its high-water mark.

Statuses, by attack:
  request line over 8 KiB (huge query string)  414 (cpp-httplib's limit)
  path over 256 bytes (e.g. a 4 000-byte token) 414 (web/server.cc: std::regex route
                                               matching recurses per character, and each
                                               worker thread kept the stack it touched)
  one header line over 8 KiB                   400 (cpp-httplib rejects it while parsing)
  headers over 64 KiB in all / over 100 lines  431 (web/server.cc)
  body over server.max_request_bytes           413 (declared or chunked)
  traversal or junk in a path parameter        404 (open routes: unknown token or file;
                                               429 once the volunteer-link miss limiter
                                               trips), 303 to /login (pages, no session),
                                               401 (API, no credentials), 404 or 400 (API
                                               with a valid token)
  malformed or invalid UTF-8 session cookie    303 to /login (pages), 401 (API)
  bad bearer token                             401 with code "unauthenticated"
  missing or wrong CSRF token                  403 (every state-changing route)
  invalid UTF-8 in a form field                400 (volunteer report), 401 (login)
  invalid UTF-8 in an API list's parameters    400 or 422
  url-encoded form over 8 KiB                  413 (cpp-httplib's limit)
"""
import json
import os
import re
import socket
import time
import unittest
import urllib.parse

import cwtest
import volunteer_world as world
from cwtest import Daemon, Workspace

MAX_PATH_BYTES = 256  # web/server.cc kMaxPathBytes
# Growth allowed over the measured sweeps after warm-up. Once warm, RSS moves
# in steps of ~3 MiB (a glibc arena growing); without the path limit it grew
# ~27 MiB per sweep.
RSS_BOUND_KB = 16 * 1024
WARMUP_MIN = 30  # sweeps at least before measuring
WARMUP_MAX = 60  # sweeps at most before measuring
STABLE_SWEEPS = 10  # warm once RSS grew < 1 MiB over this many sweeps
ROUNDS = 20  # measured sweeps (each ~700 requests)

TRAVERSALS = [
    "..", "%2e%2e", "..%2f..%2f..%2fetc%2fpasswd", "%2e%2e%2f%2e%2e%2fcourtwatch.db",
    "....%2f%2f", "%252e%252e%252f", "..%5c..%5cwindows", "%00", "%c0%ae%c0%ae%2f",
    "%ff%fe%fd", "a" * 4000,
]
BAD_COOKIES = [
    b"cw_session=\xff\xfe\xfd", b"cw_session=" + b"A" * 7000, b";;;;", b"=;=;=",
    b"cw_session", b'cw_session="quoted"', b"cw_session=a; cw_session=b", b"cw_session=%00",
    b"cw_session=../../etc/passwd",
]
BAD_BEARERS = [
    b"Bearer ", b"Bearer \xff\xfe", b"Bearer " + b"x" * 7000, b"Basic dXNlcjpwYXNz",
    b"Bearer a b", b"bearer", b"Bearer ../../etc/passwd", b"Bearer %00",
]
SECRETS = [b"root:x:0:0", b"SQLite format 3", b"A-123-456-789", b"A-987-654-321"]


def sample(pattern, replace_group=None, payload=None):
    """A concrete path for a route pattern: a group of literal alternatives
    becomes its first one, another group "1", except group number
    replace_group (from 0), which becomes payload."""
    out, i, group = "", 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            out += pattern[i + 1]
            i += 2
            continue
        if c == "(":
            close = pattern.index(")", i)
            body = pattern[i + 1:close]
            if group == replace_group:
                out += payload
            elif re.fullmatch(r"[a-z_|-]+", body):
                out += body.split("|")[0]
            else:
                out += "1"
            group += 1
            i = close + 1
            continue
        out += c
        i += 1
    return out


def groups(pattern):
    return pattern.count("(")


class Raw:
    """One HTTP/1.1 request of arbitrary bytes over a fresh connection from a
    chosen loopback source address; returns (status, headers, body)."""

    def __init__(self, port):
        self.port = port
        self.next_source = 2

    def source(self):
        # Spread the sweep over 127.0.0.2-254 so the per-address limiters
        # (volunteer-link misses, feeds) answer the attack itself, not its volume.
        self.next_source = self.next_source % 253 + 2
        return f"127.0.0.{self.next_source}"

    def send(self, method, target, headers=(), body=b"", source=None, chunks=None):
        if isinstance(target, str):
            target = target.encode()
        lines = [method.encode() + b" " + target + b" HTTP/1.1", b"Host: 127.0.0.1",
                 b"Connection: close"]
        lines += [h if isinstance(h, bytes) else h.encode() for h in headers]
        if chunks is not None:
            lines.append(b"Transfer-Encoding: chunked")
        elif body or method != "GET":
            lines.append(b"Content-Length: " + str(len(body)).encode())
        head = b"\r\n".join(lines) + b"\r\n\r\n"
        s = socket.create_connection(("127.0.0.1", self.port), timeout=20,
                                     source_address=(source or self.source(), 0))
        try:
            try:
                s.sendall(head + body)
                for chunk in chunks or []:
                    s.sendall(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
                if chunks is not None:
                    s.sendall(b"0\r\n\r\n")
            except (BrokenPipeError, ConnectionResetError):
                pass  # the server answered early and closed; read what it said
            data = b""
            while not complete(data):
                try:
                    part = s.recv(65536)
                except ConnectionResetError:
                    break
                if not part:
                    break
                data += part
        finally:
            s.close()
        if not data:
            return None, {}, b""
        head, _, rest = data.partition(b"\r\n\r\n")
        first, *hl = head.decode("latin-1").split("\r\n")
        hdrs = {}
        for line in hl:
            k, _, v = line.partition(":")
            hdrs[k.strip().lower()] = v.strip()
        return int(first.split()[1]), hdrs, rest


def complete(data):
    """True once data holds a whole response with a Content-Length body (the
    daemon may keep the connection open for its keep-alive timeout even
    after answering an error)."""
    head, sep, body = data.partition(b"\r\n\r\n")
    if not sep:
        return False
    m = re.search(rb"\r\ncontent-length: *(\d+)", head, re.IGNORECASE)
    return m is not None and len(body) >= int(m.group(1))


def vm_rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS")


class Hostile(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ws = Workspace()
        cls.w = world.build(cls.ws)
        cls.ws.add_user("root", role="admin")
        cls.bearer = cls.ws.api_token("root")
        made = cls.ws.run("api-token", "create", "--user", "root", check=0)
        cls.revoked = made.stdout.strip()
        revoke_id = re.search(r"api-token revoke (\d+)", made.stderr).group(1)
        cls.ws.run("api-token", "revoke", revoke_id, check=0)
        cls.feed_url = cls.ws.run("feed-url", "v0001", check=0).stdout.split()[0]
        r = cls.ws.run("serve", "--routes", check=0)
        cls.routes = [json.loads(line) for line in r.stdout.splitlines() if line.strip()]
        cls.daemon = Daemon(cls.ws, log=cls.ws.path("daemon.log"))
        cls.port = urllib.parse.urlsplit(cls.daemon.url).port
        cls.raw = Raw(cls.port)
        browser = cls.daemon.browser()
        status = browser.login("root")[0]
        assert status == 303, status
        cls.cookie = "cw_session=" + browser.cookies["cw_session"]
        cls.csrf = browser.csrf

    @classmethod
    def tearDownClass(cls):
        if cls.daemon.proc.poll() is None:
            cls.daemon.stop()
        cls.ws.close()

    # -- helpers ---------------------------------------------------------

    def healthy(self, batch):
        status, _, body = self.raw.send("GET", "/healthz", source="127.0.0.1")
        self.assertEqual((status, body), (200, b"ok\n"), f"/healthz after {batch}")
        self.assertIsNone(self.daemon.proc.poll(), f"daemon exited after {batch}")

    def expect(self, want, got, what):
        status, headers, body = got
        allowed = want if isinstance(want, (set, tuple)) else {want}
        self.assertIn(status, allowed, what)
        for secret in SECRETS:
            self.assertNotIn(secret, body, what)
        return status, headers, body

    def route_list(self, access=None, method=None):
        return [r for r in self.routes if (access is None or r["access"] == access)
                and (method is None or r["method"] == method)]

    # -- batches (each one is also a round of the memory test) -----------

    def batch_oversized(self):
        # A huge query string: the request line is over cpp-httplib's 8 KiB.
        for path in ("/healthz", "/login", "/api/v1/sessions", "/v/" + self.w["ana_token"]):
            self.expect(414, self.raw.send("GET", path + "?q=" + "A" * 20000), "long query " + path)
        # A query just under the limit with a thousand junk parameters: the
        # route's normal answer, never a 5xx.
        junk = "&".join(f"p{i}=%ff" for i in range(700))
        self.expect(200, self.raw.send("GET", "/healthz?" + junk), "junk parameters")
        # One header line over 8 KiB.
        self.expect(400, self.raw.send("GET", "/healthz", [b"X-Big: " + b"B" * 10000]),
                    "long header line")
        # Many header lines / many bytes of headers in all.
        many = [f"X-H{i}: {'h' * 100}" for i in range(150)]
        self.expect(431, self.raw.send("GET", "/healthz", many), "150 header lines")
        wide = [f"X-W{i}: {'w' * 8000}" for i in range(20)]
        self.expect(431, self.raw.send("GET", "/login", wide), "160 KiB of headers")
        # Bodies over the limit, declared and chunked.
        self.expect(413, self.raw.send("POST", "/login", [
            "Content-Type: application/x-www-form-urlencoded"], body=b"x" * (4 << 20)),
            "4 MiB body")
        self.expect(413, self.raw.send("POST", "/v/" + self.w["ana_token"] + "/availability", [
            "Content-Type: application/x-www-form-urlencoded"],
            chunks=[b"slot=" + b"s" * 65536] * 20), "chunked 1.3 MiB body")
        self.expect(413, self.raw.send("POST", "/api/v1/match", [
            "Authorization: Bearer " + self.bearer, "Content-Type: application/json"],
            body=b"{" + b" " * (2 * 1024 * 1024) + b"}"), "2 MiB JSON body")
        self.healthy("oversized requests")

    def batch_traversal(self):
        for r in self.routes:
            for g in range(groups(r["pattern"])):
                for payload in TRAVERSALS:
                    path = sample(r["pattern"], g, payload)
                    what = f'{r["method"]} {path[:80]} ({r["name"]})'
                    if len(urllib.parse.unquote(path)) > MAX_PATH_BYTES:
                        self.expect(414, self.raw.send(r["method"], path), what)
                    elif r["access"] == "open":
                        self.expect({404, 429}, self.raw.send(r["method"], path), what)
                    elif r["access"] == "page":
                        st, h, _ = self.expect(303, self.raw.send(r["method"], path), what)
                        self.assertEqual(h.get("location"), "/login", what)
                    else:
                        self.expect(401, self.raw.send(r["method"], path), what)
                        self.expect({400, 404}, self.raw.send(
                            r["method"], path, ["Authorization: Bearer " + self.bearer]), what)
            # Raw ../ that changes the shape of the path, and a NUL byte.
            for payload in ("../../../etc/passwd", "..%2F..%2F..%2Fetc%2Fpasswd"):
                path = sample(r["pattern"], 0, payload) if groups(r["pattern"]) else (
                    r["pattern"].replace("\\", "") + "/" + payload)
                self.expect({303, 401, 404, 429}, self.raw.send(r["method"], path), path)
        for path in ("/static/../../../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd",
                     "/static/..%2f..%2fCMakeLists.txt", "/static/app.css%00.txt",
                     "/static/", "/static/%ff"):
            self.expect(404, self.raw.send("GET", path), path)
        self.healthy("path traversal")

    def batch_utf8(self):
        # Invalid UTF-8 in the path, raw and percent-encoded.
        for path in (b"/v/\xff\xfe", b"/feeds/v/\xc3\x28.ics", b"/\xff", b"/static/\xed\xa0\x80",
                     b"/feeds/site/CHI/\xf8\x88\x80\x80\x80.ics"):
            self.expect({404, 429}, self.raw.send("GET", path), repr(path))
        # In the query string.
        self.expect(200, self.raw.send("GET", "/healthz?x=%ff%fe"), "query on /healthz")
        self.expect(200, self.raw.send("GET", b"/v/" + self.w["ana_token"].encode() +
                                       b"?done=\xff\xfe", source="127.0.0.1"), "done=")
        for r in self.route_list("api", "GET"):
            path = sample(r["pattern"]) + "?from=%ff%fe&to=%c3%28&site=%ed%a0%80&limit=%ff&cursor=%ff"
            # /api/v1/ lists parse from/to/site/limit/cursor; other routes ignore a query.
            want = {400, 404, 422} if r["pattern"].startswith("/api/v1/") else 200
            self.expect(want, self.raw.send(
                "GET", path, ["Authorization: Bearer " + self.bearer]), path)
        # In form fields: a report's notes, a login's username.
        token = self.w["ana_token"]
        status, _, page = self.raw.send("GET", "/v/" + token, source="127.0.0.1")
        self.assertEqual(status, 200)
        csrf = re.search(rb'name="csrf" value="([^"]+)"', page).group(1)
        form = b"csrf=" + csrf + b"&ice_present=yes&detained_count=1&notes=%ff%fe"
        self.expect(400, self.raw.send(
            "POST", f"/v/{token}/sessions/{self.w['past_session']}/report",
            ["Content-Type: application/x-www-form-urlencoded"], body=form,
            source="127.0.0.1"), "report notes")
        form = b"csrf=" + csrf + b"&ice_present=\xff&detained_count=%ff"
        self.expect(400, self.raw.send(
            "POST", f"/v/{token}/sessions/{self.w['past_session']}/report",
            ["Content-Type: application/x-www-form-urlencoded"], body=form,
            source="127.0.0.1"), "report fields")
        status, h, _ = self.raw.send("GET", "/login")
        login_csrf = re.search(r"cw_login=([^;]+)", h["set-cookie"]).group(1)
        form = f"csrf={login_csrf}&username=%ff%fe&password=%c3%28".encode()
        self.expect(401, self.raw.send("POST", "/login", [
            "Content-Type: application/x-www-form-urlencoded", "Cookie: cw_login=" + login_csrf],
            body=form, source="127.0.0.3"), "login username")
        # In a cookie and other headers.
        self.expect(303, self.raw.send("GET", "/", [b"Cookie: cw_session=\xff\xfe",
                                                    b"Accept-Language: \xff\xfe;q=\xff"]), "cookie")
        self.healthy("invalid UTF-8")

    def batch_cookies_and_tokens(self):
        for cookie in BAD_COOKIES:
            for r in self.routes:
                if r["access"] == "open":
                    continue
                path = sample(r["pattern"])
                got = self.raw.send(r["method"], path, [b"Cookie: " + cookie])
                if r["access"] == "page":
                    self.expect(303, got, f"{cookie[:30]!r} on {path}")
                    self.assertEqual(got[1].get("location"), "/login")
                else:
                    self.expect(401, got, f"{cookie[:30]!r} on {path}")
            self.expect(200, self.raw.send("GET", "/login", [b"Cookie: cw_login=" + cookie]),
                        "login page")
            self.expect(403, self.raw.send("POST", "/login", [
                b"Cookie: cw_login=" + cookie.replace(b";", b""),
                b"Content-Type: application/x-www-form-urlencoded"],
                body=b"csrf=" + cookie.replace(b";", b"").replace(b"&", b"")
                + b"&username=root&password=x"), f"login with csrf cookie {cookie[:30]!r}")
        bearers = list(BAD_BEARERS)
        bearers.append(b"Bearer " + self.revoked.encode())
        bearers.append(b"Bearer " + self.bearer.encode() + b"x")
        bearers.append(b"Bearer " + self.bearer[:-1].encode())
        for bearer in bearers:
            for r in self.route_list("api"):
                got = self.expect(401, self.raw.send(
                    r["method"], sample(r["pattern"]), [b"Authorization: " + bearer]),
                    f"{bearer[:30]!r} on {r['pattern']}")
                self.assertIn(b'"code": "unauthenticated"', got[2])
        self.healthy("cookies and bearer tokens")

    def batch_csrf(self):
        wrong = self.csrf[1:] + ("b" if self.csrf[0] == "a" else "a")
        for r in self.routes:
            if r["method"] == "GET":
                continue
            path = sample(r["pattern"])
            if r["access"] == "open":
                if not r["pattern"].startswith("/v/"):
                    continue
                path = sample(r["pattern"], 0, self.w["ana_token"])
                for field in (b"", b"csrf=", b"csrf=" + wrong.encode(), b"csrf=%ff%fe",
                              b"csrf=" + b"c" * 8000, b"csrf=a&csrf=b", b"csrf"):
                    self.expect(403, self.raw.send(r["method"], path, [
                        "Content-Type: application/x-www-form-urlencoded"], body=field,
                        source="127.0.0.1"), f"{path} with {field[:20]!r}")
                # A form over cpp-httplib's 8 KiB limit for url-encoded bodies.
                self.expect(413, self.raw.send(r["method"], path, [
                    "Content-Type: application/x-www-form-urlencoded"],
                    body=b"csrf=" + b"c" * 100000, source="127.0.0.1"), f"{path} 100 KB form")
                continue
            for headers in ([], [f"X-CSRF-Token: {wrong}"], [b"X-CSRF-Token: \xff\xfe"],
                            ["X-CSRF-Token: " + "c" * 7000]):
                self.expect(403, self.raw.send(r["method"], path, [
                    "Cookie: " + self.cookie, "Content-Type: application/x-www-form-urlencoded",
                    *headers], body=f"csrf={wrong}".encode() if headers else b""),
                    f"{r['method']} {path} {str(headers)[:40]}")
        self.healthy("CSRF tokens")

    def sweep(self):
        self.batch_oversized()
        self.batch_traversal()
        self.batch_utf8()
        self.batch_cookies_and_tokens()
        self.batch_csrf()

    # -- tests -----------------------------------------------------------

    def test_the_daemon_lists_its_routes(self):
        names = {r["pattern"] for r in self.routes}
        for p in ("/healthz", "/login", "/static/app.css", r"/v/([^/]+)"):
            self.assertIn(p, names)
        self.assertTrue(any(r["access"] == "api" for r in self.routes))
        self.assertTrue(any(r["access"] == "page" and r["method"] == "POST" for r in self.routes))

    def test_oversized_requests(self):
        self.batch_oversized()

    def test_path_traversal_in_every_path_parameter(self):
        self.batch_traversal()

    def test_invalid_utf8_in_path_query_form_and_cookie(self):
        self.batch_utf8()

    def test_malformed_cookies_and_bearer_tokens(self):
        self.batch_cookies_and_tokens()

    def test_missing_or_wrong_csrf_tokens(self):
        self.batch_csrf()

    def test_memory_stays_flat_over_repeated_sweeps(self):
        pid = self.daemon.proc.pid
        # Warm-up: each of the 256 worker threads reaches its own high-water
        # mark (stack pages, allocator arena) only once the dispatcher has
        # handed it its share of the sweep, so sweep until RSS stops rising.
        warm = [vm_rss_kb(pid)]
        while len(warm) <= WARMUP_MAX and not (
                len(warm) > WARMUP_MIN and warm[-1] - warm[-1 - STABLE_SWEEPS] < 1024):
            self.sweep()
            warm.append(vm_rss_kb(pid))
        before = warm[-1]
        samples = [before]
        started = time.monotonic()
        for _ in range(ROUNDS):
            self.sweep()
            samples.append(vm_rss_kb(pid))
        print(f"\nVmRSS (MiB) over {len(warm) - 1} warm-up sweeps: "
              f"{[round(k / 1024, 1) for k in warm]}; then over {ROUNDS} sweeps "
              f"({time.monotonic() - started:.1f} s): {[round(k / 1024, 1) for k in samples]}; "
              f"growth {(max(samples) - before) / 1024:.1f} MiB, bound "
              f"{RSS_BOUND_KB / 1024:.0f} MiB", flush=True)
        self.assertLessEqual(max(samples) - before, RSS_BOUND_KB, samples)

if __name__ == "__main__":
    cwtest.main()
