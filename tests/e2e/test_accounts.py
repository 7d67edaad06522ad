"""End to end: accounts made with the real CLI, signing in to the real
daemon, API tokens, disabling an account, and no password, token or session
id in anything the daemon logs."""
import json
import unittest

import cwtest
from cwtest import PASSWORD, Daemon, Workspace


class Accounts(unittest.TestCase):
    def setUp(self):
        self.ws = Workspace('[log]\nlevel = "debug"\n')

    def tearDown(self):
        self.ws.close()

    def test_user_add_refuses_bad_passwords_saying_why(self):
        r = self.ws.run("user", "add", "ana", "--role", "admin", stdin="", check=1)
        self.assertEqual(r.stderr.strip(), "courtwatch: the password is empty")
        r = self.ws.run("user", "add", "ana", "--role", "admin", stdin="short\n", check=1)
        self.assertEqual(r.stderr.strip(),
                         "courtwatch: the password is too short: it needs at least 10 characters")
        self.ws.run("user", "add", "ana", "--role", "boss", stdin=PASSWORD + "\n", check=2)
        r = self.ws.run("user", "list", "--json", check=0)
        self.assertEqual(json.loads(r.stdout), [])
        self.ws.add_user("ana", "admin")
        r = self.ws.run("user", "add", "ana", "--role", "admin", stdin=PASSWORD + "\n", check=1)
        self.assertIn("a user named 'ana' already exists", r.stderr)
        self.ws.add_user("bo")
        users = json.loads(self.ws.run("user", "list", "--json", check=0).stdout)
        self.assertEqual([(u["name"], u["role"], u["disabled"]) for u in users],
                         [("ana", "admin", False), ("bo", "coordinator", False)])
        for out in self.ws.outputs:
            self.assertNotIn(PASSWORD, out)

    def test_sign_in_use_and_sign_out(self):
        self.ws.add_user("ana")
        d = Daemon(self.ws)
        try:
            b = d.browser()
            status, headers, _ = b.get("/")
            self.assertEqual((status, headers["Location"]), (303, "/login"))
            status, _, body = b.login("ana", "wrong password!")
            self.assertEqual(status, 401)
            self.assertIn("Wrong user name or password", body)
            status, headers, _ = b.login("ana")
            self.assertEqual((status, headers["Location"]), (303, "/"))
            cookie = headers["Set-Cookie"]
            self.assertIn("HttpOnly", cookie)
            self.assertIn("SameSite=Strict", cookie)
            self.assertNotIn("Secure", cookie)
            self.assertEqual(b.get("/")[0], 200)
            self.assertEqual(b.post("/logout", {})[0], 403)  # no CSRF token
            self.assertEqual(b.get("/")[0], 200)
            status, headers, _ = b.post("/logout", {"csrf": b.csrf})
            self.assertEqual((status, headers["Location"]), (303, "/login"))
            self.assertEqual(b.get("/")[0], 303)
        finally:
            d.stop()

    def test_disabling_a_user_ends_their_session_and_tokens(self):
        self.ws.add_user("bo")
        token = self.ws.api_token("bo")
        d = Daemon(self.ws)
        try:
            b = d.browser()
            self.assertEqual(b.login("bo")[0], 303)
            bearer = {"Authorization": "Bearer " + token}
            self.assertEqual(d.get("/metrics", bearer)[0], 200)
            r = self.ws.run("user", "disable", "bo", check=0)
            self.assertEqual(r.stdout.strip(),
                             "user bo disabled; 1 session ended, 1 API token revoked")
            self.assertEqual(b.get("/")[0], 303)
            self.assertEqual(d.get("/metrics", bearer)[0], 401)
            self.assertEqual(b.login("bo")[0], 401)
        finally:
            d.stop()
        users = json.loads(self.ws.run("user", "list", "--json", check=0).stdout)
        self.assertTrue(users[0]["disabled"])

    def test_api_tokens_are_printed_once_and_revocable(self):
        self.ws.add_user("ana")
        r = self.ws.run("api-token", "create", "--user", "ana", check=0)
        token = r.stdout.strip()
        self.assertRegex(token, r"^[a-z2-7]{26}$")
        self.assertIn("shown only this once", r.stderr)
        listed = json.loads(self.ws.run("api-token", "list", "--json", check=0).stdout)
        self.assertEqual([(t["user"], t["revoked"]) for t in listed], [("ana", None)])
        self.assertNotIn(token, json.dumps(listed))
        d = Daemon(self.ws)
        try:
            bearer = {"Authorization": "Bearer " + token}
            self.assertEqual(d.get("/metrics", bearer)[0], 200)
            self.ws.run("api-token", "revoke", str(listed[0]["id"]), check=0)
            status, headers, body = d.get("/metrics", bearer)
            self.assertEqual(status, 401)
            self.assertEqual(json.loads(body)["error"]["code"], "unauthenticated")
        finally:
            d.stop()
        r = self.ws.run("api-token", "revoke", str(listed[0]["id"]), check=1)
        self.assertIn("already revoked", r.stderr)
        self.ws.run("api-token", "create", "--user", "nobody", check=1)

    def test_secure_cookie_behind_an_https_proxy(self):
        with open(self.ws.config) as f:
            text = f.read()
        with open(self.ws.config, "w") as f:
            f.write(text.replace('listen = "127.0.0.1:0"\n',
                                 'listen = "127.0.0.1:0"\nbehind_https_proxy = true\n'))
        self.ws.add_user("ana")
        d = Daemon(self.ws)
        try:
            _, headers, _ = d.browser().login("ana")
            self.assertIn("; Secure", headers["Set-Cookie"])
        finally:
            d.stop()

    def test_no_password_token_or_session_id_in_the_logs(self):
        self.ws.add_user("ana", "admin")
        token = self.ws.api_token("ana")
        d = Daemon(self.ws)
        secrets = [PASSWORD, token]
        try:
            b = d.browser()
            b.login("ana", "wrong " + PASSWORD)
            secrets.append("wrong " + PASSWORD)
            b.login("ana")
            secrets += list(b.cookies.values()) + [b.csrf]
            b.get("/")
            d.get("/metrics", {"Authorization": "Bearer " + token})
            d.get("/metrics", {"Authorization": "Bearer " + token[::-1]})
            b.post("/logout", {"csrf": b.csrf})
        finally:
            rc, err = d.stop()
        self.assertEqual(rc, 0)
        self.assertIn("sign-in: ana", err)  # the log was captured
        for secret in secrets:
            self.assertTrue(secret)
            self.assertNotIn(secret, err)
            self.assertNotIn(secret[:12], err)
        audit = self.ws.run("db", "check", check=0)  # the database is sound afterwards
        self.assertIn("ok", audit.stdout)


if __name__ == "__main__":
    cwtest.main()
