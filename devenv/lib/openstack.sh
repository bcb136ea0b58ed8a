# shellcheck shell=bash
# The OpenStack part of the dev environment: real Keystone, Glance, Placement, Nova (fake virt driver), Neutron
# (API only, ML2 with the agentless binding driver of py/berth_neutron.py, MariaDB), RabbitMQ and, with --heat,
# Heat, all on 127.0.0.1. Sourced by devenv/berth-dev after common.sh and mariadb.sh. Everything generated lives
# in $BERTH_DEV_STATE/openstack (configs, SQLite databases, the Glance store, fernet keys, clouds.yaml/openrc
# files) and $BERTH_DEV_STATE/mariadb (Neutron's database, and Heat's in 2024.1); logs are $LOG_DIR/openstack-*.log.
#
# A second region, RegionTwo, has only an image service: a second Glance (openstack-glance2, its own database
# and stores under $OS_STATE/glance2) that refuses the classic upload (`PUT /v2/images/{id}/file`) by policy and
# takes images through the interoperable import only (glance-direct; copy-image between its two stores), as
# clouds that keep uploads off their API nodes do. Everything else is RegionOne's.
#
# One-time work (DB syncs, keystone bootstrap, identities, flavors, host discovery, the seed networks) is guarded
# by marker files in $OS_STATE/done, so a second `up` after `down` only starts processes, and `up` while up is a
# quick no-op.

OS_STATE=$BERTH_DEV_STATE/openstack
OS_ETC=$OS_STATE/etc
OS_DONE=$OS_STATE/done
OS_PY=$BERTH_DEV_VENV/bin/python
OS_BIN=$BERTH_DEV_VENV/bin

# Ports (the usual ones unless overridden).
OS_PORT_KEYSTONE=${BERTH_DEV_PORT_KEYSTONE:-5000}
# Keystone behind TLS with the environment's CA (a TLS front on this port relays to the real Keystone).
OS_PORT_KEYSTONE_TLS=${BERTH_DEV_PORT_KEYSTONE_TLS:-5443}
OS_PORT_GLANCE=${BERTH_DEV_PORT_GLANCE:-9292}
OS_PORT_GLANCE2=${BERTH_DEV_PORT_GLANCE2:-9293}   # RegionTwo's Glance
OS_PORT_PLACEMENT=${BERTH_DEV_PORT_PLACEMENT:-8778}
OS_PORT_NOVA=${BERTH_DEV_PORT_NOVA:-8774}
OS_PORT_NETWORK=${BERTH_DEV_PORT_NETWORK:-9696}     # neutron
# MariaDB: BERTH_DEV_PORT_MARIADB (13306, see mariadb.sh), beside a system MySQL's 3306
OS_PORT_HEAT=${BERTH_DEV_PORT_HEAT:-8004}
OS_PORT_RABBIT=${BERTH_DEV_PORT_RABBIT:-5672}
OS_PORT_RABBIT_DIST=${BERTH_DEV_PORT_RABBIT_DIST:-25672}
OS_PORT_EPMD=${BERTH_DEV_PORT_EPMD:-4369}

OS_REGION=RegionOne
OS_REGION2=RegionTwo
# RegionTwo's Glance stores (enabled_backends), the default first; each is a directory $OS_STATE/glance2/NAME.
OS_GLANCE2_STORES=(fast cheap)
OS_COMPUTE_HOST=berth-dev            # nova's [DEFAULT] host: stable across machine renames
OS_KEYSTONE_URL=http://$BERTH_DEV_HOST:$OS_PORT_KEYSTONE
OS_AUTH_URL=$OS_KEYSTONE_URL/v3
OS_NOVA_URL=http://$BERTH_DEV_HOST:$OS_PORT_NOVA/v2.1
OS_NETWORK_URL=http://$BERTH_DEV_HOST:$OS_PORT_NETWORK
OS_TRANSPORT_URL=rabbit://guest:guest@$BERTH_DEV_HOST:$OS_PORT_RABBIT/
# Glance answers nothing else while a sync worker streams an upload: four workers let parallel syncs
# (`image sync -j N`) and the API calls around an upload go on.
OS_WORKERS_glance=4
# Nova asks Neutron on every server show, list and delete: two workers keep a slow call from queueing the rest.
OS_WORKERS_neutron=2
# RegionTwo's Glance: imports run in a thread of the worker that accepted them, so one more worker keeps the
# API answering (image show, polling) while another streams a stage.
OS_WORKERS_glance2=2

OS_SERVICE_USERS=(glance placement nova neutron heat magnum)

# Neutron: what an API without agents can offer (router: L3 in the database only, no traffic).
OS_NEUTRON_SERVICE_PLUGINS=router,qos,trunk
OS_NEUTRON_ML2_EXTENSIONS=port_security,qos,dns
OS_NEUTRON_PHYSNET=public           # the flat provider network behind the external network `public`

# ---------------------------------------------------------------------------------------------------- releases
# How the releases (BERTH_DEV_RELEASE, lib/common.sh) differ in running the services. The configs below say
# where an option or a policy differs.

# The WSGI app of SERVICE for py/berth_wsgi.py: a module with an `application` (2025.1 and later have
# `<service>.wsgi.*` modules), or in 2024.1 the factory its pbr-generated `*-wsgi-*` script calls.
_os_wsgi() {
  case $BERTH_DEV_RELEASE:$1 in
    2024.1:keystone) echo keystone.server.wsgi:initialize_public_application ;;
    2024.1:glance) echo glance.common.wsgi_app:init_app ;;
    2024.1:placement) echo placement.wsgi:init_application ;;
    2024.1:nova) echo nova.api.openstack.compute.wsgi:init_application ;;
    2024.1:neutron) echo neutron.cmd.eventlet.server:main_api_eventlet ;;
    2024.1:heat) echo heat.httpd.heat_api:init_application ;;
    *:keystone) echo keystone.wsgi.api ;;
    *:glance) echo glance.wsgi.api ;;
    *:placement) echo placement.wsgi.api ;;
    *:nova) echo nova.wsgi.osapi_compute ;;
    *:neutron) echo neutron.wsgi.api ;;
    *:heat) echo heat.wsgi.api ;;
    *) die "no WSGI app for $1" ;;
  esac
}

# The SQLite wrapper (py/sqlite_immediate.py: every transaction BEGIN IMMEDIATE) for the WSGI service NAME, or
# nothing. It is there for databases that several processes write; Keystone's has one writer (one worker), and
# Keystone 25 (2024.1) leaves a read transaction open for the life of its connection (the service-provider query
# that get_enabled_service_providers returns unevaluated, run after its session closed): made IMMEDIATE, that
# read holds the write lock, and the next write of the same process waits the busy timeout and fails with
# "database is locked" (the first token already). So 2024.1's Keystone runs without it.
_os_sqlite_wrap() {
  case $BERTH_DEV_RELEASE:$1 in
    2024.1:keystone) ;;
    *) echo "$DEVENV_DIR/py/sqlite_immediate.py" ;;
  esac
}

# The name of an option that a release calls otherwise (KEY: what it is).
_os_opt() {
  case $BERTH_DEV_RELEASE:$1 in
    # [ml2]: `tenant_network_types` until Neutron 2025.x renamed it `project_network_types`.
    2024.1:neutron-project-network-types) echo tenant_network_types ;;
    *:neutron-project-network-types) echo project_network_types ;;
    *) die "_os_opt: unknown option $1" ;;
  esac
}

# Heat's database: SQLite, but MariaDB in 2024.1. Heat 22's engine runs a stack's resources in greenthreads that
# each hold a transaction; on SQLite (every transaction BEGIN IMMEDIATE, py/sqlite_immediate.py) one greenthread
# waits for the write lock in C, which blocks the whole process and with it the greenthread holding the lock:
# after the 60 s busy timeout the stack fails with "database is locked" (and heat-api's RPC call times out).
_os_heat_on_mariadb() { [ "$BERTH_DEV_RELEASE" = 2024.1 ]; }
_os_heat_db_url() {
  if _os_heat_on_mariadb; then mariadb_url heat heat os-heat-db; else _os_sqlite_url heat; fi
}

