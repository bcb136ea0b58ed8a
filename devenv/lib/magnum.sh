# shellcheck shell=bash
# Magnum (container-infra) for the dev cloud, with `up --magnum` (it needs Heat, which --magnum turns on). Sourced
# by devenv/berth-dev after openstack.sh, whose install and up call the functions here.
#
# - Its own venv ($BERTH_DEV_CACHE/venv-magnum, devenv/magnum/requirements.txt): PyPI's magnum 22.0.0, the last
#   release with the in-tree Heat driver k8s_fedora_coreos_v1 (upstream master removed it). It installs with the
#   main venv's constraints; a venv of its own keeps the main one's hash (and its cache) unchanged.
# - magnum-api (magnum.wsgi.api under gunicorn, two workers) and magnum-conductor; database `magnum` in the MariaDB of
#   Neutron; the RabbitMQ of Nova; a `magnum` service user (service project, admin + service roles); the trustee
#   domain `magnum` with its admin `magnum_domain_admin`; the `container-infra` endpoint http://127.0.0.1:9511/v1.
# - `[certificates] cert_manager_type = x509keypair`: cluster CAs live in Magnum's database (no Barbican).
# - The conductor asks the public etcd discovery service (discovery.etcd.io) for a URL when a cluster is created
#   without `discovery_url`. Here `[cluster] etcd_discovery_service_endpoint_format` points at py/etcd_discovery.py
#   on 127.0.0.1 (openstack-etcd-discovery), so nothing leaves the machine.
# - Heat is the orchestration back end: a cluster's stack creates networks, a router, security groups and servers
#   (ACTIVE on the fake driver), then waits for the nodes' SoftwareDeployments, which never signal on this cloud:
#   the cluster goes CREATE_FAILED at its create_timeout.

MAGNUM_VENV=${BERTH_DEV_MAGNUM_VENV:-$BERTH_DEV_CACHE/venv-magnum}
MAGNUM_BIN=$MAGNUM_VENV/bin
MAGNUM_REQS=$DEVENV_DIR/magnum/requirements.txt
OS_PORT_MAGNUM=${BERTH_DEV_PORT_MAGNUM:-9511}
OS_PORT_ETCD_DISCOVERY=${BERTH_DEV_PORT_ETCD_DISCOVERY:-12379}
MAGNUM_URL=http://$BERTH_DEV_HOST:$OS_PORT_MAGNUM/v1

# Install time (needs the network): the venv, again only when its requirements or constraints changed.
magnum_install() {
  local want have=""
  want=$(cat "$MAGNUM_REQS" "$DEVENV_DIR/constraints.txt" | sha256sum | cut -c1-16)
  [ -f "$MAGNUM_VENV/.berth-reqs" ] && have=$(cat "$MAGNUM_VENV/.berth-reqs")
  [ "$want" = "$have" ] && return 0
  say "creating Magnum's Python venv in $MAGNUM_VENV (once; about 30 s)"
  rm -rf "$MAGNUM_VENV"
  python3 -m venv "$MAGNUM_VENV"
  "$MAGNUM_BIN/pip" install -q --disable-pip-version-check --upgrade pip >/dev/null
  "$MAGNUM_BIN/pip" install -q --disable-pip-version-check -r "$MAGNUM_REQS" -c "$DEVENV_DIR/constraints.txt"
  echo "$want" >"$MAGNUM_VENV/.berth-reqs"
}

# magnum.conf (called inside _os_write_configs' umask 077: it holds passwords).
magnum_write_config() {
  local d=$OS_ETC/magnum svc
  mkdir -p "$d" "$OS_STATE/magnum"
  [ -f "$MAGNUM_VENV/etc/magnum/api-paste.ini" ] && cp "$MAGNUM_VENV/etc/magnum/api-paste.ini" "$d/api-paste.ini"
  svc="region_name = $OS_REGION
endpoint_type = publicURL"
  cat >"$d/magnum.conf" <<EOF
[DEFAULT]
debug = false
host = $OS_COMPUTE_HOST
transport_url = $OS_TRANSPORT_URL
state_path = $OS_STATE/magnum
[api]
host = $BERTH_DEV_HOST
port = $OS_PORT_MAGNUM
workers = 1
api_paste_config = $d/api-paste.ini
[conductor]
workers = 1
[database]
connection = $(mariadb_url magnum magnum os-magnum-db)
[certificates]
cert_manager_type = x509keypair
[cluster]
# Never the public discovery service: the stand-in on 127.0.0.1 (py/etcd_discovery.py).
etcd_discovery_service_endpoint_format = http://$BERTH_DEV_HOST:$OS_PORT_ETCD_DISCOVERY/new?size=%(size)d
[drivers]
send_cluster_metrics = false
verify_ca = false
[trust]
cluster_user_trust = false
trustee_domain_name = magnum
trustee_domain_admin_name = magnum_domain_admin
trustee_domain_admin_domain_name = magnum
trustee_domain_admin_password = $(secret os-magnum-domain-admin)
trustee_keystone_interface = public
trustee_keystone_region_name = $OS_REGION
[keystone_auth]
auth_type = password
auth_url = $OS_AUTH_URL
username = magnum
password = $(secret os-service)
project_name = service
project_domain_name = Default
user_domain_name = Default
$(_os_authtoken magnum)
[heat_client]
$svc
[nova_client]
$svc
[glance_client]
$svc
[neutron_client]
$svc
[cinder_client]
region_name = $OS_REGION
[octavia_client]
$svc
[magnum_client]
region_name = $OS_REGION
[oslo_concurrency]
lock_path = $OS_STATE/lock
[oslo_messaging_notifications]
driver = noop
EOF
}

