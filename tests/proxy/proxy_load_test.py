"""Hostile load through the shipped reverse proxy (DESIGN.md §9, issue 10).

Starts the real daemon on loopback and, unprivileged, nginx with the shipped
config/nginx/courtwatch.conf (only its ports, certificate and log paths
substituted) in front of it. An attacker process holds CONNECTIONS slow or
idle connections from 127.0.0.2 (half idle TCP, half TLS connections that
trickle a header line every 2 s, reopened as the proxy drops them) while a
prober from 127.0.0.1 makes fresh HTTPS requests; their p99 must stay under
100 ms (twice the no-attack p99 if the machine is so busy that this exceeds
50 ms). With --direct, the same attack straight at the daemon is measured and
reported (not asserted). Every process is stopped by its PID.

  proxy_load_test.py --binary B --source S [--seconds N] [--connections N] [--direct]
"""
import argparse
import os
import shutil
import signal
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import time

ATTACKER = "127.0.0.2"
PROBE_INTERVAL = 0.1  # 10 requests/s: under the shipped limit_req rate of 20 r/s


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def substitute(text, old, new, count):
    """Replaces `old` exactly `count` times, so a changed shipped config breaks the test."""
    found = text.count(old)
    if found != count:
        raise AssertionError(f"shipped nginx config: expected {count}x {old!r}, found {found}")
    return text.replace(old, new)


def nginx_config(source, tmp, tls_port, http_port, daemon_port):
    with open(os.path.join(source, "config/nginx/courtwatch.conf")) as f:
        conf = f.read()
    conf = substitute(conf, "    listen 443 ssl http2;\n", f"    listen 127.0.0.1:{tls_port} ssl http2;\n", 1)
    conf = substitute(conf, "    listen [::]:443 ssl http2;\n", "", 1)
    conf = substitute(conf, "    listen 80;\n", f"    listen 127.0.0.1:{http_port};\n", 1)
    conf = substitute(conf, "    listen [::]:80;\n", "", 1)
    conf = substitute(conf, "server 127.0.0.1:8080;", f"server 127.0.0.1:{daemon_port};", 1)
    conf = substitute(conf, "/etc/letsencrypt/live/watch.example.org/fullchain.pem",
                      f"{tmp}/cert.pem", 1)
    conf = substitute(conf, "/etc/letsencrypt/live/watch.example.org/privkey.pem",
                      f"{tmp}/key.pem", 1)
    conf = substitute(conf, "/var/log/nginx/courtwatch.access.log", f"{tmp}/nginx/access.log", 2)
    with open(f"{tmp}/courtwatch.conf", "w") as f:
        f.write(conf)
    # The main file stands in for Debian's /etc/nginx/nginx.conf, with the
    # worker_connections docs/operations.md asks for.
    with open(f"{tmp}/nginx.conf", "w") as f:
        f.write(f"""worker_processes 2;
worker_rlimit_nofile 8192;
pid {tmp}/nginx/nginx.pid;
error_log {tmp}/nginx/error.log warn;
events {{ worker_connections 4096; }}
http {{
  client_body_temp_path {tmp}/nginx/body; proxy_temp_path {tmp}/nginx/proxy;
  fastcgi_temp_path {tmp}/nginx/fcgi; uwsgi_temp_path {tmp}/nginx/uwsgi;
  scgi_temp_path {tmp}/nginx/scgi;
  include {tmp}/courtwatch.conf;
}}
""")


def unprivileged():
    """Arguments that drop root for nginx (it must not need privileges)."""
    if os.geteuid() != 0:
        return []
    return ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]


def wait_port(port, proc, what, timeout=15):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"{what} exited early with {proc.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"{what} did not listen on {port}")


def stop(proc, sig=signal.SIGTERM):
    if proc is None or proc.poll() is not None:
        return
    os.kill(proc.pid, sig)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()


# --- attacker (a separate process so it never competes for the prober's GIL) ---

