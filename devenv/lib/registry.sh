# shellcheck shell=bash
# Container registries for the dev environment: four CNCF distribution registries (Debian `docker-registry`)
# on 127.0.0.1, one per way berth must authenticate, plus a Docker-Hub-style token server, all seeded with small
# busybox images that are built here without a Docker daemon.
#
#   anon   127.0.0.1:5001  plain HTTP, no auth
#   basic  127.0.0.1:5002  plain HTTP, Basic auth (htpasswd, bcrypt), user berth
#   token  127.0.0.1:5003  plain HTTP, Bearer tokens from the token server on 127.0.0.1:5004/token
#                          (anonymous pull except repositories under private/; user berth may do anything)
#   tls    127.0.0.1:5005  HTTPS with a certificate from the CA generated here, no auth
#
# Ports: BERTH_DEV_REGISTRY_{ANON,BASIC,TOKEN,TLS}_PORT and BERTH_DEV_TOKEN_SERVER_PORT. Token lifetime:
# BERTH_DEV_TOKEN_TTL (seconds, default 300; read by the token server on every request, so a re-`up` with
# another value takes effect at once). Everything lives in $BERTH_DEV_STATE/registry; the seed OCI layouts are
# cached in $BERTH_DEV_CACHE/seed and the busybox-static .debs in $BERTH_DEV_CACHE/debs.

REG_DIR=$BERTH_DEV_STATE/registry
REG_ANON_PORT=${BERTH_DEV_REGISTRY_ANON_PORT:-5001}
REG_BASIC_PORT=${BERTH_DEV_REGISTRY_BASIC_PORT:-5002}
REG_TOKEN_PORT=${BERTH_DEV_REGISTRY_TOKEN_PORT:-5003}
REG_TOKENSERVER_PORT=${BERTH_DEV_TOKEN_SERVER_PORT:-5004}
REG_TLS_PORT=${BERTH_DEV_REGISTRY_TLS_PORT:-5005}
REG_USER=berth
REG_TOKEN_SERVICE=berth-dev-registry
REG_TOKEN_ISSUER=berth-dev-token-server
REG_VARIANTS=(anon basic token tls)
# What the seed step pushes into every registry (and describes in seed.json).
REG_SEED_REFS=(library/busybox:1.35 library/busybox:1.36 library/busybox:latest library/busybox:oci
  library/busybox:multi library/busybox:multi-oci private/secret:1.0)

reg_port() {
  case $1 in
    anon) echo "$REG_ANON_PORT" ;; basic) echo "$REG_BASIC_PORT" ;; token) echo "$REG_TOKEN_PORT" ;;
    tls) echo "$REG_TLS_PORT" ;; *) die "unknown registry variant $1" ;;
  esac
}

# apt_install, but Debian's maintainer scripts must not start a registry on :5000 or a system dockerd: hold
# them back with a policy-rc.d (exit 101 = "not allowed") for the time of the install, unless one exists.
reg_apt_install() {
  if [ -e /usr/sbin/policy-rc.d ]; then
    apt_install "$@"
  else
    (
      trap 'rm -f /usr/sbin/policy-rc.d' EXIT
      printf '#!/bin/sh\n# berth-dev: no daemons from maintainer scripts during install\nexit 101\n' \
        >/usr/sbin/policy-rc.d
      chmod 755 /usr/sbin/policy-rc.d
      apt_install "$@"
    )
  fi
}

# The busybox-static .debs (amd64 and arm64) the seed images are made of, kept in $BERTH_DEV_CACHE/debs.
reg_debs() {
  local d=$BERTH_DEV_CACHE/debs added=""
  mkdir -p "$d"
  if ! compgen -G "$d/busybox-static_*_amd64.deb" >/dev/null; then
    (cd "$d" && apt-get download -qq -o APT::Sandbox::User=root busybox-static:amd64 >/dev/null) || die "apt-get download busybox-static:amd64 failed"
  fi
  if ! compgen -G "$d/busybox-static_*_arm64.deb" >/dev/null; then
    say "downloading busybox-static:arm64 for the multi-arch seed image (once)"
    if ! dpkg --print-foreign-architectures | grep -qx arm64; then
      dpkg --add-architecture arm64
      added=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    (cd "$d" && apt-get download -qq -o APT::Sandbox::User=root busybox-static:arm64 >/dev/null) || die "apt-get download busybox-static:arm64 failed"
    # Leave apt as it was: only the .deb was wanted, not arm64 package lists on every later update.
    if [ -n "$added" ]; then dpkg --remove-architecture arm64 || true; fi
  fi
}

registry_install() {
  reg_apt_install docker-registry skopeo busybox-static apache2-utils openssl curl
  venv_install
  reg_debs
}

