# shellcheck shell=bash
# Shared by every devenv script: where things live, logging, and how services are started, waited for and
# stopped. Services are started with setsid so that each one's PID is its own process group and session; the PID
# is recorded under $BERTH_DEV_STATE/run and `down` kills exactly those sessions, never anything by name.

set -euo pipefail

DEVENV_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPO_DIR=$(cd "$DEVENV_DIR/.." && pwd)

# Heavy, reusable things (venvs, downloaded .debs, built seed images) live outside the repo and survive `down`.
BERTH_DEV_CACHE=${BERTH_DEV_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/berth-dev}

# The OpenStack releases the dev cloud runs, the default (the newest) first. Each has its own venv, its own
# requirements and constraints files and its own state dir (the same layout inside); they share the ports, so one
# runs at a time (`up` refuses to start one while another runs). BERTH_DEV_RELEASE (`berth-dev --release`)
# chooses; where the releases differ (WSGI entry points, options, policies), lib/openstack.sh says so by release.
#   release  venv                      pip -r / -c                                        state
#   2026.2   $BERTH_DEV_CACHE/venv     requirements.txt, constraints.txt                  $BERTH_DEV_CACHE/state
#   2024.1   $BERTH_DEV_CACHE/venv-2024.1  requirements-2024.1.txt, constraints-2024.1.txt  $BERTH_DEV_CACHE/state-2024.1
BERTH_DEV_RELEASES=(2026.2 2024.1)
# The release `up` started last and its state dir ("RELEASE STATE"): what down/status/env/reset act on when no
# release is named (berth-dev sets BERTH_DEV_FOLLOW_LAST for those), and what `up` checks before starting another.
BERTH_DEV_LAST_UP=$BERTH_DEV_CACHE/release-up
if [ -z "${BERTH_DEV_RELEASE:-}" ] && [ "${BERTH_DEV_FOLLOW_LAST:-0}" = 1 ] && [ -s "$BERTH_DEV_LAST_UP" ]; then
  read -r BERTH_DEV_RELEASE _last_state <"$BERTH_DEV_LAST_UP" || true
  [ -n "${BERTH_DEV_STATE:-}" ] || BERTH_DEV_STATE=$_last_state
  unset _last_state
fi
BERTH_DEV_RELEASE=${BERTH_DEV_RELEASE:-${BERTH_DEV_RELEASES[0]}}
case " ${BERTH_DEV_RELEASES[*]} " in
  *" $BERTH_DEV_RELEASE "*) ;;
  *) printf 'berth-dev: error: unknown release `%s` (releases: %s)\n' "$BERTH_DEV_RELEASE" "${BERTH_DEV_RELEASES[*]}" >&2
     exit 2 ;;
esac
# release_suffix [R]: "" for the default release, "-R" for another (its files' and directories' suffix).
release_suffix() { local r=${1:-$BERTH_DEV_RELEASE}; [ "$r" = "${BERTH_DEV_RELEASES[0]}" ] || echo "-$r"; }
# Runtime state (databases, configs, logs, PIDs, generated credentials). Kept across `down` so that a second
# `up` is fast; `berth-dev reset` wipes it.
BERTH_DEV_STATE=${BERTH_DEV_STATE:-$BERTH_DEV_CACHE/state$(release_suffix)}
BERTH_DEV_VENV=${BERTH_DEV_VENV:-$BERTH_DEV_CACHE/venv$(release_suffix)}
BERTH_DEV_REQUIREMENTS=$DEVENV_DIR/requirements$(release_suffix).txt
BERTH_DEV_CONSTRAINTS=$DEVENV_DIR/constraints$(release_suffix).txt
BERTH_DEV_HOST=127.0.0.1
export BERTH_DEV_CACHE BERTH_DEV_STATE BERTH_DEV_VENV BERTH_DEV_HOST BERTH_DEV_RELEASE

RUN_DIR=$BERTH_DEV_STATE/run      # NAME.pid, start order in `order`
LOG_DIR=$BERTH_DEV_STATE/log      # NAME.log
ENV_DIR=$BERTH_DEV_STATE/env.d    # one sourceable fragment per component, merged into env.sh
DEV_PKI=$BERTH_DEV_STATE/pki      # the CA and certificates (dev_pki)