def attack(port, use_tls, connections, seconds):
    import resource
    import selectors
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, connections + 512), hard))
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    sel = selectors.DefaultSelector()
    conns = {}  # socket -> (slow?, next trickle time)
    opened = dropped = peak = 0

    def open_one(slow):
        nonlocal opened, peak
        s = socket.socket()
        s.bind((ATTACKER, 0))
        s.settimeout(5)
        try:
            s.connect(("127.0.0.1", port))
            if slow:
                if use_tls:
                    s = ctx.wrap_socket(s, server_hostname="localhost")
                s.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n")
            s.setblocking(False)
        except OSError:
            s.close()
            return
        opened += 1
        conns[s] = (slow, time.monotonic() + 2)
        sel.register(s, selectors.EVENT_READ)
        peak = max(peak, len(conns))

    def on_term(*_):
        raise SystemExit(0)
    signal.signal(signal.SIGTERM, on_term)
    end = time.monotonic() + seconds
    i = 0
    try:
        while time.monotonic() < end:
            while len(conns) < connections and time.monotonic() < end:
                open_one(slow=(i % 2 == 1))
                i += 1
                if i % 50 == 0:
                    break  # service the open ones between batches
            for key, _ in sel.select(timeout=0.1):
                s = key.fileobj
                try:
                    if s.recv(4096):
                        continue
                except (ssl.SSLWantReadError, BlockingIOError):
                    continue
                except OSError:
                    pass
                sel.unregister(s)
                del conns[s]
                s.close()
                dropped += 1
            now = time.monotonic()
            for s, (slow, due) in list(conns.items()):
                if slow and now >= due:
                    try:
                        s.send(b"X-Slow: a\r\n")
                        conns[s] = (slow, now + 2)
                    except (ssl.SSLWantWriteError, BlockingIOError):
                        pass
                    except OSError:
                        sel.unregister(s)
                        del conns[s]
                        s.close()
                        dropped += 1
    finally:
        print(f"attacker: opened {opened}, dropped by the server {dropped}, peak open {peak}, "
              f"open at the end {len(conns)}", flush=True)


# --- prober ---

