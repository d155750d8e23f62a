#!/usr/bin/env bash
# Provisioning behind the Makefile: the venv, PostgreSQL, and the Debian packages the tools need.
#
#   scripts/provision.sh [STEP...]          no STEP means: venv db
#     venv       create .venv, install the runtime pins of pyproject.toml
#     venv-dev   the same plus the test/lint pins
#     db         find or provision PostgreSQL, create the project's database when missing
#     gettext    Debian's gettext when msgfmt is missing (makemessages, compilemessages)
#     chromium   Debian's chromium when /usr/bin/chromium is missing (browser tests)
#     espeak     Debian's espeak-ng when it is missing (the Vietnamese audio captcha)
#     nginx      Debian's nginx-light when nginx is missing (tests/deploy checks the site with nginx -t),
#                and its Lua module (libnginx-mod-http-lua) when missing
#     wrk        Debian's wrk when it is missing (the load generator of `make bench`)
#     java       Debian's default-jre-headless when java is missing (the Nu HTML Checker runs on it)
#     vnu        the Nu HTML Checker (npm's vnu-jar, pinned below) in var/node/vnu, when missing
#                (tests/portal/test_html_valid.py); Debian's npm first when npm is missing
#     lighthouse Lighthouse (npm, pinned below) in var/node/lighthouse, when missing (`make audit`);
#                it drives Debian's chromium: no browser is downloaded
#     redis      a Redis answering on 127.0.0.1:6379 (tests of the Redis settings, `make bench`): Debian's
#                redis-server installed when missing, started without persistence when not running
#
# Each step says on stdout what it found or did, and is idempotent: a second run installs nothing.
# Debian packages are installed only as root; otherwise the command to run is printed and we exit 1.
# Testing hooks: PYTHON (interpreter for the venv, default python3); PROVISION_DEFAULT_URL replaces
# the default database URL, e.g. another port to exercise the "nothing answers" branches.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON=${PYTHON:-python3}
VENV=.venv
VENV_PY=$VENV/bin/python

say() { printf '%s\n' "$*"; }
die() {
  printf '%s\n' "$*" >&2
  exit 1
}

# --- Debian packages ---------------------------------------------------------------------------

apt_updated=
# apt_install WHY PACKAGE...: WHY explains, when not root, why the printed command is needed.
apt_install() {
  local why=$1
  shift
  if [[ $EUID -ne 0 ]]; then
    die "$why. Run this one command, then try again:
  sudo apt-get install -y $*"
  fi
  command -v apt-get >/dev/null || die "$why, and this is no Debian system: install $* yourself."
  if [[ -z $apt_updated ]]; then
    apt-get update -q # a fresh machine or image has empty or stale package lists
    apt_updated=1
  fi
  # A UTF-8 locale, because postgresql's postinst creates its cluster with the caller's locale, and
  # an unset one (usual in containers) gives SQL_ASCII, which breaks Vietnamese text.
  LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"
}

# debian_tool LABEL PROGRAM PACKAGE WHY: Debian's PACKAGE when PROGRAM (a name on PATH, or a path) is missing.
debian_tool() {
  local label=$1 program=$2 package=$3 why=$4
  if command -v "$program" >/dev/null; then
    say "$label: $program is present"
    return
  fi
  apt_install "$label: $program is missing ($why)" "$package"
  say "$label: installed Debian's $package"
}

step_gettext() { debian_tool gettext msgfmt gettext "compilemessages needs it"; }
# The browser tests drive Debian's chromium, not a browser downloaded by Playwright.
step_chromium() { debian_tool Chromium /usr/bin/chromium chromium "the browser tests need it"; }
# The feedback form reads its captcha aloud in Vietnamese; without espeak-ng it shows no audio link.
step_espeak() { debian_tool espeak-ng espeak-ng espeak-ng "the audio captcha of the feedback form needs it"; }
# tests/deploy renders the nginx site and runs `nginx -t` and a real nginx over it.
step_nginx() {
  debian_tool nginx /usr/sbin/nginx nginx-light "the test of deploy/nginx/cong.conf runs it"
  # The site counts the pages it answers from its cache in Lua (deploy/nginx/cong_edge.lua).
  if [[ -e /usr/lib/nginx/modules/ngx_http_lua_module.so ]]; then
    say "nginx: Debian's Lua module is present"
  else
    apt_install "nginx: the Lua module is missing (deploy/nginx/cong.conf counts cached pages with it)" \
      libnginx-mod-http-lua
    say "nginx: installed Debian's libnginx-mod-http-lua"
  fi
}
step_wrk() { debian_tool wrk wrk wrk "make bench drives the load with it"; }
step_java() { debian_tool Java java default-jre-headless "the Nu HTML Checker (vnu.jar) runs on it"; }

