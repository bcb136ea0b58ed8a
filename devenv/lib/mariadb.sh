# shellcheck shell=bash
# MariaDB for the dev cloud's services that cannot use SQLite (Neutron's migrations target MySQL/MariaDB only;
# Magnum's too). Debian's mariadb-server, run by berth-dev as a child process on 127.0.0.1 with its own datadir,
# socket and port under $BERTH_DEV_STATE/mariadb; never the system service. Sourced after common.sh.
#
#   mariadb_install                   the Debian packages, without letting them start the system service
#   mariadb_start SERVICE             initialise the datadir once, start (recorded as SERVICE), wait until it answers
#   mariadb_ensure_db DB USER SECRET  database DB and user USER (password: secret SECRET), idempotent
#   mariadb_url DB USER SECRET        the SQLAlchemy URL of that database (it holds the password: config files only)
#
# root logs in through the socket only (unix_socket authentication: the OS user root, no password); the services'
# users log in over TCP on 127.0.0.1 with a password that reaches the server on stdin, never on a command line.

MARIADB_PORT=${BERTH_DEV_PORT_MARIADB:-13306}
MARIADB_DIR=$BERTH_DEV_STATE/mariadb
MARIADB_DATA=$MARIADB_DIR/data
MARIADB_SOCK=$MARIADB_DIR/mariadbd.sock

mariadb_install() {
  # mariadb-server's maintainer scripts start the system service where they may: policy-rc.d forbids it for the
  # time of the install (as for RabbitMQ); a service that got started anyway is stopped again.
  local p missing=()
  for p in mariadb-server mariadb-client; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  apt_install_without_daemons "${missing[@]}"
  local pidf=/run/mysqld/mysqld.pid
  if [ -s "$pidf" ] && kill -0 "$(cat "$pidf")" 2>/dev/null; then
    say "stopping the MariaDB that Debian's package started (pid $(cat "$pidf")); berth-dev runs its own"
    if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
      systemctl stop mariadb || true
    else
      invoke-rc.d mariadb stop || service mariadb stop || true
    fi
  fi
}

# The server's option file: everything on the command line of mariadbd comes from here (--no-defaults for the
# rest: /etc/mysql is the system service's).
_mariadb_write_cnf() {
  mkdir -p "$MARIADB_DIR/tmp"
  chmod 700 "$MARIADB_DIR"
  cat >"$MARIADB_DIR/my.cnf" <<EOF
# written by devenv/lib/mariadb.sh
[mariadbd]
datadir = $MARIADB_DATA
socket = $MARIADB_SOCK
port = $MARIADB_PORT
bind-address = $BERTH_DEV_HOST
user = root
pid-file = $MARIADB_DIR/mariadbd.pid
tmpdir = $MARIADB_DIR/tmp
skip-log-bin
skip-name-resolve
character-set-server = utf8mb3
collation-server = utf8mb3_general_ci
# small and fast: a dev database whose loss costs a reset
innodb_buffer_pool_size = 64M
innodb_log_file_size = 32M
innodb_flush_log_at_trx_commit = 2
performance_schema = OFF
max_connections = 300
EOF
}

# mariadb_start SERVICE: start the server as the recorded service SERVICE (e.g. openstack-mariadb).
mariadb_start() {
  local svc=$1
  if ! svc_alive "$svc" && port_open "$MARIADB_PORT"; then
    die "port $MARIADB_PORT ($svc) is already in use by a process berth-dev did not start; stop it or set BERTH_DEV_PORT_MARIADB"
  fi
  _mariadb_write_cnf
  if [ ! -f "$MARIADB_DIR/initialized" ]; then
    say "mariadb: new datadir $MARIADB_DATA (once)"
    rm -rf "$MARIADB_DATA"
    mariadb-install-db --no-defaults --datadir="$MARIADB_DATA" --user=root --skip-test-db \
      --auth-root-authentication-method=socket >>"$LOG_DIR/$svc.log" 2>&1 ||
      svc_fail "$svc" "mariadb-install-db failed"
    touch "$MARIADB_DIR/initialized"
  fi
  svc_start "$svc" mariadbd --defaults-file="$MARIADB_DIR/my.cnf"
}

# mariadb_wait SERVICE: until the server answers on its socket and its port.
mariadb_wait() {
  svc_wait "$1" 60 _mariadb_ready
}
_mariadb_ready() {
  mariadb-admin --no-defaults --socket="$MARIADB_SOCK" --user=root --connect-timeout=2 ping && port_open "$MARIADB_PORT"
}

# SQL from stdin as root, through the socket.
mariadb_sql() {
  mariadb --no-defaults --socket="$MARIADB_SOCK" --user=root --batch --skip-column-names "$@"
}

# mariadb_ensure_db DB USER SECRET: the database and its user, who may do anything in it and nothing else.
# Also re-applies the password, so that a user whose secret file was recreated logs in again.
mariadb_ensure_db() {
  local db=$1 user=$2 pw
  pw=$(secret "$3")
  mariadb_sql <<EOF
CREATE DATABASE IF NOT EXISTS \`$db\` CHARACTER SET utf8mb3 COLLATE utf8mb3_general_ci;
CREATE USER IF NOT EXISTS '$user'@'$BERTH_DEV_HOST';
ALTER USER '$user'@'$BERTH_DEV_HOST' IDENTIFIED BY '$pw';
GRANT ALL PRIVILEGES ON \`$db\`.* TO '$user'@'$BERTH_DEV_HOST';
EOF
}

mariadb_url() {
  echo "mysql+pymysql://$2:$(secret "$3")@$BERTH_DEV_HOST:$MARIADB_PORT/$1?charset=utf8"
}