say() { printf 'berth-dev: %s\n' "$*" >&2; }
die() { printf 'berth-dev: error: %s\n' "$*" >&2; exit 1; }

# Whole seconds since the script started, for the timing lines.
elapsed() { echo "$SECONDS"; }

ensure_dirs() { mkdir -p "$BERTH_DEV_CACHE" "$RUN_DIR" "$LOG_DIR" "$ENV_DIR"; }

# Is the recorded service NAME running?
svc_alive() {
  local pidf=$RUN_DIR/$1.pid pid
  [ -f "$pidf" ] || return 1
  pid=$(cat "$pidf")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && [ "$(ps -o stat= -p "$pid" | cut -c1)" != Z ]
}

# svc_start NAME CMD...: start CMD in its own session, output to $LOG_DIR/NAME.log, PID recorded.
# A service that already runs is left alone (that is what makes `up` idempotent).
svc_start() {
  local name=$1; shift
  ensure_dirs
  if svc_alive "$name"; then
    return 0
  fi
  local log=$LOG_DIR/$name.log
  printf '\n==== %s start %s\n' "$name" "$(date -u +%FT%TZ)" >>"$log"
  # A background job of a non-interactive shell is not a process-group leader, so setsid execs in place and
  # $! is the service's own PID = its process group = its session.
  # berth-dev's component locks are fds 20..29: a service must not inherit (and so hold) them.
  setsid "$@" >>"$log" 2>&1 </dev/null 20>&- 21>&- 22>&- 23>&- 24>&- 25>&- 26>&- 27>&- 28>&- 29>&- &
  echo $! >"$RUN_DIR/$name.pid"
  grep -qx "$name" "$RUN_DIR/order" 2>/dev/null || echo "$name" >>"$RUN_DIR/order"
}

# Fail fast: print the tail of NAME's log and exit.
svc_fail() {
  local name=$1 why=$2
  say "$name: $why; last lines of $LOG_DIR/$name.log:"
  tail -n 40 "$LOG_DIR/$name.log" >&2 2>/dev/null || true
  exit 1
}

# svc_wait NAME TIMEOUT CHECK...: run CHECK until it succeeds; fail at once if NAME's process died.
svc_wait() {
  local name=$1 timeout=$2; shift 2
  local deadline=$((SECONDS + timeout))
  while ! "$@" >/dev/null 2>&1; do
    svc_alive "$name" || svc_fail "$name" "exited during start-up"
    [ "$SECONDS" -lt "$deadline" ] || svc_fail "$name" "not ready after ${timeout}s (check: $*)"
    sleep 0.3
  done
}

# Checks for svc_wait.
http_ok() { curl -fsS -o /dev/null --max-time 2 "$@"; }          # 2xx/3xx
http_up() { curl -sS -o /dev/null --max-time 2 "$@"; }           # any HTTP answer (401 counts)
port_open() { (exec 3<>"/dev/tcp/$BERTH_DEV_HOST/$1") 2>/dev/null; }

# Every PID in the session or process group that started as NAME (the session survives its leader).
svc_members() {
  local sid=$1
  ps -e -o pid=,sid=,pgid= | awk -v s="$sid" '$2 == s || $3 == s { print $1 }'
}

# svc_stop NAME: TERM the service's whole session, KILL what is left after a grace period, remove its record.
svc_stop() {
  local name=$1 pidf=$RUN_DIR/$1.pid sid pids i
  [ -f "$pidf" ] || return 0
  sid=$(cat "$pidf")
  pids=$(svc_members "$sid")
  if [ -n "$pids" ]; then
    # shellcheck disable=SC2086
    kill -TERM $pids 2>/dev/null || true
    for i in $(seq 1 50); do
      pids=$(svc_members "$sid" | while read -r p; do
        [ "$(ps -o stat= -p "$p" 2>/dev/null | cut -c1)" = Z ] || echo "$p"; done)
      [ -z "$pids" ] && break
      sleep 0.2
    done
    # shellcheck disable=SC2086
    [ -n "$pids" ] && kill -KILL $pids 2>/dev/null || true
  fi
  rm -f "$pidf"
}