# ------------------------------------------------------------------------------------------------ services
reg_config() {
  local v=$1 port
  port=$(reg_port "$v")
  cat <<EOF
# written by devenv/lib/registry.sh
version: 0.1
log:
  level: info
  fields:
    service: registry-$v
storage:
  filesystem:
    rootdirectory: $REG_DIR/$v/data
  delete:
    enabled: true
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: $BERTH_DEV_HOST:$port
  secret: $(secret registry-http)
  headers:
    X-Content-Type-Options: [nosniff]
EOF
  case $v in
    basic)
      cat <<EOF
auth:
  htpasswd:
    realm: berth-dev-basic
    path: $REG_DIR/basic/htpasswd
EOF
      ;;
    token)
      cat <<EOF
auth:
  token:
    realm: http://$BERTH_DEV_HOST:$REG_TOKENSERVER_PORT/token
    service: $REG_TOKEN_SERVICE
    issuer: $REG_TOKEN_ISSUER
    rootcertbundle: $DEV_PKI/ca.pem
EOF
      ;;
    tls)
      cat <<EOF
  tls:
    certificate: $DEV_PKI/tls.pem
    key: $DEV_PKI/tls.key
EOF
      ;;
  esac
}

# reg_service NAME FILE CONTENT CMD...: (re)write FILE; if it changed while NAME runs, restart NAME; start it.
reg_service() {
  local name=$1 file=$2 content=$3
  shift 3
  if ! printf '%s\n' "$content" | cmp -s - "$file"; then
    (umask 077; printf '%s\n' "$content" >"$file")
    if svc_alive "$name"; then
      say "$name: configuration changed, restarting it"
      svc_stop "$name"
    fi
  fi
  svc_start "$name" "$@"
}

# The password goes to htpasswd on stdin (-i), not on its command line, where ps would show it.
reg_htpasswd() {
  local f=$REG_DIR/basic/htpasswd pw
  pw=$(secret registry-basic)
  if [ ! -s "$f" ] || ! printf '%s\n' "$pw" | htpasswd -vi "$f" "$REG_USER" >/dev/null 2>&1; then
    printf '%s\n' "$pw" | htpasswd -iBn "$REG_USER" | write_private "$f" || die "htpasswd failed"
  fi
}

reg_start_all() {
  local v
  for v in "${REG_VARIANTS[@]}"; do
    mkdir -p "$REG_DIR/$v/data"
  done
  reg_htpasswd
  # skopeo --dest-cert-dir wants a folder holding the CA as *.crt
  mkdir -p "$REG_DIR/tls/certs"
  cp -f "$DEV_PKI/ca.pem" "$REG_DIR/tls/certs/ca.crt"
  echo "${BERTH_DEV_TOKEN_TTL:-300}" >"$REG_DIR/token-ttl"

  for v in "${REG_VARIANTS[@]}"; do
    reg_service "registry-$v" "$REG_DIR/$v/config.yml" "$(reg_config "$v")" \
      /usr/bin/docker-registry serve "$REG_DIR/$v/config.yml"
  done
  local -a ts=("$BERTH_DEV_VENV/bin/python" "$DEVENV_DIR/py/tokenserver.py"
    --listen "$BERTH_DEV_HOST:$REG_TOKENSERVER_PORT" --issuer "$REG_TOKEN_ISSUER" --service "$REG_TOKEN_SERVICE"
    --key "$DEV_PKI/token.key" --chain "$DEV_PKI/token.pem" "$DEV_PKI/ca.pem"
    --user "$REG_USER" --password-file "$BERTH_DEV_STATE/secrets/registry-token"
    --private-prefix private/ --ttl-file "$REG_DIR/token-ttl")
  secret registry-token >/dev/null
  # The token server's "configuration" is its command line plus its code.
  reg_service registry-tokenserver "$REG_DIR/tokenserver.args" \
    "$(printf '%q ' "${ts[@]}"; sha256sum "$DEVENV_DIR/py/tokenserver.py" | cut -c1-16)" "${ts[@]}"

  local h=http://$BERTH_DEV_HOST
  svc_wait registry-anon 30 http_ok "$h:$REG_ANON_PORT/v2/"
  svc_wait registry-basic 30 reg_answers 401 "$h:$REG_BASIC_PORT/v2/"
  svc_wait registry-token 30 reg_answers 401 "$h:$REG_TOKEN_PORT/v2/"
  svc_wait registry-tls 30 http_ok --cacert "$DEV_PKI/ca.pem" "https://$BERTH_DEV_HOST:$REG_TLS_PORT/v2/"
  svc_wait registry-tokenserver 30 http_ok "$h:$REG_TOKENSERVER_PORT/healthz"
}

