#!/usr/bin/env bash
# Package test (./scripts/dev package-test): checks the .deb's metadata and
# layout, unpacks it into a scratch root and runs the binary from `/`,
# verifies the unit (systemd-analyze verify + security exposure <= 2.0), then
# (as root) really installs it on this machine, checks what the maintainer
# scripts did, runs it from `/`, and purges it. Every process it starts is
# stopped by PID. Usage: package_test.sh FILE.deb
set -euo pipefail
deb=$(realpath "$1")
scratch=$(mktemp -d /tmp/cw-package.XXXXXX)
serve_pid=""
cleanup() {
  [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null
  rm -rf "$scratch"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }

# 1. Metadata: runtime libraries from dpkg-shlibdeps, the conffile, the scripts.
info=$(dpkg-deb -I "$deb")
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libsqlite3-0 libsodium23 libsystemd0 libcurl4 libical3 tzdata; do
  grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib: $depends"
done
ok "Depends: $depends"
dpkg-deb -e "$deb" "$scratch/control"
grep -qx /etc/courtwatch/courtwatch.toml "$scratch/control/conffiles" || fail "conffiles"
for s in postinst prerm postrm; do [ -x "$scratch/control/$s" ] || fail "no $s"; done
ok "conffiles and maintainer scripts present"

# 2. Layout (DESIGN.md §9).
contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
for f in ./usr/bin/courtwatch ./usr/lib/systemd/system/courtwatch.service \
  ./usr/lib/sysusers.d/courtwatch.conf ./usr/lib/tmpfiles.d/courtwatch.conf \
  ./usr/share/courtwatch/sites.csv ./usr/share/courtwatch/courtwatch.example.toml \
  ./usr/share/courtwatch/nginx/courtwatch.conf ./usr/share/courtwatch/demo/README.md \
  ./etc/courtwatch/courtwatch.toml ./usr/share/doc/courtwatch/operations.md; do
  grep -qx "$f" <<<"$contents" || fail "missing $f"
done
ok "layout"

# 3. Unpacked into a scratch root, run from `/` (data found beside the binary).
root="$scratch/root"
dpkg-deb -x "$deb" "$root"
cw="$root/usr/bin/courtwatch"
(cd / && "$cw" --version) | grep -q courtwatch || fail "--version"
db="$scratch/cw.db"
(cd / && "$cw" --db "$db" db check) || fail "db check from /"
sites=$(sqlite3 "$db" 'select count(*) from sites')
[ "$sites" -gt 50 ] || fail "sites not loaded from the installed sites.csv ($sites)"
ok "from /: --version, db check, $sites sites loaded"
printf '[server]\nlisten = "127.0.0.1:0"\n' >"$scratch/cw.toml"
(cd / && exec "$cw" --config "$scratch/cw.toml" --db "$scratch/demo.db" serve --demo >"$scratch/serve.out" 2>&1) &
serve_pid=$!
for _ in $(seq 100); do grep -q listening "$scratch/serve.out" && break; sleep 0.1; done
url=$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$scratch/serve.out")
[ -n "$url" ] || { cat "$scratch/serve.out"; fail "serve --demo from / did not start"; }
curl -fsS "${url}healthz" >/dev/null || fail "healthz"
curl -fsS "${url}readyz" >/dev/null || fail "readyz"
kill -TERM "$serve_pid"; wait "$serve_pid" || fail "serve exit status"; serve_pid=""
ok "serve --demo from / answered $url"

# 4. The unit: exposure <= 2.0 (verify runs on the really installed unit below).
unit="$root/usr/lib/systemd/system/courtwatch.service"
exposure=$(systemd-analyze security --offline=true "$unit" 2>/dev/null |
  sed -n 's/.*Overall exposure level for .*: \([0-9.]*\).*/\1/p')
[ -n "$exposure" ] || fail "no exposure figure"
awk -v e="$exposure" 'BEGIN { exit !(e <= 2.0) }' || fail "exposure $exposure > 2.0"
ok "systemd-analyze security exposure: $exposure"

# 5. A real install on this machine (root only), then purge.
if [ "$(id -u)" != 0 ]; then echo "skip: not root, no real install"; exit 0; fi
if dpkg-query -W -f='${Status}' courtwatch 2>/dev/null | grep -q installed; then
  fail "courtwatch is already installed here; not touching it"
fi
# Retried: another process may hold the dpkg lock for a while.
retry() { local i; for i in $(seq 20); do "$@" && return 0; sleep 5; done; return 1; }
retry dpkg -i "$deb" || fail "dpkg -i"
getent passwd courtwatch >/dev/null || fail "postinst: no courtwatch user (sysusers)"
[ -d /etc/courtwatch ] || fail "postinst: no /etc/courtwatch"
[ -L /etc/systemd/system/multi-user.target.wants/courtwatch.service ] || fail "postinst: unit not enabled"
if [ -d /run/systemd/system ]; then
  systemctl is-active --quiet courtwatch && fail "postinst started the service"
fi
verify=$(systemd-analyze verify /usr/lib/systemd/system/courtwatch.service 2>&1) ||
  { echo "$verify"; fail "systemd-analyze verify"; }
[ -z "$verify" ] || { echo "$verify"; fail "systemd-analyze verify printed warnings"; }
ok "systemd-analyze verify on the installed unit: clean"
(cd / && courtwatch --version) || fail "installed --version"
(cd / && courtwatch --db "$scratch/installed.db" db check) || fail "installed db check"
ok "dpkg -i: user, /etc/courtwatch, unit enabled and not started; runs from /"
retry dpkg --purge courtwatch || fail "dpkg --purge"
[ ! -e /usr/bin/courtwatch ] || fail "purge left /usr/bin/courtwatch"
[ ! -e /etc/courtwatch/courtwatch.toml ] || fail "purge left the conffile"
[ ! -L /etc/systemd/system/multi-user.target.wants/courtwatch.service ] || fail "purge left the enablement"
ok "dpkg --purge removed it cleanly"
echo "package test passed (exposure $exposure)"
