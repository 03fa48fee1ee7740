#!/usr/bin/env bash
# Debian packages the test suite needs: the PostgreSQL server programs and PgBouncer, Dovecot for the
# mailbox tests, Chromium for the end-to-end tests of the web app, wrk and Taskwarrior for the benchmarks.
# Installed when missing and running as root; otherwise the tests say how.
set -euo pipefail

have_postgres() {
  command -v initdb >/dev/null 2>&1 || compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null
}

# The IMAP tests run a throwaway Dovecot (tests/imapserver.py); /usr/sbin is not
# on every user's PATH.
have_dovecot() {
  command -v dovecot >/dev/null 2>&1 || test -x /usr/sbin/dovecot
}

# What the card, calendar and address-book tests check against.
missing=()
have_postgres || missing+=(postgresql)
have_dovecot || missing+=(dovecot-imapd)
# The PostgreSQL tests also run nextround through PgBouncer in transaction mode.
{ command -v pgbouncer || test -x /usr/sbin/pgbouncer; } >/dev/null 2>&1 || missing+=(pgbouncer)
{ command -v pdftotext && command -v pdftoppm; } >/dev/null 2>&1 || missing+=(poppler-utils)
command -v khal >/dev/null 2>&1 || missing+=(khal)
command -v khard >/dev/null 2>&1 || missing+=(khard)
[ -f /usr/share/fonts/opentype/dancingscript/DancingScript-Regular.otf ] || missing+=(fonts-dancingscript)
[ -d /usr/share/fonts/truetype/wqy ] || missing+=(fonts-wqy-microhei)
# Fast font subsetting for WeasyPrint (without it: slow, and a warning on import).
ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset || missing+=(libharfbuzz-subset0)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
# The web app: its end-to-end tests drive Debian's Chromium; `make bench` loads it with wrk.
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
# `make bench` times write commands beside Taskwarrior's `task add`.
command -v task >/dev/null 2>&1 || missing+=(taskwarrior)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Missing Debian packages: ${missing[*]}. Install them with: sudo apt-get install ${missing[*]}" >&2
fi