# Outside checkers from npm, each in its own project-local directory (var/ is not in git), at the
# version pinned here; a second run finds it and installs nothing.
VNU_VERSION=26.9.27
LIGHTHOUSE_VERSION=13.5.0

# npm_tool PACKAGE VERSION WHY: npm's PACKAGE@VERSION in var/node/PACKAGE-without-suffix.
npm_tool() {
  local package=$1 version=$2 why=$3 prefix found
  prefix=var/node/${package%-jar}
  found=$(node -p "require('./$prefix/node_modules/$package/package.json').version" 2>/dev/null || true)
  if [[ $found == "$version" ]]; then
    say "$package: $version is installed in $prefix"
    return
  fi
  debian_tool npm npm npm "$why"
  # --ignore-scripts: vnu-jar's and Lighthouse's packages need no install script (no browser download).
  npm install --prefix "$prefix" --no-audit --no-fund --ignore-scripts --loglevel=error "$package@$version" >/dev/null
  say "$package: installed $version in $prefix"
}

step_vnu() { npm_tool vnu-jar "$VNU_VERSION" "the Nu HTML Checker comes from npm"; }
step_lighthouse() { npm_tool lighthouse "$LIGHTHOUSE_VERSION" "Lighthouse comes from npm"; }

redis_answers() { timeout 3 bash -c 'exec 3<>/dev/tcp/127.0.0.1/6379 && printf "PING\r\n" >&3 && read -r line <&3 && [[ $line == "+PONG"* ]]' 2>/dev/null; }

step_redis() {
  if redis_answers; then
    say "redis: answering on 127.0.0.1:6379"
    return
  fi
  if ! command -v redis-server >/dev/null; then
    apt_install "redis: nothing answers on 127.0.0.1:6379 and redis-server is missing" redis-server
    say "redis: installed Debian's redis-server"
  fi
  redis_answers && { say "redis: started by its package"; return; }
  # Counters and sessions are flushed to PostgreSQL or re-created: no persistence needed for tests.
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
  for _ in 1 2 3 4 5 6 7 8 9 10; do redis_answers && break; sleep 0.5; done
  redis_answers || die "redis: started redis-server, but nothing answers on 127.0.0.1:6379"
  say "redis: started redis-server on 127.0.0.1:6379 (no persistence)"
}

# --- venv --------------------------------------------------------------------------------------

venv_works() { [[ -x $VENV_PY ]] && "$VENV_PY" -c '' 2>/dev/null; }

create_venv() {
  venv_works && return
  if ! command -v "$PYTHON" >/dev/null; then
    apt_install "venv: $PYTHON is missing" python3 python3-venv
  fi
  # pyproject.toml says requires-python >=3.11,<3.12 (Debian 12's python3 is 3.11).
  "$PYTHON" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' ||
    die "venv: $PYTHON is $("$PYTHON" --version 2>&1), the project needs Python 3.11: run again with PYTHON=python3.11"
  rm -rf "$VENV" # a half-made venv, or one whose interpreter is gone
  if ! "$PYTHON" -m venv "$VENV" 2>/dev/null; then
    # Debian's python3 comes without ensurepip; python3-venv provides it.
    rm -rf "$VENV"
    apt_install "venv: '$PYTHON -m venv' fails without Debian's python3-venv" python3-venv
    "$PYTHON" -m venv "$VENV"
  fi
  say "venv: created $VENV with $("$VENV_PY" --version)"
}

# install_pins runtime|dev: the Makefile runs this only when the stamp is older than
# pyproject.toml; the same check here keeps a direct call of this script fast.
install_pins() {
  local kind=$1 stamp=$VENV/.installed extras=() requirements
  if [[ $kind == dev ]]; then
    stamp=$VENV/.installed-dev
    extras=(dev)
  fi
  if [[ $stamp -nt pyproject.toml ]] && venv_works; then
    say "venv: the $kind pins are installed and pyproject.toml has not changed"
    return
  fi
  create_venv
  # Captured first: a failure inside <(...) would go unnoticed and pip would install nothing.
  requirements=$("$VENV_PY" scripts/pip_requirements.py "${extras[@]}")
  say "venv: installing the $kind pins of pyproject.toml into $VENV"
  "$VENV_PY" -m pip install --quiet --disable-pip-version-check -r <(printf '%s\n' "$requirements")
  # The dev pins include the runtime ones, so both stamps are fresh now.
  touch "$VENV/.installed" "$stamp"
  say "venv: $(wc -l <<<"$requirements") pinned packages installed"
}

# --- PostgreSQL --------------------------------------------------------------------------------

