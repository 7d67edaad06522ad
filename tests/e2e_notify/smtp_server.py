"""A real SMTP server for the notification tests and benchmark: Debian's
aiosmtpd on a loopback port, with STARTTLS and AUTH required (unless
--plain), saving every accepted message as NNNNNN.eml in --outdir (or only
counting them with --count-only). Prints "READY <port>" once listening and
runs until SIGTERM. --tempfail N answers 451 to the first N DATA commands;
--reject answers 554 to every DATA."""
import argparse
import asyncio
import os
import signal
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Saver:
    def __init__(self, outdir, count_only, tempfail, reject):
        self.outdir = outdir
        self.count_only = count_only
        self.tempfail = tempfail
        self.reject = reject
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        if self.reject:
            return "554 5.7.1 rejected by test"
        with self.lock:
            if self.tempfail > 0:
                self.tempfail -= 1
                return "451 4.3.0 try again later (test)"
            self.count += 1
            n = self.count
        if not self.count_only:
            path = os.path.join(self.outdir, f"{n:06d}.eml")
            with open(path + ".tmp", "wb") as f:
                f.write(b"X-Envelope-From: " + envelope.mail_from.encode() + b"\r\n")
                f.write(b"X-Envelope-To: " + ",".join(envelope.rcpt_tos).encode() + b"\r\n")
                login = getattr(session.auth_data, "login", None) or b""
                f.write(b"X-Auth-Login: " + login + b"\r\n")
                f.write(envelope.original_content or envelope.content)
            os.rename(path + ".tmp", path)
        elif n % 1000 == 0:
            with open(os.path.join(self.outdir, "count"), "w") as f:
                f.write(str(n))
        return "250 2.0.0 accepted"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--outdir", required=True)
    p.add_argument("--cert")
    p.add_argument("--key")
    p.add_argument("--user", default="courtwatch")
    p.add_argument("--password", default="secret")
    p.add_argument("--plain", action="store_true", help="no TLS, no AUTH")
    p.add_argument("--count-only", action="store_true")
    p.add_argument("--tempfail", type=int, default=0)
    p.add_argument("--reject", action="store_true")
    a = p.parse_args()

    handler = Saver(a.outdir, a.count_only, a.tempfail, a.reject)

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login == a.user.encode()
              and auth_data.password == a.password.encode())
        return AuthResult(success=ok, handled=False, auth_data=auth_data)

    kwargs = {}
    if not a.plain:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(a.cert, a.key)
        kwargs = dict(tls_context=ctx, require_starttls=True, auth_required=True,
                      auth_require_tls=True, authenticator=authenticate)
    controller = Controller(handler, hostname="127.0.0.1", port=a.port,
                            data_size_limit=10 * 1024 * 1024, **kwargs)
    controller.start()
    print(f"READY {a.port}", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    while not stop.wait(0.2):
        pass
    controller.stop()
    with open(os.path.join(a.outdir, "count"), "w") as f:
        f.write(str(handler.count))


if __name__ == "__main__":
    main()
