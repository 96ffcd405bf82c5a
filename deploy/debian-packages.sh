# Sourced by ./test, bench/run and deploy/local-cluster: what each needs from Debian, installed on a
# fresh machine by the same means.

# need <program or path> <Debian package> <what needs it>
# Installs the package when the program is missing and we may (root with apt-get); otherwise says which
# package is missing and returns 1.
need() {
  { command -v "$1" >/dev/null || [ -x "$1" ]; } && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing $2 for $3..."
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null 2>&1 \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }
  else
    echo "No $1 found: $3 needs it. Install Debian's $2 (apt-get install $2)." >&2
    return 1
  fi
}

# The newest PostgreSQL server binary Debian installed, or a name that is not there.
postgres_binary() { ls -d /usr/lib/postgresql/*/bin/postgres 2>/dev/null | sort -V | tail -1 || true; }
