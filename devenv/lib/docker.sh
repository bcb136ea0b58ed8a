# shellcheck shell=bash
# A Docker engine for the dev environment: the `docker load` oracle for berth's archives.
#
# If BERTH_DEV_DOCKER_HOST names an engine that answers (e.g. unix:///var/run/docker.sock or tcp://...), that
# one is used and nothing is started. Otherwise our own Debian dockerd (20.10) runs as root with its own data
# root in $BERTH_DEV_STATE/docker, a short exec root in /tmp, no bridge and no iptables, listening only on the
# unix socket $BERTH_DEV_STATE/docker/docker.sock. Its client is Debian's /usr/bin/docker (the machine may
# also have a newer client in /usr/local/bin; BERTH_DEV_DOCKER names the one to use).

DOCKER_DIR=$BERTH_DEV_STATE/docker
DOCKER_CLIENT=/usr/bin/docker
DOCKER_OWN_HOST=unix://$DOCKER_DIR/docker.sock
# dockerd puts containerd's and the containers' sockets under the exec root: keep it short (108-byte limit).
DOCKER_EXEC_ROOT=/tmp/berth-dockerd-$(printf '%s' "$BERTH_DEV_STATE" | sha256sum | cut -c1-8)

docker_install() {
  # Debian's maintainer scripts must not start a system dockerd/containerd: policy-rc.d says no during install.
  if [ -e /usr/sbin/policy-rc.d ]; then
    apt_install docker.io curl
  else
    (
      trap 'rm -f /usr/sbin/policy-rc.d' EXIT
      printf '#!/bin/sh\n# berth-dev: no daemons from maintainer scripts during install\nexit 101\n' \
        >/usr/sbin/policy-rc.d
      chmod 755 /usr/sbin/policy-rc.d
      apt_install docker.io curl
    )
  fi
}

# docker_ping HOST: does the engine at HOST (unix://PATH or tcp://H:P) answer /_ping?
docker_ping() {
  case $1 in
    unix://*) curl -fs -o /dev/null --max-time 3 --unix-socket "${1#unix://}" http://docker/_ping ;;
    tcp://*) curl -fs -o /dev/null --max-time 3 "http://${1#tcp://}/_ping" ;;
    *) return 1 ;;
  esac
}

docker_external() {
  [ -n "${BERTH_DEV_DOCKER_HOST:-}" ] && [ "$BERTH_DEV_DOCKER_HOST" != "$DOCKER_OWN_HOST" ]
}

docker_up() {
  ensure_dirs
  local host=$DOCKER_OWN_HOST
  if docker_external && docker_ping "$BERTH_DEV_DOCKER_HOST"; then
    host=$BERTH_DEV_DOCKER_HOST
    say "docker: using the engine at $host (BERTH_DEV_DOCKER_HOST); none started"
    echo "$host" >"$BERTH_DEV_STATE/docker-external"
  else
    if docker_external; then
      say "docker: BERTH_DEV_DOCKER_HOST=$BERTH_DEV_DOCKER_HOST does not answer; starting our own engine"
    fi
    rm -f "$BERTH_DEV_STATE/docker-external"
    [ ${#DOCKER_OWN_HOST} -lt 100 ] || die "docker socket path too long for a unix socket: $DOCKER_OWN_HOST"
    mkdir -p "$DOCKER_DIR/data"
    chmod 700 "$DOCKER_DIR"
    [ -f "$DOCKER_DIR/daemon.json" ] || echo '{}' >"$DOCKER_DIR/daemon.json"
    if ! svc_alive docker-engine; then
      # A stale socket or pid file of an engine that died would stop dockerd from starting.
      rm -f "$DOCKER_DIR/docker.sock" "$DOCKER_DIR/dockerd.pid"
    fi
    svc_start docker-engine /usr/sbin/dockerd --config-file "$DOCKER_DIR/daemon.json" \
      --storage-driver vfs --iptables=false --ip6tables=false --bridge=none --ip-masq=false \
      --userland-proxy=false --data-root "$DOCKER_DIR/data" --exec-root "$DOCKER_EXEC_ROOT" \
      --pidfile "$DOCKER_DIR/dockerd.pid" -H "$DOCKER_OWN_HOST"
    svc_wait docker-engine 90 docker_ping "$DOCKER_OWN_HOST"
  fi
  local f=$ENV_DIR/docker.sh
  (
    umask 077
    cat >"$f.tmp" <<EOF
# docker: written by devenv/lib/docker.sh
export BERTH_DEV_DOCKER_HOST='$host'
export BERTH_DEV_DOCKER='$DOCKER_CLIENT'
EOF
  )
  mv -f "$f.tmp" "$f"
  chmod 600 "$f"
}

# Stop order matters: dockerd first (it restarts a containerd that dies under it), then its containerd and
# the shims of containers, if any are left. Everything here is identified by PID or by our own exec root.
docker_down() {
  local pidf=$RUN_DIR/docker-engine.pid pid kids
  [ -f "$pidf" ] || return 0
  pid=$(cat "$pidf")
  if svc_alive docker-engine; then
    # Containers first: a shell as PID 1 ignores SIGTERM and dockerd would wait 10 s for each.
    local ids
    ids=$(DOCKER_HOST=$DOCKER_OWN_HOST "$DOCKER_CLIENT" ps -q 2>/dev/null || true)
    if [ -n "$ids" ]; then
      # shellcheck disable=SC2086
      DOCKER_HOST=$DOCKER_OWN_HOST "$DOCKER_CLIENT" kill $ids >/dev/null 2>&1 || true
    fi
    kids=$(ps -o pid= --ppid "$pid" 2>/dev/null || true)
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
      svc_alive docker-engine || break
      sleep 0.2
    done
    if svc_alive docker-engine; then kill -KILL "$pid" 2>/dev/null || true; fi
    # shellcheck disable=SC2086
    docker_reap $kids
  fi
  # Anything still running from our exec root (containerd, shims) is ours.
  # shellcheck disable=SC2046
  docker_reap $(ps -e -o pid=,args= | R="$DOCKER_EXEC_ROOT/" awk 'index($0, ENVIRON["R"]) { print $1 }')
}

# docker_reap PID...: TERM these PIDs, KILL those still running (not zombies) after 10 s.
docker_reap() {
  [ $# -gt 0 ] || return 0
  local left
  kill -TERM "$@" 2>/dev/null || true
  left=$(wait_gone "$@")
  # shellcheck disable=SC2086
  [ -z "$left" ] || kill -KILL $left 2>/dev/null || true
}

docker_describe() {
  if [ -f "$BERTH_DEV_STATE/docker-external" ]; then
    echo "docker          $(cat "$BERTH_DEV_STATE/docker-external")  external engine (BERTH_DEV_DOCKER_HOST), client $DOCKER_CLIENT"
  else
    local v
    v=$(DOCKER_HOST=$DOCKER_OWN_HOST "$DOCKER_CLIENT" version -f '{{.Server.Version}}' 2>/dev/null || echo '?')
    echo "docker          $DOCKER_OWN_HOST  own dockerd $v (vfs, no network), client $DOCKER_CLIENT (DOCKER_HOST=\$BERTH_DEV_DOCKER_HOST)"
  fi
}