# wait_gone PID...: wait up to 10 s for the processes to end (a killed process can take a moment, and PID 1 here
# reaps slowly: zombies count as gone); print those still running.
wait_gone() {
  local i p left
  for i in $(seq 1 50); do
    left=""
    for p in "$@"; do
      kill -0 "$p" 2>/dev/null && [ "$(ps -o stat= -p "$p" 2>/dev/null | cut -c1)" != Z ] && left="$left $p"
    done
    [ -z "$left" ] && return 0
    sleep 0.2
  done
  echo "$left"
}

# svc_stop_all [PREFIX...]: stop every recorded service (or those whose names start with PREFIX-), last
# started first, and check that none of their processes is left. Service names are COMPONENT-NAME.
svc_stop_all() {
  [ -f "$RUN_DIR/order" ] || return 0
  local name left="" pre keep
  local -a sids=()
  for name in $(tac "$RUN_DIR/order"); do
    keep=$#
    for pre in "$@"; do case $name in "$pre"-*) keep=0 ;; esac; done
    [ "$keep" -eq 0 ] || continue
    [ -f "$RUN_DIR/$name.pid" ] && sids+=("$(cat "$RUN_DIR/$name.pid")")
    svc_stop "$name"
    sed -i "/^${name}\$/d" "$RUN_DIR/order"
  done
  [ -s "$RUN_DIR/order" ] || rm -f "$RUN_DIR/order"
  # PID 1 here reaps slowly: zombies do not count as running.
  local sid members=()
  for sid in ${sids[@]+"${sids[@]}"}; do
    # shellcheck disable=SC2207
    members+=($(svc_members "$sid"))
  done
  left=$(wait_gone ${members[@]+"${members[@]}"})
  [ -z "$left" ] || die "processes still running after down:$left ($(ps -o pid=,cmd= -p "${left// /,}" 2>/dev/null | cut -c1-80 | tr '\n' ';'))"
}