# reg_answers CODE URL: the URL answers with HTTP status CODE (not just anything listening on the port).
reg_answers() { [ "$(curl -sS -o /dev/null -w '%{http_code}' --max-time 2 "$2")" = "$1" ]; }

# ---------------------------------------------------------------------------------------------------- seed
# The seed OCI layout for the current .debs and builder; built once into $BERTH_DEV_CACHE/seed/KEY/oci.
reg_seed_layout() {
  local debs=$BERTH_DEV_CACHE/debs key dir tmp
  key=$(cat "$debs"/busybox-static_*_amd64.deb "$debs"/busybox-static_*_arm64.deb "$DEVENV_DIR/py/seedimages.py" \
    | sha256sum | cut -c1-16)
  dir=$BERTH_DEV_CACHE/seed/$key
  if [ ! -f "$dir/oci/index.json" ]; then
    say "building the seed images (busybox-static, amd64 + arm64) into $dir"
    tmp=$(mktemp -d "$BERTH_DEV_CACHE/seed-build.XXXXXX")
    local a
    for a in amd64 arm64; do
      mkdir -p "$tmp/$a"
      dpkg-deb --fsys-tarfile "$(compgen -G "$debs/busybox-static_*_$a.deb" | head -n1)" \
        | tar -xO ./bin/busybox >"$tmp/$a/busybox"
      [ -s "$tmp/$a/busybox" ] || die "no /bin/busybox in the $a busybox-static .deb"
    done
    chmod 755 "$tmp/amd64/busybox"
    "$tmp/amd64/busybox" --list-full >"$tmp/applets"
    "$BERTH_DEV_VENV/bin/python" "$DEVENV_DIR/py/seedimages.py" build --amd64 "$tmp/amd64/busybox" \
      --arm64 "$tmp/arm64/busybox" --applets "$tmp/applets" --out "$tmp/oci" || die "building the seed images failed"
    mkdir -p "$dir"
    rm -rf "$dir/oci"
    mv "$tmp/oci" "$dir/oci"
    rm -rf "$tmp"
  fi
  echo "$dir/oci"
}

# reg_push VARIANT LAYOUT: push every seed ref into one registry; one digest file per ref.
reg_push() {
  local v=$1 layout=$2 host out
  host=$BERTH_DEV_HOST:$(reg_port "$v")
  out=$REG_DIR/seed-digests/$v
  mkdir -p "$out"
  local -a dest=()
  case $v in
    anon) dest=(--dest-tls-verify=false) ;;
    basic|token) dest=(--dest-tls-verify=false --dest-authfile "$(reg_authfile "$v" "$host")") ;;
    tls) dest=(--dest-cert-dir "$REG_DIR/tls/certs") ;;
  esac
  # REF  SOURCE-REF  skopeo options
  local ref src opts
  while read -r ref src opts; do
    # shellcheck disable=SC2086
    skopeo --insecure-policy copy --retry-times 3 -q $opts --digestfile "$out/${ref//[\/:]/_}" \
      "${dest[@]}" "oci:$layout:$src" "docker://$host/$ref" </dev/null || return 1
  done <<'EOF'
library/busybox:1.35 1.35 --format v2s2
library/busybox:1.36 1.36 --format v2s2
library/busybox:latest latest --format v2s2
library/busybox:oci 1.36 --format oci
library/busybox:multi multi --all --format v2s2
library/busybox:multi-oci multi --all --format oci
private/secret:1.0 secret --format v2s2
EOF
}

# reg_authfile VARIANT HOST: a containers-auth.json (mode 0600) with the credentials of registry VARIANT, for
# skopeo's --dest-authfile: `--dest-creds USER:PASSWORD` would put the password where ps shows it. Prints its path.
reg_authfile() {
  local v=$1 host=$2 f=$REG_DIR/$1/push-auth.json
  printf '{"auths": {"%s": {"auth": "%s"}}}\n' "$host" \
    "$(printf '%s:%s' "$REG_USER" "$(secret "registry-$v")" | base64 -w0)" | write_private "$f"
  echo "$f"
}