# gunicorn's options that not every release's gunicorn has: 2024.1's (21.2, its upper-constraints pin) has no
# control socket, so no --no-control-socket (which gunicorn 27 needs, or it opens ~/.gunicorn/gunicorn.ctl).
_os_gunicorn_opts() {
  case $BERTH_DEV_RELEASE in
    2024.1) ;;
    *) echo --no-control-socket ;;
  esac
}

# ---------------------------------------------------------------------------------------------------- install

openstack_install() {
  if ! dpkg-query -W -f='${Status}' rabbitmq-server 2>/dev/null | grep -q "install ok installed"; then
    _os_apt_without_daemons rabbitmq-server
  fi
  mariadb_install
  # gcc + libc6-dev: two sdists of the venv; python3-venv: `python3 -m venv` with Debian's python.
  apt_install gcc libc6-dev curl procps python3-venv openssl
  # zsh, fish: berth's completion tests (tests/it/terminal.rs) type Tab in each shell berth completes for.
  apt_install zsh fish
  venv_install
  # lib/magnum.sh: Magnum's own venv, for the newest release only (an older one runs without Magnum)
  [ "$BERTH_DEV_RELEASE" != "${BERTH_DEV_RELEASES[0]}" ] || magnum_install
  heat_docker_install   # lib/heat_docker.sh: Heat's Docker plugin comes from the openstack-heat sdist
}

# RabbitMQ's package must not leave a system RabbitMQ running (apt_install_without_daemons); if one got started
# anyway (a machine whose policy allows it), stop exactly that one through its init script.
_os_apt_without_daemons() {
  apt_install_without_daemons "$@"
  local pidf=/var/run/rabbitmq/pid
  if [ -s "$pidf" ] && kill -0 "$(cat "$pidf")" 2>/dev/null; then
    say "stopping the RabbitMQ that Debian's package started (pid $(cat "$pidf")); berth-dev runs its own"
    if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
      systemctl stop rabbitmq-server || true
    else
      invoke-rc.d rabbitmq-server stop || service rabbitmq-server stop || true
    fi
    # Debian's script started epmd as a daemon of user rabbitmq (created by this install) on the default port.
    if [ "$OS_PORT_EPMD" = 4369 ] && [ ! -f "$RUN_DIR/openstack-epmd.pid" ]; then
      runuser -u rabbitmq -- epmd -kill >/dev/null 2>&1 || true
    fi
  fi
}

# ---------------------------------------------------------------------------------------------------- up

openstack_up() {
  # Heat stays as the last `up` left it unless --heat / --no-heat (BERTH_DEV_HEAT) says otherwise: a plain `up`
  # (a demo, a benchmark) must not take Heat away from a running environment.
  local heat=${BERTH_DEV_HEAT:-$(cat "$OS_STATE/heat-enabled" 2>/dev/null || echo 0)}
  # Magnum likewise (--magnum / --no-magnum, BERTH_DEV_MAGNUM); its clusters are Heat stacks, so it brings Heat.
  local magnum=${BERTH_DEV_MAGNUM:-$(cat "$OS_STATE/magnum-enabled" 2>/dev/null || echo 0)}
  [ "$magnum" = 1 ] && heat=1
  # Magnum's venv is made for the newest release's services (lib/magnum.sh); 2024.1 runs without it.
  [ "$magnum" = 0 ] || [ "$BERTH_DEV_RELEASE" = "${BERTH_DEV_RELEASES[0]}" ] ||
    die "Magnum is not part of release $BERTH_DEV_RELEASE's dev cloud; hint: \`--no-magnum\` (or BERTH_DEV_MAGNUM=0)"
  export BERTH_DEV_HEAT=$heat BERTH_DEV_MAGNUM=$magnum
  [ -x "$OS_PY" ] || die "the venv is missing: run \`devenv/berth-dev install openstack\`"
  mkdir -p "$OS_STATE" "$OS_DONE" "$OS_STATE/db" "$OS_STATE/rabbitmq/home" "$OS_STATE/nova/instances" \
    "$OS_STATE/lock" "$OS_STATE/glance/images" "$OS_STATE/glance/staging" "$OS_STATE/glance/tasks" \
    "$OS_STATE/neutron" "$OS_STATE/glance2/staging" "$OS_STATE/glance2/tasks"
  local st
  for st in "${OS_GLANCE2_STORES[@]}"; do mkdir -p "$OS_STATE/glance2/$st"; done
  chmod 700 "$OS_STATE"
  echo "$heat" >"$OS_STATE/heat-enabled"
  echo "$magnum" >"$OS_STATE/magnum-enabled"
  ensure_dirs

  # Processes that are not running must find their ports free (else a stranger would answer our checks).
  _os_check_port openstack-epmd "$OS_PORT_EPMD" EPMD
  _os_check_port openstack-rabbitmq "$OS_PORT_RABBIT" RABBIT
  _os_check_port openstack-keystone "$OS_PORT_KEYSTONE" KEYSTONE
  _os_check_port openstack-keystone-tls "$OS_PORT_KEYSTONE_TLS" KEYSTONE_TLS
  _os_check_port openstack-glance "$OS_PORT_GLANCE" GLANCE
  _os_check_port openstack-glance2 "$OS_PORT_GLANCE2" GLANCE2
  _os_check_port openstack-placement "$OS_PORT_PLACEMENT" PLACEMENT
  _os_check_port openstack-nova-api "$OS_PORT_NOVA" NOVA
  _os_stop_netstub
  _os_check_port openstack-neutron "$OS_PORT_NETWORK" NETWORK
  [ "$heat" = 1 ] && _os_check_port openstack-heat-api "$OS_PORT_HEAT" HEAT
  if [ "$magnum" = 1 ]; then
    _os_check_port openstack-magnum-api "$OS_PORT_MAGNUM" MAGNUM
    _os_check_port openstack-etcd-discovery "$OS_PORT_ETCD_DISCOVERY" ETCD_DISCOVERY
  fi

  _os_write_configs
  _os_install_sqlite_pth
  _os_install_neutron_driver

  # RabbitMQ boots in the background while the databases are set up.
  svc_start openstack-epmd /usr/bin/epmd -port "$OS_PORT_EPMD" -address "$BERTH_DEV_HOST"
  svc_wait openstack-epmd 20 port_open "$OS_PORT_EPMD"
  _os_start_rabbitmq
  # A new MariaDB datadir holds no database yet: what was set up in an earlier one is to be done again.
  [ -f "$MARIADB_DIR/initialized" ] || rm -f "$OS_DONE/neutron-db" "$OS_DONE/network" "$OS_DONE/magnum-db"
  if _os_heat_on_mariadb && [ ! -f "$MARIADB_DIR/initialized" ]; then rm -f "$OS_DONE/heat-db"; fi
  mariadb_start openstack-mariadb

  # Databases: keystone in the foreground, the others in parallel in the background.
  local -a jobs=()
  _os_once glance-db _os_bg jobs glance-db _os_setup_glance_db
  _os_once glance2-db _os_bg jobs glance2-db _os_setup_glance2_db
  _os_once placement-db _os_bg jobs placement-db _os_setup_placement_db
  _os_once nova-db _os_bg jobs nova-db _os_setup_nova_db
  _os_once neutron-db _os_bg jobs neutron-db _os_setup_neutron_db
  if [ "$heat" = 1 ]; then _os_once heat-db _os_bg jobs heat-db _os_setup_heat_db; fi
  if [ "$magnum" = 1 ]; then _os_once magnum-db _os_bg jobs magnum-db magnum_setup_db; fi
  _os_once keystone-db _os_setup_keystone

  _os_gunicorn keystone "$OS_PORT_KEYSTONE" "$(_os_wsgi keystone)" keystone OS_KEYSTONE_CONFIG_DIR="$OS_ETC/keystone"
  svc_wait openstack-keystone 90 http_ok "$OS_KEYSTONE_URL/v3"
  dev_pki
  svc_start openstack-keystone-tls "$OS_PY" "$DEVENV_DIR/py/tlsproxy.py" "$BERTH_DEV_HOST:$OS_PORT_KEYSTONE_TLS" \
    "$BERTH_DEV_HOST:$OS_PORT_KEYSTONE" "$DEV_PKI/tls.pem" "$DEV_PKI/tls.key"
  svc_wait openstack-keystone-tls 20 http_ok --cacert "$DEV_PKI/ca.pem" "https://$BERTH_DEV_HOST:$OS_PORT_KEYSTONE_TLS/v3"
  _os_identity "$heat" "$magnum"
  _os_bg_wait ${jobs[@]+"${jobs[@]}"}

  mariadb_wait openstack-mariadb
  _os_gunicorn neutron "$OS_PORT_NETWORK" "$(_os_wsgi neutron)" \
    "neutron-api --config-file $OS_ETC/neutron/neutron.conf --config-file $OS_ETC/neutron/ml2_conf.ini"
  _os_gunicorn glance "$OS_PORT_GLANCE" "$(_os_wsgi glance)" glance-api OS_GLANCE_CONFIG_DIR="$OS_ETC/glance"
  _os_gunicorn glance2 "$OS_PORT_GLANCE2" "$(_os_wsgi glance)" glance-api OS_GLANCE_CONFIG_DIR="$OS_ETC/glance2"
  _os_gunicorn placement "$OS_PORT_PLACEMENT" "$(_os_wsgi placement)" placement-api \
    OS_PLACEMENT_CONFIG_DIR="$OS_ETC/placement"
  _os_gunicorn nova-api "$OS_PORT_NOVA" "$(_os_wsgi nova)" nova-api OS_NOVA_CONFIG_DIR="$OS_ETC/nova"

  svc_wait openstack-rabbitmq 90 port_open "$OS_PORT_RABBIT"
  local stamp fresh_nova=()
  stamp=$(date -u +%Y-%m-%dT%H:%M:%S)
  local b
  for b in conductor scheduler compute; do
    svc_alive "openstack-nova-$b" || fresh_nova+=("$b")
    _os_long_running "nova-$b" "$OS_BIN/nova-$b" --config-file "$OS_ETC/nova/nova.conf"
  done
  if [ "$heat" = 1 ]; then
    _os_gunicorn heat-api "$OS_PORT_HEAT" "$(_os_wsgi heat)" "heat-api --config-file $OS_ETC/heat/heat.conf"
    heat_docker_up   # lib/heat_docker.sh: DockerInc::Docker::Container into $HEAT_DOCKER_PLUGIN_DIR
    _os_long_running heat-engine "$OS_BIN/heat-engine" --config-file "$OS_ETC/heat/heat.conf"
  else
    _os_stop_heat
  fi

  svc_wait openstack-neutron 120 http_ok "$OS_NETWORK_URL/"
  svc_wait openstack-glance 90 http_ok "http://$BERTH_DEV_HOST:$OS_PORT_GLANCE/versions"
  svc_wait openstack-glance2 90 _os_glance2_ready
  svc_wait openstack-placement 90 http_ok "http://$BERTH_DEV_HOST:$OS_PORT_PLACEMENT/"
  svc_wait openstack-nova-api 90 http_ok "http://$BERTH_DEV_HOST:$OS_PORT_NOVA/"
  [ "$heat" = 1 ] && svc_wait openstack-heat-api 90 http_up "http://$BERTH_DEV_HOST:$OS_PORT_HEAT/"

  _os_compute_bootstrap
  _os_network_bootstrap

  # The nova services that were started now are ready once they have reported in after this start.
  for b in ${fresh_nova[@]+"${fresh_nova[@]}"}; do
    svc_wait "openstack-nova-$b" 120 _os_nova_reported "$stamp" "nova-$b"
  done
  if [ ! -f "$OS_DONE/hosts-discovered" ]; then
    _os_discover_hosts
    touch "$OS_DONE/hosts-discovered"
  fi
  [ "$heat" = 1 ] && svc_wait openstack-heat-engine 120 _os_heat_engine_up
  if [ "$magnum" = 1 ]; then magnum_up; else magnum_stop; fi

  _os_write_client_files "$heat"
}