# answers HOST PORT: does a server accept connections there? HOST may be empty or a socket dir.
answers() {
  local host=$1 port=$2
  if command -v pg_isready >/dev/null; then
    pg_isready -q -t 3 ${host:+-h "$host"} -p "$port"
  elif [[ -z $host || $host == /* ]]; then
    [[ -S ${host:-/var/run/postgresql}/.s.PGSQL.$port ]]
  else
    # No client tools on a fresh machine: a bare TCP connect is the next best probe.
    # shellcheck disable=SC2016 # $0 and $1 expand in the child bash
    timeout 3 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$host" "$port" 2>/dev/null
  fi
}

is_local() { [[ -z $1 || $1 == 127.0.0.1 || $1 == localhost || $1 == ::1 || $1 == /* ]]; }

# debian_cluster_on_port PORT: prints "VERSION NAME STATUS" of the local cluster using PORT, if any.
debian_cluster_on_port() {
  command -v pg_lsclusters >/dev/null || return 0
  pg_lsclusters --no-header 2>/dev/null | awk -v port="$1" '$3 == port { print $1, $2, $4; exit }'
}

# The server itself, not just postgresql-client-common (which also ships pg_lsclusters).
debian_server_installed() {
  command -v pg_createcluster >/dev/null && compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null
}

need_root_for() { # need_root_for WHY COMMAND...
  local why=$1
  shift
  [[ $EUID -eq 0 ]] || die "$why. Run this one command, then try again:
  sudo $*"
}

# start_local_server SOURCE HOST PORT: nothing answers on this machine's PORT. Start the stopped
# cluster that uses it; for the default URL also install Debian's server or create a cluster.
start_local_server() {
  local source=$1 host=$2 port=$3 cluster version name status installed='' created=''
  cluster=$(debian_cluster_on_port "$port")
  if [[ -z $cluster ]]; then
    [[ $source == default ]] ||
      die "PostgreSQL: nothing answers on ${host:-the local socket}:$port, where DATABASE_URL (from $source) points, and no local cluster uses that port."
    if ! debian_server_installed; then
      apt_install "PostgreSQL: nothing answers on ${host:-the local socket}:$port and no server is installed" postgresql
      installed="installed Debian's postgresql"
    fi
    cluster=$(debian_cluster_on_port "$port") # the package creates 15/main on 5432 by itself
    if [[ -z $cluster ]]; then
      version=$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -V | tail -n1)
      for name in main cong "cong-$port"; do
        [[ -e /etc/postgresql/$version/$name ]] || break
      done
      need_root_for "PostgreSQL: no cluster uses port $port" \
        pg_createcluster --start --locale C.UTF-8 --port "$port" "$version" "$name"
      pg_createcluster --locale C.UTF-8 --port "$port" "$version" "$name" >/dev/null
      cluster="$version $name down"
      created=yes
    fi
  fi
  read -r version name status <<<"$cluster"
  if [[ $status != online* ]]; then
    # Not `service`/systemctl: containers and CI have no systemd. pg_ctlcluster run as root
    # switches to the cluster's owner itself (postgres refuses to run as root).
    [[ $(id -un) == postgres ]] ||
      need_root_for "PostgreSQL: cluster $version/$name is stopped" pg_ctlcluster "$version" "$name" start
    pg_ctlcluster --skip-systemctl-redirect "$version" "$name" start
  fi
  for _ in {1..40}; do
    answers "$host" "$port" && break
    sleep 0.25
  done
  answers "$host" "$port" || die "PostgreSQL: cluster $version/$name started, yet nothing answers on ${host:-the local socket}:$port; see /var/log/postgresql/postgresql-$version-$name.log"
  if [[ -n $created ]]; then
    say "PostgreSQL: ${installed:+$installed, }created and started cluster $version/$name on port $port"
  elif [[ -n $installed ]]; then
    say "PostgreSQL: $installed and started cluster $version/$name"
  else
    say "PostgreSQL: started the stopped cluster $version/$name (port $port)"
  fi
}

# create_role PORT DBNAME: a Debian cluster only lets TCP logins in with a password (scram), so
# the passwordless default URL cannot work there. Make role DBNAME with a generated password and
# CREATEDB (pytest-django creates test_DBNAME), give it the database, and record the URL in .env,
# which Django reads too.
create_role() {
  local port=$1 db=$2 role=$2 password found line
  if [[ -f .env ]] && grep -Eq '^[[:space:]]*(export[[:space:]]+)?DATABASE_URL=' .env; then
    die "PostgreSQL: .env has an empty DATABASE_URL line; put the URL of a role with a password there."
  fi
  local fix="put DATABASE_URL=postgres://USER:PASSWORD@127.0.0.1:$port/$db in .env"
  [[ $EUID -eq 0 ]] ||
    die "PostgreSQL: 127.0.0.1:$port wants a password. Run this as root to get role $role made for you, or $fix."
  if ! id postgres >/dev/null 2>&1 || ! command -v psql >/dev/null; then
    die "PostgreSQL: 127.0.0.1:$port wants a password and is no Debian cluster: $fix."
  fi
  password=$("$VENV_PY" -c 'import secrets; print(secrets.token_hex(16))')
  # Peer authentication over the Unix socket: the postgres OS user is the superuser.
  found=$(cd / && runuser -u postgres -- psql -X -Atq -p "$port" -d postgres -c \
    "SELECT format('%s%s', (SELECT count(*) FROM pg_roles WHERE rolname = '$role'),
                           (SELECT count(*) FROM pg_database WHERE datname = '$db'))")
  # Through stdin, so the password never shows up in `ps`.
  (cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$port" -d postgres) <<SQL
DO \$\$BEGIN
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = '$role') THEN
    ALTER ROLE "$role" LOGIN CREATEDB PASSWORD '$password';
  ELSE
    CREATE ROLE "$role" LOGIN CREATEDB PASSWORD '$password';
  END IF;
END\$\$;
SELECT format('CREATE DATABASE %I OWNER %I', '$db', '$role')
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$db')\gexec
ALTER DATABASE "$db" OWNER TO "$role";
SQL
  if [[ ${found:0:1} == 1 ]]; then
    say "PostgreSQL: gave the existing role $role a new generated password and CREATEDB"
  else
    say "PostgreSQL: created role $role with a generated password and CREATEDB"
  fi
  if [[ ${found:1:1} == 1 ]]; then
    say "PostgreSQL: database $db exists; made $role its owner"
  else
    say "PostgreSQL: created database $db owned by $role"
  fi
  line="DATABASE_URL=postgres://$role:$password@127.0.0.1:$port/$db"
  if [[ -s .env ]]; then
    [[ -z $(tail -c1 .env) ]] || echo >>.env # the last line lacked its newline
    echo "$line" >>.env
    say "PostgreSQL: appended DATABASE_URL=postgres://$role:***@127.0.0.1:$port/$db to .env"
  else
    (umask 077 && echo "$line" >.env)
    say "PostgreSQL: wrote DATABASE_URL=postgres://$role:***@127.0.0.1:$port/$db to a new .env"
  fi
  NEW_URL=${line#DATABASE_URL=}
}

step_db() {
  local resolved source host port db url rc=0
  venv_works || die "PostgreSQL: $VENV is missing; run 'make install' first."
  # Same resolution as portal.settings: environment, then .env, then the default.
  resolved=$("$VENV_PY" scripts/pg_database.py resolve)
  IFS=$'\x1f' read -r source host port db url <<<"${resolved//$'\t'/$'\x1f'}"
  case $source in
  "the environment" | .env) say "PostgreSQL: using DATABASE_URL from $source" ;;
  *) say "PostgreSQL: no DATABASE_URL in the environment or .env; trying the default $url" ;;
  esac
  if answers "$host" "$port"; then
    say "PostgreSQL: a server answers on ${host:-the local socket}:$port"
  elif is_local "$host"; then
    start_local_server "$source" "$host" "$port"
  else
    die "PostgreSQL: nothing answers on $host:$port, where DATABASE_URL (from $source) points."
  fi
  "$VENV_PY" scripts/pg_database.py ensure "$url" || rc=$?
  if ((rc == 3)) && [[ $source == default ]] && is_local "$host"; then
    create_role "$port" "$db"
    "$VENV_PY" scripts/pg_database.py ensure "$NEW_URL"
  elif ((rc == 3)); then
    die "PostgreSQL: fix the user or password in DATABASE_URL (from $source)."
  elif ((rc != 0)); then
    exit "$rc"
  fi
}

# -----------------------------------------------------------------------------------------------

(($#)) || set -- venv db
for step in "$@"; do
  case $step in
  venv) install_pins runtime ;;
  venv-dev) install_pins dev ;;
  db) step_db ;;
  gettext) step_gettext ;;
  chromium) step_chromium ;;
  espeak) step_espeak ;;
  nginx) step_nginx ;;
  wrk) step_wrk ;;
  java) step_java ;;
  vnu) step_vnu ;;
  lighthouse) step_lighthouse ;;
  redis) step_redis ;;
  *) die "usage: $0 [venv|venv-dev|db|gettext|chromium|espeak|nginx|wrk|redis|java|vnu|lighthouse]..." ;;
  esac
done