def probe(port, use_tls, path, seconds, timeout):
    """Fresh connection per request from 127.0.0.1; returns (latencies, failures)."""
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    latencies, failures = [], []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        start = time.monotonic()
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=timeout,
                                         source_address=("127.0.0.1", 0))
            if use_tls:
                s = ctx.wrap_socket(s, server_hostname="localhost")
            s.sendall(f"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode())
            data = b""
            while chunk := s.recv(65536):
                data += chunk
            s.close()
            status = data.split(b" ", 2)[1] if data.startswith(b"HTTP/") else b"none"
            if status != b"200":
                failures.append(f"status {status.decode()}")
            else:
                latencies.append(time.monotonic() - start)
        except OSError as e:
            failures.append(type(e).__name__)
        time.sleep(max(0.0, PROBE_INTERVAL - (time.monotonic() - start)))
    return latencies, failures


def p99(latencies):
    if not latencies:
        return float("inf")
    xs = sorted(latencies)
    return xs[min(len(xs) - 1, int(len(xs) * 0.99))]


def measure(label, port, use_tls, args, timeout):
    attacker = subprocess.Popen([sys.executable, __file__, "--attack", str(port),
                                 "--tls" if use_tls else "--plain",
                                 "--connections", str(args.connections),
                                 "--seconds", str(args.seconds + 5)],
                                stdout=subprocess.PIPE, text=True)
    try:
        time.sleep(3)  # let the attacker open its connections
        lat, fail = probe(port, use_tls, "/readyz", args.seconds, timeout)
    finally:
        stop(attacker)
    report = attacker.stdout.read().strip()
    peak = int(report.split("peak open ")[1].split(",")[0]) if "peak open" in report else 0
    print(f"{label}: {summary(lat, fail)}\n  {report}", flush=True)
    return lat, fail, peak


def summary(lat, fail):
    ms = [x * 1000 for x in lat]
    return (f"{len(lat)} answered, {len(fail)} failed {sorted(set(fail))}; "
            f"p50 {statistics.median(ms) if ms else float('nan'):.1f} ms, "
            f"p99 {p99(lat) * 1000:.1f} ms, max {max(ms) if ms else float('nan'):.1f} ms")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary")
    ap.add_argument("--source")
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--connections", type=int, default=1000)
    ap.add_argument("--direct", action="store_true", help="also measure the attack without nginx")
    ap.add_argument("--attack", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--tls", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--plain", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.attack:
        attack(args.attack, args.tls, args.connections, args.seconds)
        return 0

    args.binary = os.path.abspath(args.binary)  # the daemon runs in the temp dir
    tmp = tempfile.mkdtemp(prefix="cw-proxy-")
    daemon = nginx = None
    try:
        os.makedirs(f"{tmp}/nginx")
        daemon_port, tls_port, http_port = free_port(), free_port(), free_port()
        with open(f"{tmp}/courtwatch.toml", "w") as f:
            f.write(f'[database]\npath = "{tmp}/cw.db"\n'
                    f'[server]\nlisten = "127.0.0.1:{daemon_port}"\ntrusted_proxy = "127.0.0.1"\n'
                    f'[data]\nsites_file = "{args.source}/config/sites.csv"\n')
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                        "ec_paramgen_curve:P-256", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                        "-keyout", f"{tmp}/key.pem", "-out", f"{tmp}/cert.pem"],
                       check=True, capture_output=True)
        nginx_config(args.source, tmp, tls_port, http_port, daemon_port)
        if os.geteuid() == 0:
            shutil.chown(tmp, "nobody", "nogroup")
            for root, dirs, files in os.walk(tmp):
                for n in dirs + files:
                    shutil.chown(os.path.join(root, n), "nobody", "nogroup")
        daemon = subprocess.Popen([args.binary, "--config", f"{tmp}/courtwatch.toml", "serve"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                  cwd=tmp)
        wait_port(daemon_port, daemon, "courtwatch")
        nginx = subprocess.Popen(unprivileged() + ["nginx", "-p", f"{tmp}/nginx", "-e",
                                                   f"{tmp}/nginx/error.log", "-c",
                                                   f"{tmp}/nginx.conf", "-g", "daemon off;"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        wait_port(tls_port, nginx, "nginx")

        # Sanity: the proxy forwards, and the daemon sees the forwarding headers.
        lat, fail = probe(tls_port, True, "/readyz", 3, 5)
        assert lat and not fail, f"through nginx without load: {fail}"
        print(f"through nginx, no attack: {summary(lat, fail)}", flush=True)
        # The bound is 100 ms. On a machine so busy that requests without any
        # attack already take > 50 ms (p99), it becomes twice that baseline:
        # still far below what the attack does to the daemon alone (seconds).
        bound = max(0.100, 2 * p99(lat))
        if bound > 0.100:
            print(f"machine busy: bound relaxed to {bound * 1000:.0f} ms", flush=True)

        lat, fail, peak = measure(f"through nginx, {args.connections} slow/idle connections from "
                            f"{ATTACKER}", tls_port, True, args, timeout=5)
        ok = not fail and p99(lat) < bound and len(lat) >= args.seconds * 5
        if peak < args.connections * 0.9:
            print(f"FAIL: the attacker held only {peak} connections; the test proves nothing")
            ok = False
        if args.direct:
            measure(f"straight at the daemon, same attack (reported, not asserted)",
                    daemon_port, False, args, timeout=5)
        stop(nginx, signal.SIGQUIT)
        nginx_err = nginx.stderr.read()
        if nginx_err.strip():
            print("nginx stderr:", nginx_err)
        if not ok:
            print(f"FAIL: p99 through the proxy must be < {bound * 1000:.0f} ms with no failed "
                  "request, and the attacker must hold its connections")
            return 1
        print("PASS")
        return 0
    finally:
        stop(nginx, signal.SIGQUIT)
        stop(daemon)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