# Push the seed images into every registry once per state (marker = the layout key), then describe them.
reg_seed() {
  local layout key marker=$REG_DIR/seeded v ref
  layout=$(reg_seed_layout)
  key=$(basename "$(dirname "$layout")")
  if [ "$(cat "$marker" 2>/dev/null)" = "$key" ] && [ -s "$REG_DIR/seed.json" ]; then
    return 0
  fi
  say "seeding the registries (${#REG_SEED_REFS[@]} tags into each of ${REG_VARIANTS[*]})"
  rm -f "$marker"
  local -A pids=()
  for v in "${REG_VARIANTS[@]}"; do
    : >"$LOG_DIR/registry-seed-$v.log"
    reg_push "$v" "$layout" >>"$LOG_DIR/registry-seed-$v.log" 2>&1 &
    pids[$v]=$!
  done
  local failed=""
  for v in "${REG_VARIANTS[@]}"; do
    wait "${pids[$v]}" || failed="$failed $v"
  done
  for v in $failed; do
    say "seeding registry-$v failed; last lines of $LOG_DIR/registry-seed-$v.log:"
    tail -n 20 "$LOG_DIR/registry-seed-$v.log" >&2
  done
  [ -z "$failed" ] || die "seeding failed:$failed"
  # skopeo's conversions are deterministic: every registry must hold the very same manifests.
  for ref in "${REG_SEED_REFS[@]}"; do
    for v in "${REG_VARIANTS[@]}"; do
      cmp -s "$REG_DIR/seed-digests/anon/${ref//[\/:]/_}" "$REG_DIR/seed-digests/$v/${ref//[\/:]/_}" \
        || die "seed: $ref has another digest in registry-$v than in registry-anon"
    done
  done
  "$BERTH_DEV_VENV/bin/python" "$DEVENV_DIR/py/seedimages.py" describe \
    --registry "$BERTH_DEV_HOST:$REG_ANON_PORT" --out "$REG_DIR/seed.json" \
    "${REG_SEED_REFS[@]}" || die "describing the seed images failed"
  echo "$key" >"$marker"
}

# ------------------------------------------------------------------------------------------------ env, up
reg_env() {
  local f=$ENV_DIR/registry.sh h=$BERTH_DEV_HOST
  (
    umask 077
    cat >"$f.tmp" <<EOF
# registry: written by devenv/lib/registry.sh
export BERTH_DEV_REGISTRY_ANON='$h:$REG_ANON_PORT'
export BERTH_DEV_REGISTRY_BASIC='$h:$REG_BASIC_PORT'
export BERTH_DEV_REGISTRY_BASIC_USER='$REG_USER'
export BERTH_DEV_REGISTRY_BASIC_PASSWORD='$(secret registry-basic)'
export BERTH_DEV_REGISTRY_TOKEN='$h:$REG_TOKEN_PORT'
export BERTH_DEV_TOKEN_REALM='http://$h:$REG_TOKENSERVER_PORT/token'
export BERTH_DEV_TOKEN_SERVICE='$REG_TOKEN_SERVICE'
export BERTH_DEV_TOKEN_ISSUER='$REG_TOKEN_ISSUER'
export BERTH_DEV_TOKEN_TTL='$(cat "$REG_DIR/token-ttl")'
export BERTH_DEV_REGISTRY_TOKEN_USER='$REG_USER'
export BERTH_DEV_REGISTRY_TOKEN_PASSWORD='$(secret registry-token)'
export BERTH_DEV_REGISTRY_TLS='$h:$REG_TLS_PORT'
export BERTH_DEV_REGISTRY_TLS_HOST='localhost:$REG_TLS_PORT'
export BERTH_DEV_REGISTRY_CA='$DEV_PKI/ca.pem'
export BERTH_DEV_REGISTRY_CERT_DIR='$REG_DIR/tls/certs'
export BERTH_DEV_SEED='$REG_DIR/seed.json'
EOF
  )
  mv -f "$f.tmp" "$f"
  chmod 600 "$f"
}

registry_up() {
  ensure_dirs
  mkdir -p "$REG_DIR"
  chmod 700 "$REG_DIR"
  dev_pki
  reg_start_all
  reg_seed
  reg_env
}

registry_describe() {
  local h=$BERTH_DEV_HOST
  echo "registry anon   http://$h:$REG_ANON_PORT   no auth"
  echo "registry basic  http://$h:$REG_BASIC_PORT   Basic auth (htpasswd bcrypt), user $REG_USER, password \$BERTH_DEV_REGISTRY_BASIC_PASSWORD"
  echo "registry token  http://$h:$REG_TOKEN_PORT   Bearer tokens from http://$h:$REG_TOKENSERVER_PORT/token (service $REG_TOKEN_SERVICE, ttl $(cat "$REG_DIR/token-ttl")s): anonymous pull except private/*, user $REG_USER (\$BERTH_DEV_REGISTRY_TOKEN_PASSWORD) pull/push"
  echo "registry tls    https://$h:$REG_TLS_PORT  no auth, certificate (IP:127.0.0.1, DNS:localhost) from CA $DEV_PKI/ca.pem"
  echo "registry seed   library/busybox:{1.35,1.36,latest,oci,multi,multi-oci} and private/secret:1.0 in each; see $REG_DIR/seed.json"
}