# Does any recorded service of the state dir STATE run?
state_running() {
  local f pid
  for f in "$1"/run/*.pid; do
    [ -f "$f" ] || continue
    pid=$(cat "$f" 2>/dev/null)
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && [ "$(ps -o stat= -p "$pid" | cut -c1)" != Z ] && return 0
  done
  return 1
}

# The release whose databases the state dir STATE holds (recorded by `up`; a state dir made before releases were
# recorded is the default release's). Empty for a state dir that holds nothing yet.
state_release() {
  if [ -s "$1/release" ]; then cat "$1/release"
  elif [ -d "$1/openstack" ]; then echo "${BERTH_DEV_RELEASES[0]}"
  fi
}

# Before `up`: this state dir must be this release's, and no other release may run (they share the ports).
# Another release's environment is found by the last `up` ($BERTH_DEV_LAST_UP) and in the releases' own state
# dirs. Then this release becomes the last `up`.
release_claim() {
  local have st rel
  have=$(state_release "$BERTH_DEV_STATE")
  [ -z "$have" ] || [ "$have" = "$BERTH_DEV_RELEASE" ] ||
    die "$BERTH_DEV_STATE holds release $have's databases, not $BERTH_DEV_RELEASE's; hint: unset BERTH_DEV_STATE (each release has a state dir of its own) or name another"
  local -a others=()
  if [ -s "$BERTH_DEV_LAST_UP" ]; then
    read -r rel st <"$BERTH_DEV_LAST_UP" || true
    others+=("$st")
  fi
  for rel in "${BERTH_DEV_RELEASES[@]}"; do others+=("$BERTH_DEV_CACHE/state$(release_suffix "$rel")"); done
  for st in "${others[@]}"; do
    [ -n "$st" ] && [ "$st" != "$BERTH_DEV_STATE" ] || continue
    if state_running "$st"; then
      rel=$(state_release "$st")
      die "release ${rel:-?} is up (state $st), and one release runs at a time; hint: \`devenv/berth-dev down\` first (it stops the release \`up\` started last), then \`devenv/berth-dev up --release $BERTH_DEV_RELEASE\`"
    fi
  done
  mkdir -p "$BERTH_DEV_STATE" "$BERTH_DEV_CACHE"
  echo "$BERTH_DEV_RELEASE" >"$BERTH_DEV_STATE/release"
  echo "$BERTH_DEV_RELEASE $BERTH_DEV_STATE" >"$BERTH_DEV_LAST_UP"
}

# Print name, state and PID of every recorded service. Returns 1 if any recorded service is down.
svc_status() {
  local name rc=0
  [ -f "$RUN_DIR/order" ] || { echo "nothing is running (no services recorded in $RUN_DIR)"; return 3; }
  for name in $(cat "$RUN_DIR/order"); do
    if svc_alive "$name"; then
      printf '%-22s running  pid %s\n' "$name" "$(cat "$RUN_DIR/$name.pid")"
    else
      printf '%-22s DOWN     (log: %s)\n' "$name" "$LOG_DIR/$name.log"
      rc=1
    fi
  done
  return $rc
}

# apt_install PKG...: install the Debian packages that are missing (apt-get update once per hour at most).
apt_install() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing Debian packages: ${missing[*]}"
  local stamp=$BERTH_DEV_CACHE/apt-updated
  if [ ! -f "$stamp" ] || [ -n "$(find "$stamp" -mmin +60)" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    touch "$stamp"
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    -o Dpkg::Options::=--force-confold "${missing[@]}" >/dev/null
  # Debian's packages start their own daemons via policy-rc.d/systemd where they can; ours run under devenv.
}

# apt_install_without_daemons PKG...: apt_install, but the packages' maintainer scripts must not start daemons
# (berth-dev runs its own): a policy-rc.d that forbids every start while apt runs (only if the machine has none;
# an existing one is left alone).
apt_install_without_daemons() {
  local policy=/usr/sbin/policy-rc.d ours=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\n# written by berth devenv during apt-get install; removed afterwards\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    ours=1
  fi
  local rc=0
  apt_install "$@" || rc=$?
  [ "$ours" -eq 1 ] && rm -f "$policy"
  [ "$rc" -eq 0 ] || die "apt-get install $* failed"
}

# The Python venv of the release with the OpenStack services, clients and test tools, reused while its
# requirements are unchanged. A venv of another release is never replaced (BERTH_DEV_VENV inherited from the
# other release's env.sh would otherwise cost it its venv): that is an error.
venv_install() {
  local want have="" rel
  want=$(cat "$BERTH_DEV_REQUIREMENTS" "$BERTH_DEV_CONSTRAINTS" | sha256sum | cut -c1-16)
  [ -f "$BERTH_DEV_VENV/.berth-reqs" ] && have=$(cat "$BERTH_DEV_VENV/.berth-reqs")
  [ "$want" = "$have" ] && return 0
  rel=$(venv_release)
  [ -z "$rel" ] || [ "$rel" = "$BERTH_DEV_RELEASE" ] ||
    die "$BERTH_DEV_VENV is the venv of release $rel, not $BERTH_DEV_RELEASE; unset BERTH_DEV_VENV or name another"
  say "creating the Python venv of release $BERTH_DEV_RELEASE in $BERTH_DEV_VENV (once; about two minutes)"
  rm -rf "$BERTH_DEV_VENV"
  python3 -m venv "$BERTH_DEV_VENV"
  "$BERTH_DEV_VENV/bin/pip" install -q --disable-pip-version-check --upgrade pip >/dev/null
  "$BERTH_DEV_VENV/bin/pip" install -q --disable-pip-version-check \
    -r "$BERTH_DEV_REQUIREMENTS" -c "$BERTH_DEV_CONSTRAINTS"
  echo "$BERTH_DEV_RELEASE" >"$BERTH_DEV_VENV/.berth-release"
  echo "$want" >"$BERTH_DEV_VENV/.berth-reqs"
}

# The release the venv was made for (venvs made before releases were recorded: the default one, if it exists).
venv_release() {
  if [ -s "$BERTH_DEV_VENV/.berth-release" ]; then cat "$BERTH_DEV_VENV/.berth-release"
  elif [ -f "$BERTH_DEV_VENV/.berth-reqs" ]; then echo "${BERTH_DEV_RELEASES[0]}"
  fi
}

# A random secret, created once per state dir and kept in $BERTH_DEV_STATE/secrets/NAME.
secret() {
  local f=$BERTH_DEV_STATE/secrets/$1
  if [ ! -s "$f" ]; then
    (umask 077; mkdir -p "$BERTH_DEV_STATE/secrets"; head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$f")
  fi
  cat "$f"
}

# write_private FILE: write stdin to FILE, which is mode 0600 from its creation on (mktemp makes it so), even
# when FILE existed with a wider mode, and replaced in one step. For every file that holds a secret: writing
# first and chmod-ing afterwards leaves a moment in which others may open (and keep open) the file.
write_private() {
  local f=$1 tmp
  tmp=$(mktemp "$f.XXXXXX") || return 1
  if cat >"$tmp"; then mv -f "$tmp" "$f"; else rm -f "$tmp"; return 1; fi
}

# The environment's one CA ($DEV_PKI/ca.pem = BERTH_DEV_CA) signs the TLS certificate of every HTTPS endpoint
# (IP:127.0.0.1, DNS:localhost: the TLS registry, Keystone's TLS front) and the registry token signer.
# Only what is missing is generated.
# A subshell: the keys are written under umask 077, so they are never readable by others, not even for a moment.
dev_pki() (
  local p=$DEV_PKI
  umask 077
  mkdir -p "$p"
  chmod 700 "$p"
  cat >"$p/openssl.cnf" <<'EOF'
[req]
distinguished_name = dn
prompt = no
[dn]
CN = berth-dev
[ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[tls]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1,DNS:localhost
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[token]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF
  if [ ! -s "$p/ca.pem" ] || [ ! -s "$p/ca.key" ]; then
    rm -f "$p"/*.pem "$p"/*.key
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -config "$p/openssl.cnf" -extensions ca \
      -subj "/O=berth-dev/CN=berth-dev dev CA" -keyout "$p/ca.key" -out "$p/ca.pem" 2>/dev/null \
      || die "openssl: cannot create the dev CA"
  fi
  dev_pki_leaf tls "/O=berth-dev/CN=localhost"
  dev_pki_leaf token "/O=berth-dev/CN=berth-dev token signer"
  chmod 600 "$p"/*.key
  chmod 644 "$p"/*.pem
)

dev_pki_leaf() {
  local p=$DEV_PKI name=$1 subj=$2
  [ -s "$p/$name.pem" ] && [ -s "$p/$name.key" ] && return 0
  openssl req -new -newkey rsa:2048 -nodes -config "$p/openssl.cnf" -subj "$subj" \
    -keyout "$p/$name.key" -out "$p/$name.csr" 2>/dev/null || die "openssl: cannot create the $name key"
  openssl x509 -req -in "$p/$name.csr" -CA "$p/ca.pem" -CAkey "$p/ca.key" -set_serial "0x$(openssl rand -hex 16)" \
    -days 3650 -extfile "$p/openssl.cnf" -extensions "$name" -out "$p/$name.pem" 2>/dev/null \
    || die "openssl: cannot sign the $name certificate"
  rm -f "$p/$name.csr"
}

# Merge the components' env fragments into one sourceable file and print its path.
write_env() {
  ensure_dirs
  {
    echo "# written by devenv/berth-dev; source it to talk to the dev environment"
    echo "export BERTH_DEV_STATE='$BERTH_DEV_STATE' BERTH_DEV_VENV='$BERTH_DEV_VENV' BERTH_DEV_RELEASE='$BERTH_DEV_RELEASE'"
    [ -s "$DEV_PKI/ca.pem" ] && echo "export BERTH_DEV_CA='$DEV_PKI/ca.pem'"
    cat "$ENV_DIR"/*.sh 2>/dev/null || true
  } | write_private "$BERTH_DEV_STATE/env.sh"   # it holds the fragments' passwords
}