# Fail unless PORT is free or served by our own running SERVICE.
_os_check_port() {
  local svc=$1 port=$2 var=$3
  svc_alive "$svc" && return 0
  if port_open "$port"; then
    die "port $port ($svc) is already in use by a process berth-dev did not start; stop it or set BERTH_DEV_PORT_$var"
  fi
}

# _os_once MARKER CMD...: run CMD unless $OS_DONE/MARKER exists (the command itself touches it when done).
# (Not `[ -f ] || CMD`: bash ignores set -e inside CMD there.)
_os_once() {
  local marker=$1; shift
  if [ ! -f "$OS_DONE/$marker" ]; then "$@"; fi
}

# _os_bg ARRAY NAME FUNC: run FUNC in the background (log $LOG_DIR/openstack-setup-NAME.log), touch the
# marker NAME when it succeeds, append the job's pid:name to ARRAY.
_os_bg() {
  local -n _arr=$1
  local name=$2 fn=$3 log=$LOG_DIR/openstack-setup-$2.log
  printf '\n==== %s %s\n' "$name" "$(date -u +%FT%TZ)" >>"$log"
  ( "$fn"; touch "$OS_DONE/$name" ) >>"$log" 2>&1 </dev/null &
  _arr+=("$!:$name")
}

_os_bg_wait() {
  local j pid name
  for j in "$@"; do
    pid=${j%%:*} name=${j#*:}
    if ! wait "$pid"; then
      say "setting up $name failed; last lines of $LOG_DIR/openstack-setup-$name.log:"
      tail -n 40 "$LOG_DIR/openstack-setup-$name.log" >&2 || true
      exit 1
    fi
  done
}

# A gunicorn master with sync workers (OS_WORKERS_<NAME>, default 1) serving MODULE:application through
# py/berth_wsgi.py.
# _os_gunicorn NAME PORT MODULE ARGV [VAR=VALUE...]
_os_gunicorn() {
  local name=$1 port=$2 module=$3 argv=$4; shift 4
  local workers_var="OS_WORKERS_${name//-/_}"
  # shellcheck disable=SC2046  # _os_gunicorn_opts: zero or more words
  svc_start "openstack-$name" env "$@" BERTH_WSGI_MODULE="$module" BERTH_WSGI_ARGV="$argv" \
    BERTH_DEV_SQLITE_WRAP="$(_os_sqlite_wrap "$name")" \
    "$OS_BIN/gunicorn" $(_os_gunicorn_opts) --workers "${!workers_var:-1}" --timeout 300 --graceful-timeout 3 \
    --bind "$BERTH_DEV_HOST:$port" --pythonpath "$DEVENV_DIR/py" --name "openstack-$name" \
    berth_wsgi:application
}

# A long-running non-WSGI service (with the SQLite wrapper).
_os_long_running() {
  local name=$1; shift
  svc_start "openstack-$name" env BERTH_DEV_SQLITE_WRAP="$DEVENV_DIR/py/sqlite_immediate.py" "$@"
}

_os_start_rabbitmq() {
  local r=$OS_STATE/rabbitmq
  svc_start openstack-rabbitmq env HOME="$r/home" \
    RUNNING_UNDER_SYSTEMD=true \
    RABBITMQ_NODENAME=berth@localhost \
    RABBITMQ_NODE_IP_ADDRESS="$BERTH_DEV_HOST" RABBITMQ_NODE_PORT="$OS_PORT_RABBIT" \
    RABBITMQ_DIST_PORT="$OS_PORT_RABBIT_DIST" ERL_EPMD_PORT="$OS_PORT_EPMD" \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
    RABBITMQ_CONF_ENV_FILE="$r/rabbitmq-env.conf" RABBITMQ_CONFIG_FILE="$r/rabbitmq.conf" \
    RABBITMQ_ADVANCED_CONFIG_FILE="$r/advanced.config" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$r/enabled_plugins" \
    RABBITMQ_MNESIA_BASE="$r/mnesia" RABBITMQ_LOG_BASE="$r/log" RABBITMQ_LOGS=- \
    RABBITMQ_PID_FILE="$r/rabbitmq.pid" \
    /usr/lib/rabbitmq/bin/rabbitmq-server
}

# Stop Heat when this `up` runs without it (the catalog entry is removed by _os_identity).
_os_stop_heat() {
  local s
  for s in openstack-heat-engine openstack-heat-api; do
    if [ -f "$RUN_DIR/$s.pid" ]; then
      say "heat is off: stopping $s"
      svc_stop "$s"
    fi
    [ -f "$RUN_DIR/order" ] && sed -i "/^${s}\$/d" "$RUN_DIR/order"
  done
  return 0
}

# Environments made before Neutron ran a stand-in `network` endpoint (py/netstub.py, now gone) on Neutron's port:
# stop it if it still runs.
_os_stop_netstub() {
  if [ -f "$RUN_DIR/openstack-network.pid" ]; then
    say "stopping the network stand-in of an earlier berth-dev: Neutron takes its place"
    svc_stop openstack-network
  fi
  [ -f "$RUN_DIR/order" ] && sed -i "/^openstack-network\$/d" "$RUN_DIR/order"
  return 0
}

# ---------------------------------------------------------------------------------------------------- configs

_os_authtoken() { # USER: a [keystone_authtoken] section
  cat <<EOF
[keystone_authtoken]
www_authenticate_uri = $OS_KEYSTONE_URL
auth_url = $OS_KEYSTONE_URL
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = service
username = $1
password = $(secret os-service)
region_name = $OS_REGION
interface = public
service_token_roles_required = true
EOF
}

_os_sqlite_url() { echo "sqlite:///$OS_STATE/db/$1.sqlite"; }

_os_write_configs() {
  local v=$BERTH_DEV_VENV
  mkdir -p "$OS_ETC"/{keystone,glance,glance2,placement,nova,neutron,heat,magnum}
  (umask 077
  # --- keystone
  cat >"$OS_ETC/keystone/keystone.conf" <<EOF
[DEFAULT]
debug = false
[database]
connection = $(_os_sqlite_url keystone)
[token]
provider = fernet
[fernet_tokens]
key_repository = $OS_STATE/keystone/fernet-keys
[fernet_receipts]
key_repository = $OS_STATE/keystone/fernet-keys
[credential]
key_repository = $OS_STATE/keystone/credential-keys
# Keystone's default methods plus totp: the users totp and mfa of the seed authenticate with passcodes (v3totp,
# and v3multifactor under mfa's rules [password, totp]).
[auth]
methods = external,password,token,oauth1,mapped,application_credential,totp
[oslo_concurrency]
lock_path = $OS_STATE/lock
EOF

  # --- glance
  cp "$v/etc/glance/glance-api-paste.ini" "$OS_ETC/glance/glance-api-paste.ini"
  cat >"$OS_ETC/glance/glance-api.conf" <<EOF
[DEFAULT]
debug = false
enabled_backends = fs:file
worker_self_reference_url = http://$BERTH_DEV_HOST:$OS_PORT_GLANCE
[database]
connection = $(_os_sqlite_url glance)
[glance_store]
default_backend = fs
[fs]
filesystem_store_datadir = $OS_STATE/glance/images/
[os_glance_staging_store]
filesystem_store_datadir = $OS_STATE/glance/staging/
[os_glance_tasks_store]
filesystem_store_datadir = $OS_STATE/glance/tasks/
[paste_deploy]
flavor = keystone
[oslo_concurrency]
lock_path = $OS_STATE/lock
$(_os_authtoken glance)
# keystonemiddleware enforces application credentials' access rules only when it knows its own service type;
# without it, every token of a credential with access rules is refused (berth's stack --for vm --source glance).
service_type = image
EOF

  _os_write_glance2_config

  # --- placement
  cat >"$OS_ETC/placement/placement.conf" <<EOF
[DEFAULT]
debug = false
[api]
auth_strategy = keystone
[placement_database]
connection = $(_os_sqlite_url placement)
$(_os_authtoken placement)
EOF

  # --- nova
  cp "$v/etc/nova/api-paste.ini" "$OS_ETC/nova/api-paste.ini"
  local svcauth
  # berth_slowfake.SlowFakeDriver (py/berth_slowfake.py): FakeDriverWithoutFakeNodes with an adjustable spawn time,
  # which is the fake driver with a node UUID persisted in state_path/compute_id. Plain
  # FakeDriver makes up a new node UUID per process, and nova-compute then refuses its second start ("No local
  # node identity found, but this is not our first startup").
  svcauth="auth_type = password
auth_url = $OS_AUTH_URL
project_domain_name = Default
user_domain_name = Default
project_name = service
username = nova
password = $(secret os-service)
region_name = $OS_REGION
valid_interfaces = public"
  cat >"$OS_ETC/nova/nova.conf" <<EOF
[DEFAULT]
debug = false
host = $OS_COMPUTE_HOST
my_ip = $BERTH_DEV_HOST
transport_url = $OS_TRANSPORT_URL
compute_driver = berth_slowfake.SlowFakeDriver
state_path = $OS_STATE/nova
instances_path = $OS_STATE/nova/instances
enabled_apis = osapi_compute
osapi_compute_workers = 1
heal_instance_info_cache_interval = -1
graceful_shutdown_timeout = 1
[api]
auth_strategy = keystone
[api_database]
connection = $(_os_sqlite_url nova_api)
[database]
connection = $(_os_sqlite_url nova_cell1)
[conductor]
workers = 1
[scheduler]
workers = 1
discover_hosts_in_cells_interval = 10
[quota]
instances = 100
cores = 20000
ram = 4194304
[vnc]
enabled = false
[spice]
enabled = false
[service_user]
# Neutron lets a member delete or update a port that Nova owns only with a service token beside the user's: without
# it, deleting a server with a port leaves the server in ERROR.
send_service_user_token = true
$svcauth
[oslo_concurrency]
lock_path = $OS_STATE/lock
[placement]
$svcauth
[neutron]
$svcauth
[glance]
valid_interfaces = public
region_name = $OS_REGION
$(_os_authtoken nova)
EOF

  # --- neutron: the API alone (no agents, no RPC workers); ports are bound by py/berth_neutron.py
  cp "$v/etc/neutron/api-paste.ini" "$OS_ETC/neutron/api-paste.ini"
  cat >"$OS_ETC/neutron/neutron.conf" <<EOF
[DEFAULT]
debug = false
host = $OS_COMPUTE_HOST
state_path = $OS_STATE/neutron
api_paste_config = $OS_ETC/neutron/api-paste.ini
auth_strategy = keystone
core_plugin = ml2
service_plugins = $OS_NEUTRON_SERVICE_PLUGINS
transport_url = $OS_TRANSPORT_URL
allow_overlapping_ips = true
# No agent listens: no DHCP provisioning block on ports, no calls back to Nova (its cache does not learn floating
# IPs associated later: ask Neutron for those).
dhcp_agent_notification = false
notify_nova_on_port_status_changes = false
notify_nova_on_port_data_changes = false
[database]
connection = $(mariadb_url neutron neutron os-neutron-db)
max_pool_size = 5
max_overflow = 10
[oslo_concurrency]
lock_path = $OS_STATE/lock
[oslo_messaging_notifications]
driver = noop
$(_os_authtoken neutron)
EOF
  cat >"$OS_ETC/neutron/ml2_conf.ini" <<EOF
[ml2]
type_drivers = flat,vlan,vxlan
$(_os_opt neutron-project-network-types) = vxlan
mechanism_drivers = berth_dev
extension_drivers = $OS_NEUTRON_ML2_EXTENSIONS
[ml2_type_flat]
flat_networks = $OS_NEUTRON_PHYSNET
[ml2_type_vlan]
network_vlan_ranges = $OS_NEUTRON_PHYSNET:100:199
[ml2_type_vxlan]
vni_ranges = 1:1000
[securitygroup]
enable_security_group = true
EOF

  # --- heat (written always, used with --heat)
  cat >"$OS_ETC/heat/heat.conf" <<EOF
[DEFAULT]
debug = false
host = $OS_COMPUTE_HOST
transport_url = $OS_TRANSPORT_URL
num_engine_workers = 1
graceful_shutdown_timeout = 1
region_name_for_services = $OS_REGION
stack_user_domain_name = heat
stack_domain_admin = heat_domain_admin
stack_domain_admin_password = $(secret os-heat-domain-admin)
deferred_auth_method = trusts
heat_metadata_server_url = http://$BERTH_DEV_HOST:8000
heat_waitcondition_server_url = http://$BERTH_DEV_HOST:8000/v1/waitcondition
environment_dir = $v/etc/heat/environment.d
template_dir = $v/etc/heat/templates
plugin_dirs = $HEAT_DOCKER_PLUGIN_DIR
# A resource that fails is not created again (Heat's default: 5 more times, with growing pauses): a failing test
# stack fails in seconds, not minutes.
action_retry_limit = 0
[database]
connection = $(_os_heat_db_url)
[paste_deploy]
api_paste_config = $v/etc/heat/api-paste.ini
[heat_api]
workers = 1
[clients]
endpoint_type = publicURL
[clients_keystone]
auth_uri = $OS_KEYSTONE_URL
[trustee]
auth_type = password
auth_url = $OS_KEYSTONE_URL
username = heat
password = $(secret os-service)
user_domain_name = Default
[oslo_concurrency]
lock_path = $OS_STATE/lock
$(_os_authtoken heat)
EOF

  # --- magnum (lib/magnum.sh; written always, used with --magnum)
  magnum_write_config

  # --- rabbitmq
  local r=$OS_STATE/rabbitmq
  : >"$r/rabbitmq-env.conf"
  echo '[].' >"$r/enabled_plugins"
  cat >"$r/rabbitmq.conf" <<EOF
loopback_users.guest = true
log.console = true
log.console.level = warning
log.file = false
disk_free_limit.absolute = 50MB
EOF
  )
}

# RegionTwo's Glance (called inside _os_write_configs' umask 077). What differs from RegionOne's, and why:
# - policy.yaml denies `upload_image` to everyone (admin too): `PUT /v2/images/{id}/file` answers 403, before
#   Glance reads the body. Only that call checks `upload_image` in this Glance (33): staging (`PUT .../stage`)
#   and the glance-direct import check `modify_image`, copy-image checks `copy_image` (admin only by default,
#   left so), so the import path stays open.
# - enabled_import_methods: glance-direct and copy-image only (no web-download: nothing here fetches URLs).
#   The option is bounded: the brackets are required, and without them Glance starts but answers 500 on the
#   first read of the option (GET /v2/info/import); `up` checks that call (_os_glance2_ready).
# - two file stores, so that `GET /v2/info/stores` lists more than one and copy-image has somewhere to copy to.
_os_write_glance2_config() {
  local d=$OS_ETC/glance2 g=$OS_STATE/glance2 st backends="" sections=""
  for st in "${OS_GLANCE2_STORES[@]}"; do
    backends+="${backends:+, }$st:file"
    sections+="[$st]
filesystem_store_datadir = $g/$st/
store_description = RegionTwo file store \`$st\` ($g/$st)
"
  done
  cp "$BERTH_DEV_VENV/etc/glance/glance-api-paste.ini" "$d/glance-api-paste.ini"
  cat >"$d/policy.yaml" <<'EOF'
# written by devenv/lib/openstack.sh: RegionTwo's Glance takes images through the interoperable import only.
# "!" never passes, not even for admin: the classic upload (PUT /v2/images/{id}/file) is refused with 403.
"upload_image": "!"
EOF
  cat >"$d/glance-api.conf" <<EOF
[DEFAULT]
debug = false
enabled_backends = $backends
enabled_import_methods = [glance-direct, copy-image]
worker_self_reference_url = http://$BERTH_DEV_HOST:$OS_PORT_GLANCE2
[database]
connection = $(_os_sqlite_url glance2)
[glance_store]
default_backend = ${OS_GLANCE2_STORES[0]}
${sections}[os_glance_staging_store]
filesystem_store_datadir = $g/staging/
[os_glance_tasks_store]
filesystem_store_datadir = $g/tasks/
[paste_deploy]
flavor = keystone
[oslo_policy]
policy_file = $d/policy.yaml
[oslo_concurrency]
lock_path = $OS_STATE/lock
$(_os_authtoken glance)
EOF
}

# A .pth file in the venv that loads py/sqlite_immediate.py into the processes that have
# BERTH_DEV_SQLITE_WRAP set (the long-running services); every other use of the venv is unaffected.
_os_install_sqlite_pth() {
  local site line
  site=$(echo "$BERTH_DEV_VENV"/lib/python3*/site-packages)
  [ -d "$site" ] || die "no site-packages in $BERTH_DEV_VENV"
  line='import os; os.environ.get("BERTH_DEV_SQLITE_WRAP") and __import__("runpy").run_path(os.environ["BERTH_DEV_SQLITE_WRAP"])'
  [ "$(cat "$site/berth_dev_sqlite.pth" 2>/dev/null)" = "$line" ] || echo "$line" >"$site/berth_dev_sqlite.pth"
  # The compute driver with an adjustable spawn time (py/berth_slowfake.py); Nova loads nova.virt.<driver>.
  cmp -s "$DEVENV_DIR/py/berth_slowfake.py" "$site/nova/virt/berth_slowfake.py" ||
    cp "$DEVENV_DIR/py/berth_slowfake.py" "$site/nova/virt/berth_slowfake.py"
}

# The ML2 mechanism driver `berth_dev` (py/berth_neutron.py) as a module in the venv and a dist-info folder whose
# entry point registers it, which is how stevedore finds mechanism drivers.
_os_install_neutron_driver() {
  local site dist
  site=$(echo "$BERTH_DEV_VENV"/lib/python3*/site-packages)
  dist=$site/berth_dev_neutron-1.0.dist-info
  cmp -s "$DEVENV_DIR/py/berth_neutron.py" "$site/berth_neutron.py" ||
    cp "$DEVENV_DIR/py/berth_neutron.py" "$site/berth_neutron.py"
  [ -f "$dist/entry_points.txt" ] && return 0
  mkdir -p "$dist"
  printf 'Metadata-Version: 2.1\nName: berth-dev-neutron\nVersion: 1.0\nSummary: %s\n' \
    "berth dev cloud: the agentless ML2 mechanism driver (devenv/py/berth_neutron.py)" >"$dist/METADATA"
  printf '[neutron.ml2.mechanism_drivers]\nberth_dev = berth_neutron:BerthDevMechanismDriver\n' >"$dist/entry_points.txt"
  printf 'berth-dev\n' >"$dist/INSTALLER"
  printf 'berth_neutron.py,,\nberth_dev_neutron-1.0.dist-info/METADATA,,\nberth_dev_neutron-1.0.dist-info/entry_points.txt,,\nberth_dev_neutron-1.0.dist-info/INSTALLER,,\nberth_dev_neutron-1.0.dist-info/RECORD,,\n' \
    >"$dist/RECORD"
}

# ---------------------------------------------------------------------------------------------------- DB setup

_os_setup_keystone() {
  local log=$LOG_DIR/openstack-setup-keystone.log k=(--config-file "$OS_ETC/keystone/keystone.conf")
  say "keystone: database and bootstrap (once)"
  {
    mkdir -p "$OS_STATE/keystone/fernet-keys" "$OS_STATE/keystone/credential-keys"
    chmod 700 "$OS_STATE/keystone"
    "$OS_BIN/keystone-manage" "${k[@]}" db_sync &&
    "$OS_BIN/keystone-manage" "${k[@]}" fernet_setup --keystone-user root --keystone-group root &&
    "$OS_BIN/keystone-manage" "${k[@]}" credential_setup --keystone-user root --keystone-group root &&
    # The password through the environment (keystone-manage reads OS_BOOTSTRAP_PASSWORD), not argv: ps shows argv.
    OS_BOOTSTRAP_PASSWORD=$(secret os-admin) "$OS_BIN/keystone-manage" "${k[@]}" bootstrap \
      --bootstrap-admin-url "$OS_AUTH_URL" --bootstrap-internal-url "$OS_AUTH_URL" \
      --bootstrap-public-url "$OS_AUTH_URL" --bootstrap-region-id "$OS_REGION"
  } >>"$log" 2>&1 || { tail -n 40 "$log" >&2; die "keystone setup failed (log: $log)"; }
  _os_wal keystone
  touch "$OS_DONE/keystone-db"
}

# Switch a freshly created database to WAL once (the wrapper then finds it so).
_os_wal() {
  local db
  for db in "$@"; do
    "$OS_PY" -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute("PRAGMA journal_mode=WAL")' \
      "$OS_STATE/db/$db.sqlite"
  done
}

_os_setup_glance_db() {
  "$OS_BIN/glance-manage" --config-file "$OS_ETC/glance/glance-api.conf" db_sync
  _os_wal glance
}

_os_setup_glance2_db() {
  "$OS_BIN/glance-manage" --config-file "$OS_ETC/glance2/glance-api.conf" db_sync
  _os_wal glance2
}

_os_setup_placement_db() {
  "$OS_BIN/placement-manage" --config-file "$OS_ETC/placement/placement.conf" db sync
  _os_wal placement
}

_os_setup_nova_db() {
  local n=("$OS_BIN/nova-manage" --config-file "$OS_ETC/nova/nova.conf")
  "${n[@]}" api_db sync
  "${n[@]}" cell_v2 map_cell0 --database_connection "$(_os_sqlite_url nova_cell0)"
  "${n[@]}" db sync
  "${n[@]}" cell_v2 list_cells | grep -q ' cell1 ' || "${n[@]}" cell_v2 create_cell --name cell1
  _os_wal nova_api nova_cell0 nova_cell1
}

# Neutron's database in MariaDB (its migrations do not support SQLite), then its schema.
_os_setup_neutron_db() {
  mariadb_wait openstack-mariadb
  mariadb_ensure_db neutron neutron os-neutron-db
  "$OS_BIN/neutron-db-manage" --config-file "$OS_ETC/neutron/neutron.conf" \
    --config-file "$OS_ETC/neutron/ml2_conf.ini" upgrade heads
}

_os_setup_heat_db() {
  if _os_heat_on_mariadb; then
    mariadb_wait openstack-mariadb
    mariadb_ensure_db heat heat os-heat-db
  fi
  "$OS_BIN/heat-manage" --config-file "$OS_ETC/heat/heat.conf" db_sync
  _os_heat_on_mariadb || _os_wal heat
}

# ---------------------------------------------------------------------------------------------------- bootstrap

# The input of py/os_bootstrap.py (ports, passwords, heat on/off) as JSON.
_os_bootstrap_json() {
  local heat=$1 magnum=${2:-0} h=$BERTH_DEV_HOST
  cat <<EOF
{"auth_url": "$OS_AUTH_URL", "region": "$OS_REGION",
 "admin_password": "$(secret os-admin)", "service_password": "$(secret os-service)",
 "service_users": [$(printf '"%s",' "${OS_SERVICE_USERS[@]}" | sed 's/,$//')],
 "demo_user": "demo", "demo_project": "demo", "demo_password": "$(secret os-demo)",
 "other_user": "other", "other_project": "other", "other_password": "$(secret os-other)",
 "totp_password": "$(secret os-totp)", "mfa_password": "$(secret os-mfa)", "totp_secret": "$(_os_totp_secret)",
 "appcred_name": "berth-dev", "appcred_file": "$OS_STATE/appcred.json",
 "heat": $([ "$heat" = 1 ] && echo true || echo false),
 "magnum": $([ "$magnum" = 1 ] && echo true || echo false),
 "magnum_domain_admin_password": "$(secret os-magnum-domain-admin)",
 "magnum_catalog": {"type": "container-infra", "name": "magnum", "url": "$MAGNUM_URL"},
 "heat_domain_admin_password": "$(secret os-heat-domain-admin)",
 "nova_url": "$OS_NOVA_URL", "network_url": "$OS_NETWORK_URL",
 "network_file": "$OS_STATE/network.json", "physnet": "$OS_NEUTRON_PHYSNET",
 "catalog": [
   {"type": "image", "name": "glance", "url": "http://$h:$OS_PORT_GLANCE"},
   {"type": "image", "name": "glance", "url": "http://$h:$OS_PORT_GLANCE2", "region": "$OS_REGION2"},
   {"type": "placement", "name": "placement", "url": "http://$h:$OS_PORT_PLACEMENT"},
   {"type": "compute", "name": "nova", "url": "http://$h:$OS_PORT_NOVA/v2.1"},
   {"type": "network", "name": "neutron", "url": "http://$h:$OS_PORT_NETWORK"}],
 "heat_catalog": {"type": "orchestration", "name": "heat", "url": "http://$h:$OS_PORT_HEAT/v1/%(project_id)s"}}
EOF
}

# The base32 TOTP secret of the seed users totp and mfa (20 bytes, derived from a generated secret).
_os_totp_secret() {
  printf '%s' "$(secret os-totp-seed)" | "$OS_PY" -c \
    'import base64, hashlib, sys; print(base64.b32encode(hashlib.sha256(sys.stdin.buffer.read()).digest()[:20]).decode())'
}

# Identities, catalog and the demo application credential; re-run only when its input changed (ports,
# passwords, heat on/off) or the app credential file is gone.
_os_identity() {
  local heat=$1 magnum=$2 json want
  json=$(_os_bootstrap_json "$heat" "$magnum")
  want=$(printf '%s' "$json" | sha256sum | cut -c1-16)
  if [ "$(cat "$OS_DONE/identity" 2>/dev/null)" = "$want" ] && [ -s "$OS_STATE/appcred.json" ]; then
    # Only what a killed test run may have left in the catalog (os_bootstrap.py stale).
    printf '%s' "$json" | "$OS_PY" "$DEVENV_DIR/py/os_bootstrap.py" stale \
      >>"$LOG_DIR/openstack-setup-identity.log" 2>&1 ||
      { tail -n 40 "$LOG_DIR/openstack-setup-identity.log" >&2; die "removing stale test services failed"; }
    return 0
  fi
  say "keystone: identities, catalog and application credential"
  printf '%s' "$json" | "$OS_PY" "$DEVENV_DIR/py/os_bootstrap.py" identity \
    >>"$LOG_DIR/openstack-setup-identity.log" 2>&1 ||
    { tail -n 40 "$LOG_DIR/openstack-setup-identity.log" >&2; die "identity bootstrap failed"; }
  echo "$want" >"$OS_DONE/identity"
}

_os_compute_bootstrap() {
  local want
  want=$( (echo "flavors-v1"; _os_bootstrap_json 0) | sha256sum | cut -c1-16)
  [ "$(cat "$OS_DONE/compute" 2>/dev/null)" = "$want" ] && return 0
  say "nova: flavors and quotas"
  _os_bootstrap_json 0 | "$OS_PY" "$DEVENV_DIR/py/os_bootstrap.py" compute \
    >>"$LOG_DIR/openstack-setup-identity.log" 2>&1 ||
    { tail -n 40 "$LOG_DIR/openstack-setup-identity.log" >&2; die "compute bootstrap failed"; }
  echo "$want" >"$OS_DONE/compute"
}

# The seed networks, router and security group (os_bootstrap.py network), written to $OS_STATE/network.json.
# Again when its input changed or the private network it made is gone (v2: `public` external for admin and
# demo only).
_os_network_bootstrap() {
  local want
  want=$( (echo "network-v2"; _os_bootstrap_json 0) | sha256sum | cut -c1-16)
  if [ "$(cat "$OS_DONE/network" 2>/dev/null)" = "$want" ] && [ -s "$OS_STATE/network.json" ] &&
    _os_token && _os_curl_auth -fsS -o /dev/null --max-time 5 \
      "$OS_NETWORK_URL/v2.0/networks/$(_os_net networks.private.id)"; then
    return 0
  fi
  say "neutron: networks, router, security group and quotas"
  _os_bootstrap_json 0 | "$OS_PY" "$DEVENV_DIR/py/os_bootstrap.py" network \
    >>"$LOG_DIR/openstack-setup-identity.log" 2>&1 ||
    { tail -n 40 "$LOG_DIR/openstack-setup-identity.log" >&2; die "network bootstrap failed"; }
  echo "$want" >"$OS_DONE/network"
}

# A field of $OS_STATE/network.json by its dotted path (networks.private.id).
_os_net() {
  "$OS_PY" -c 'import functools, json, sys
print(functools.reduce(lambda d, k: d[k], sys.argv[2].split("."), json.load(open(sys.argv[1]))))' \
    "$OS_STATE/network.json" "$1"
}

# An admin token (cached for this run). The password goes to curl on stdin (`-d @-`), the token as a header
# on stdin (_os_curl_auth): never on a command line, where ps shows it.
_OS_TOKEN=""
_os_token() {
  if [ -z "$_OS_TOKEN" ]; then
    _OS_TOKEN=$(printf '{"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "admin",
      "domain": {"id": "default"}, "password": "%s"}}}, "scope": {"project": {"name": "admin",
      "domain": {"id": "default"}}}}}' "$(secret os-admin)" |
      curl -sS -i --max-time 10 -H 'Content-Type: application/json' -d @- "$OS_AUTH_URL/auth/tokens" |
      awk 'tolower($1) == "x-subject-token:" { print $2 }' | tr -d '\r')
  fi
  [ -n "$_OS_TOKEN" ]
}

# _os_curl_auth CURL-ARGS...: curl with the admin token (`-H @-` reads the header from stdin).
_os_curl_auth() { printf 'X-Auth-Token: %s\n' "$_OS_TOKEN" | curl -H @- "$@"; }

# Has nova service BINARY on our host reported (state up) at or after STAMP (UTC, ISO)?
_os_nova_reported() {
  local stamp=$1 binary=$2 body
  _os_token || return 1
  body=$(_os_curl_auth -fsS --max-time 5 "$OS_NOVA_URL/os-services?binary=$binary") || return 1
  printf '%s' "$body" | "$OS_PY" -c '
import json, sys
stamp, host = sys.argv[1], sys.argv[2]
ok = [s for s in json.load(sys.stdin)["services"]
      if s["host"] == host and s["state"] == "up" and (s["updated_at"] or "") >= stamp]
sys.exit(0 if ok else 1)' "$stamp" "$OS_COMPUTE_HOST"
}

# Map the compute host into cell1, then wait until nova-api lists it as a hypervisor.
_os_discover_hosts() {
  local i log=$LOG_DIR/openstack-setup-nova-db.log
  for i in 1 2 3; do
    "$OS_BIN/nova-manage" --config-file "$OS_ETC/nova/nova.conf" cell_v2 discover_hosts --verbose >>"$log" 2>&1 &&
      break
    [ "$i" -lt 3 ] || { tail -n 20 "$log" >&2; die "nova-manage cell_v2 discover_hosts failed"; }
    sleep 2
  done
  svc_wait openstack-nova-compute 60 _os_hypervisor_listed
}

_os_hypervisor_listed() {
  _os_token || return 1
  _os_curl_auth -fsS --max-time 5 "$OS_NOVA_URL/os-hypervisors" |
    grep -q "\"hypervisor_hostname\": \"$OS_COMPUTE_HOST\""
}

# RegionTwo's Glance answers, and its configuration reads as meant: the import methods come out of the option
# Glance reads only on demand (a bad value there leaves the service up but answering 500).
_os_glance2_ready() {
  _os_token || return 1
  _os_curl_auth -fsS --max-time 5 "http://$BERTH_DEV_HOST:$OS_PORT_GLANCE2/v2/info/import" |
    grep -q '"glance-direct"'
}

_os_heat_engine_up() {
  _os_token || return 1
  _os_curl_auth -fsS --max-time 5 \
    "http://$BERTH_DEV_HOST:$OS_PORT_HEAT/v1/$(_os_admin_project_id)/services" | grep -q '"status": "up"'
}

_OS_ADMIN_PROJECT=""
_os_admin_project_id() {
  if [ -z "$_OS_ADMIN_PROJECT" ]; then
    _OS_ADMIN_PROJECT=$(_os_curl_auth -fsS --max-time 5 \
      "$OS_AUTH_URL/projects?name=admin" | "$OS_PY" -c 'import json,sys; print(json.load(sys.stdin)["projects"][0]["id"])')
  fi
  echo "$_OS_ADMIN_PROJECT"
}

# ---------------------------------------------------------------------------------------------------- clients

_os_appcred() { # FIELD of the saved application credential
  "$OS_PY" -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$OS_STATE/appcred.json" "$1"
}

_os_write_client_files() {
  local heat=$1 acid acname acsecret
  acid=$(_os_appcred id) acname=$(_os_appcred name) acsecret=$(_os_appcred secret)
  local common="    region_name: $OS_REGION
    interface: public
    identity_api_version: 3"
  (umask 077
  cat >"$OS_STATE/clouds.yaml" <<EOF
# written by devenv/berth-dev; secrets are in secure.yaml (OS_CLIENT_SECURE_FILE) beside this file
clouds:
  berth-admin:
    auth:
      auth_url: $OS_AUTH_URL
      username: admin
      project_name: admin
      user_domain_name: Default
      project_domain_name: Default
$common
  berth-demo:
    auth:
      auth_url: $OS_AUTH_URL
      username: demo
      project_name: demo
      user_domain_name: Default
      project_domain_name: Default
$common
  berth-appcred:
    auth_type: v3applicationcredential
    auth:
      auth_url: $OS_AUTH_URL
      application_credential_id: $acid
$common
  berth-other:
    auth:
      auth_url: $OS_AUTH_URL
      username: other
      project_name: other
      user_domain_name: Default
      project_domain_name: Default
$common
EOF
  cat >"$OS_STATE/secure.yaml" <<EOF
clouds:
  berth-admin:
    auth:
      password: $(secret os-admin)
  berth-demo:
    auth:
      password: $(secret os-demo)
  berth-appcred:
    auth:
      application_credential_secret: $acsecret
  berth-other:
    auth:
      password: $(secret os-other)
EOF
  local unset_all="unset OS_CLOUD OS_AUTH_TYPE OS_USERNAME OS_PASSWORD OS_PROJECT_NAME OS_PROJECT_ID OS_USER_DOMAIN_NAME OS_PROJECT_DOMAIN_NAME OS_APPLICATION_CREDENTIAL_ID OS_APPLICATION_CREDENTIAL_NAME OS_APPLICATION_CREDENTIAL_SECRET OS_TOKEN"
  local u p
  for u in admin demo other; do
    p=$(secret "os-$u")
    cat >"$OS_STATE/openrc-$u" <<EOF
# berth dev cloud: $u in project $u
$unset_all
export OS_AUTH_TYPE=password
export OS_AUTH_URL=$OS_AUTH_URL
export OS_IDENTITY_API_VERSION=3
export OS_REGION_NAME=$OS_REGION
export OS_INTERFACE=public
export OS_USERNAME=$u
export OS_PASSWORD=$p
export OS_PROJECT_NAME=$u
export OS_USER_DOMAIN_NAME=Default
export OS_PROJECT_DOMAIN_NAME=Default
EOF
  done
  cat >"$OS_STATE/openrc-appcred" <<EOF
# berth dev cloud: application credential $acname of demo (project demo)
$unset_all
export OS_AUTH_TYPE=v3applicationcredential
export OS_AUTH_URL=$OS_AUTH_URL
export OS_IDENTITY_API_VERSION=3
export OS_REGION_NAME=$OS_REGION
export OS_INTERFACE=public
export OS_APPLICATION_CREDENTIAL_ID=$acid
export OS_APPLICATION_CREDENTIAL_SECRET=$acsecret
EOF
  cat >"$ENV_DIR/openstack.sh" <<EOF
# openstack (devenv/lib/openstack.sh)
export BERTH_DEV_OPENSTACK='$OS_BIN/openstack'
export BERTH_DEV_CLOUDS_YAML='$OS_STATE/clouds.yaml'
export BERTH_DEV_SECURE_YAML='$OS_STATE/secure.yaml'
export BERTH_DEV_OPENRC_DIR='$OS_STATE'
export BERTH_DEV_AUTH_URL='$OS_AUTH_URL'
export BERTH_DEV_AUTH_URL_TLS='https://$BERTH_DEV_HOST:$OS_PORT_KEYSTONE_TLS/v3'
export BERTH_DEV_REGION='$OS_REGION'
export BERTH_DEV_HEAT='$heat'
export BERTH_DEV_ADMIN_USER='admin' BERTH_DEV_ADMIN_PROJECT='admin'
export BERTH_DEV_ADMIN_PASSWORD='$(secret os-admin)'
export BERTH_DEV_DEMO_USER='demo' BERTH_DEV_DEMO_PROJECT='demo'
export BERTH_DEV_DEMO_PASSWORD='$(secret os-demo)'
export BERTH_DEV_OTHER_USER='other' BERTH_DEV_OTHER_PROJECT='other'
export BERTH_DEV_OTHER_PASSWORD='$(secret os-other)'
export BERTH_DEV_TOTP_USER='totp' BERTH_DEV_TOTP_PASSWORD='$(secret os-totp)'
export BERTH_DEV_MFA_USER='mfa' BERTH_DEV_MFA_PASSWORD='$(secret os-mfa)'
export BERTH_DEV_TOTP_SECRET='$(_os_totp_secret)'
export BERTH_DEV_APPCRED_ID='$acid'
export BERTH_DEV_APPCRED_NAME='$acname'
export BERTH_DEV_APPCRED_SECRET='$acsecret'
export BERTH_DEV_COMPUTE_URL='$OS_NOVA_URL'
export BERTH_DEV_IMAGE_URL='http://$BERTH_DEV_HOST:$OS_PORT_GLANCE'
export BERTH_DEV_NETWORK_URL='$OS_NETWORK_URL'
$(_os_network_env)
$(magnum_env)
export BERTH_DEV_REGION2='$OS_REGION2'
export BERTH_DEV_GLANCE2_URL='http://$BERTH_DEV_HOST:$OS_PORT_GLANCE2'
export BERTH_DEV_GLANCE2_STORES='$(IFS=,; echo "${OS_GLANCE2_STORES[*]}")'
EOF
  )
}

# The seed networks as BERTH_DEV_NET_* (names and IDs), from $OS_STATE/network.json.
_os_network_env() {
  "$OS_PY" - "$OS_STATE/network.json" <<'EOF'
import json, sys
n = json.load(open(sys.argv[1]))
for key, net in sorted(n["networks"].items()):
    k = key.upper()
    print("export BERTH_DEV_NET_%s='%s' BERTH_DEV_NET_%s_ID='%s'" % (k, net["name"], k, net["id"]))
    print("export BERTH_DEV_SUBNET_%s='%s' BERTH_DEV_SUBNET_%s_ID='%s'" % (k, net["subnet"]["name"], k, net["subnet"]["id"]))
print("export BERTH_DEV_ROUTER='%s' BERTH_DEV_ROUTER_ID='%s'" % (n["router"]["name"], n["router"]["id"]))
print("export BERTH_DEV_SECGROUP_DEMO_ID='%s'" % n["security_group"]["id"])
EOF
}

# ---------------------------------------------------------------------------------------------------- describe

openstack_describe() {
  local h=$BERTH_DEV_HOST
  echo "openstack: keystone   $OS_AUTH_URL  (identity), and over TLS at https://$BERTH_DEV_HOST:$OS_PORT_KEYSTONE_TLS/v3 (CA $DEV_PKI/ca.pem)"
  echo "openstack: glance     http://$h:$OS_PORT_GLANCE  (image)"
  echo "openstack: glance2    http://$h:$OS_PORT_GLANCE2  (image in $OS_REGION2: no PUT .../file, import only:" \
    "glance-direct, copy-image; stores ${OS_GLANCE2_STORES[*]})"
  echo "openstack: placement  http://$h:$OS_PORT_PLACEMENT  (placement)"
  echo "openstack: nova       $OS_NOVA_URL  (compute, fake driver, host $OS_COMPUTE_HOST)"
  echo "openstack: neutron    $OS_NETWORK_URL  (network; ML2, ports bound without agents; mariadb $h:$MARIADB_PORT)"
  _os_network_describe
  if [ "${BERTH_DEV_HEAT:-0}" = 1 ]; then
    echo "openstack: heat       http://$h:$OS_PORT_HEAT/v1  (orchestration)"
  else
    echo "openstack: heat       off (use --heat)"
  fi
  magnum_describe
  echo "openstack: rabbitmq   amqp://$h:$OS_PORT_RABBIT  (epmd $OS_PORT_EPMD)"
  echo "openstack: clouds     berth-admin berth-demo berth-appcred berth-other in $OS_STATE/clouds.yaml" \
    "(secrets: OS_CLIENT_SECURE_FILE=$OS_STATE/secure.yaml); openrc: $OS_STATE/openrc-{admin,demo,appcred,other}"
  echo "openstack: totp/mfa   users totp (v3totp) and mfa (rules: password + totp) in project demo; TOTP secret" \
    "\$BERTH_DEV_TOTP_SECRET"
}

_os_network_describe() {
  [ -s "$OS_STATE/network.json" ] || return 0
  "$OS_PY" - "$OS_STATE/network.json" <<'EOF'
import json, sys
n = json.load(open(sys.argv[1]))
for key in ("private", "shared", "public"):
    net = n["networks"][key]
    sub = net["subnet"]
    extra = " pool %s" % sub["pool"] if sub.get("pool") else ""
    print("openstack:   network %-8s %s  subnet %s %s%s  (%s)" % (net["name"], net["id"], sub["name"], sub["cidr"],
                                                               extra, net["what"]))
r = n["router"]
print("openstack:   router  %-8s %s  (project demo: %s to %s)" % (r["name"], r["id"], r["internal"], r["external"]))
print("openstack:   security group default of demo %s" % n["security_group"]["id"])
EOF
}

# ---------------------------------------------------------------------------------------------------- down

# Stop the OpenStack services: everything but MariaDB, RabbitMQ and epmd in parallel, then MariaDB (once nothing
# uses it, so that it shuts down cleanly), RabbitMQ (and the helper processes its Erlang VM spawned, which may
# leave its session), then epmd; check that nothing is left.
openstack_down() {
  [ -f "$RUN_DIR/order" ] || return 0
  local name pid kids="" left="" p
  local -a sids=() pids=()
  for name in $(tac "$RUN_DIR/order"); do
    case $name in openstack-mariadb|openstack-rabbitmq|openstack-epmd) continue ;; openstack-*) ;; *) continue ;; esac
    [ -f "$RUN_DIR/$name.pid" ] || continue
    sids+=("$(cat "$RUN_DIR/$name.pid")")
    svc_stop "$name" &
    pids+=("$!")
  done
  for pid in ${pids[@]+"${pids[@]}"}; do wait "$pid" || true; done
  if [ -f "$RUN_DIR/openstack-mariadb.pid" ]; then
    sids+=("$(cat "$RUN_DIR/openstack-mariadb.pid")")
    svc_stop openstack-mariadb
  fi
  if [ -f "$RUN_DIR/openstack-rabbitmq.pid" ]; then
    pid=$(cat "$RUN_DIR/openstack-rabbitmq.pid")
    sids+=("$pid")
    kids=$(_os_descendants "$pid")
    svc_stop openstack-rabbitmq
  fi
  if [ -f "$RUN_DIR/openstack-epmd.pid" ]; then
    sids+=("$(cat "$RUN_DIR/openstack-epmd.pid")")
    svc_stop openstack-epmd
  fi
  # Erlang's port helpers exit when the VM is gone; give them a moment, then make sure.
  local i
  for i in $(seq 1 25); do
    left=""
    for p in $kids; do _os_running "$p" && left="$left $p"; done
    [ -z "$left" ] && break
    sleep 0.2
  done
  # shellcheck disable=SC2086
  if [ -n "$left" ]; then kill -KILL $left 2>/dev/null || true; fi
  local members=()
  for pid in ${sids[@]+"${sids[@]}"}; do
    # shellcheck disable=SC2207
    members+=($(svc_members "$pid"))
  done
  # shellcheck disable=SC2086
  left=$(wait_gone ${members[@]+"${members[@]}"} $kids)
  [ -z "$left" ] || die "openstack processes still running after down:$left ($(ps -o pid=,cmd= -p "${left// /,}" 2>/dev/null | cut -c1-80 | tr '\n' ';'))"
}

_os_running() { kill -0 "$1" 2>/dev/null && [ "$(ps -o stat= -p "$1" 2>/dev/null | cut -c1)" != Z ]; }

# All descendants of PID (by parent links).
_os_descendants() {
  ps -e -o pid=,ppid= | awk -v root="$1" '
    { parent[$1] = $2 }
    END { for (p in parent) { q = p; while (q in parent && q != root && q > 1) q = parent[q]; if (q == root && p != root) print p } }'
}