# Database `magnum` in MariaDB, then its schema (in the background with the other databases).
magnum_setup_db() {
  mariadb_wait openstack-mariadb
  mariadb_ensure_db magnum magnum os-magnum-db
  "$MAGNUM_BIN/magnum-db-manage" --config-file "$OS_ETC/magnum/magnum.conf" upgrade
}

# Start the discovery stand-in, the API and the conductor (after Heat is up); wait for the API and the conductor.
magnum_up() {
  [ -x "$MAGNUM_BIN/magnum-api" ] || die "Magnum's venv is missing: run \`devenv/berth-dev install openstack\`"
  svc_start openstack-etcd-discovery "$OS_PY" "$DEVENV_DIR/py/etcd_discovery.py" \
    "$BERTH_DEV_HOST:$OS_PORT_ETCD_DISCOVERY"
  # gunicorn, not `magnum-api`: that one is werkzeug forking a process per request, so keystonemiddleware's token
  # cache dies with each and every request validates its token at Keystone again (1-2 s per request here).
  svc_start openstack-magnum-api env BERTH_WSGI_MODULE=magnum.wsgi.api \
    BERTH_WSGI_ARGV="magnum-api --config-file $OS_ETC/magnum/magnum.conf" \
    "$MAGNUM_BIN/gunicorn" --no-control-socket --workers 2 --timeout 300 --graceful-timeout 3 \
    --bind "$BERTH_DEV_HOST:$OS_PORT_MAGNUM" --pythonpath "$DEVENV_DIR/py" --name openstack-magnum-api \
    berth_wsgi:application
  svc_start openstack-magnum-conductor "$MAGNUM_BIN/magnum-conductor" --config-file "$OS_ETC/magnum/magnum.conf"
  svc_wait openstack-etcd-discovery 20 http_ok "http://$BERTH_DEV_HOST:$OS_PORT_ETCD_DISCOVERY/"
  svc_wait openstack-magnum-api 90 http_ok "$MAGNUM_URL"
  svc_wait openstack-magnum-conductor 120 _magnum_conductor_up
}

_magnum_conductor_up() {
  _os_token || return 1
  _os_curl_auth -fsS --max-time 5 -H "OpenStack-API-Version: container-infra latest" "$MAGNUM_URL/mservices" |
    grep -q '"state": "up"'
}

# Stop Magnum when this `up` runs without it (the catalog entry is removed by _os_identity).
magnum_stop() {
  local s
  for s in openstack-magnum-conductor openstack-magnum-api openstack-etcd-discovery; do
    if [ -f "$RUN_DIR/$s.pid" ]; then
      say "magnum is off: stopping $s"
      svc_stop "$s"
    fi
    [ -f "$RUN_DIR/order" ] && sed -i "/^${s}\$/d" "$RUN_DIR/order"
  done
  return 0
}

magnum_env() {
  cat <<EOF
export BERTH_DEV_MAGNUM='${BERTH_DEV_MAGNUM:-0}'
export BERTH_DEV_MAGNUM_URL='$MAGNUM_URL'
export BERTH_DEV_ETCD_DISCOVERY_URL='http://$BERTH_DEV_HOST:$OS_PORT_ETCD_DISCOVERY'
EOF
}

magnum_describe() {
  if [ "${BERTH_DEV_MAGNUM:-0}" = 1 ]; then
    echo "openstack: magnum     $MAGNUM_URL  (container-infra, magnum 22.0.0, driver k8s_fedora_coreos_v1;" \
      "etcd discovery stand-in http://$BERTH_DEV_HOST:$OS_PORT_ETCD_DISCOVERY)"
  else
    echo "openstack: magnum     off (use --magnum)"
  fi
}
