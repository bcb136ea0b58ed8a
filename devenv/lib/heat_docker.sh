# shellcheck shell=bash
# Heat's Docker plugin, DockerInc::Docker::Container, for the dev cloud's Heat (with --heat). Sourced by
# devenv/berth-dev after openstack.sh, whose install and up call the two functions here.
#
# The plugin is not in the openstack-heat wheel: it lives in Heat's source tree as contrib/heat_docker and
# ships in the openstack-heat source distribution on PyPI. `install` downloads that sdist once (same version as
# the venv's heat) into $BERTH_DEV_CACHE/sdist; `up` copies the plugin out of it into $HEAT_DOCKER_PLUGIN_DIR
# (heat.conf's plugin_dirs), patched with devenv/heat_docker/docker_container.patch: upstream's plugin passes
# host options the way docker SDK < 2.0 took them and fails on every real engine; the patch explains.
# Heat registers the type only when the `docker` library imports (devenv/requirements.txt installs it).

HEAT_DOCKER_SDIST_DIR=$BERTH_DEV_CACHE/sdist
HEAT_DOCKER_PLUGIN_DIR=$OS_STATE/heat/plugins
HEAT_DOCKER_PATCH=$DEVENV_DIR/heat_docker/docker_container.patch

_heat_docker_version() {
  "$OS_PY" -c 'import importlib.metadata as m; print(m.version("openstack-heat"))'
}

# The cached sdist of VERSION (pip names it openstack_heat-V.tar.gz; older pips openstack-heat-V.tar.gz).
_heat_docker_sdist() {
  local f
  for f in "$HEAT_DOCKER_SDIST_DIR/openstack_heat-$1.tar.gz" "$HEAT_DOCKER_SDIST_DIR/openstack-heat-$1.tar.gz"; do
    [ -s "$f" ] && { echo "$f"; return 0; }
  done
  return 1
}

# Install time (needs the network): `patch`, and the sdist of the venv's heat, downloaded once.
heat_docker_install() {
  apt_install patch
  local ver tmp
  ver=$(_heat_docker_version) || die "no openstack-heat in $BERTH_DEV_VENV"
  _heat_docker_sdist "$ver" >/dev/null && return 0
  say "downloading the openstack-heat $ver source distribution for its Docker plugin (once)"
  mkdir -p "$HEAT_DOCKER_SDIST_DIR"
  tmp=$(mktemp -d "$HEAT_DOCKER_SDIST_DIR/download.XXXXXX")
  "$BERTH_DEV_VENV/bin/pip" download -q --disable-pip-version-check --no-deps --no-binary :all: \
    -d "$tmp" "openstack-heat==$ver" >"$tmp/pip.log" 2>&1 ||
    { tail -n 20 "$tmp/pip.log" >&2; rm -rf "$tmp"; die "pip download openstack-heat==$ver (sdist) failed"; }
  mv -f "$tmp"/openstack[-_]heat-"$ver".tar.gz "$HEAT_DOCKER_SDIST_DIR/"
  rm -rf "$tmp"
}

# Up time (no network needed): the patched plugin into $HEAT_DOCKER_PLUGIN_DIR/heat_docker. When its content
# changed while heat-engine runs, the engine is stopped so that `up` starts it again with the new plugin.
heat_docker_up() {
  local ver sdist tmp res=contrib/heat_docker/heat_docker/resources
  ver=$(_heat_docker_version) || die "no openstack-heat in $BERTH_DEV_VENV"
  sdist=$(_heat_docker_sdist "$ver") ||
    die "no openstack-heat $ver sdist in $HEAT_DOCKER_SDIST_DIR (Heat's Docker plugin): run \`devenv/berth-dev install openstack\` with network access"
  "$OS_PY" -c 'import docker' 2>/dev/null ||
    die "the docker Python library is missing from $BERTH_DEV_VENV: Heat would skip DockerInc::Docker::Container"
  tmp=$(mktemp -d)
  tar -xzf "$sdist" -C "$tmp" --strip-components=1 "openstack_heat-$ver/$res" 2>/dev/null ||
    tar -xzf "$sdist" -C "$tmp" --strip-components=1 "openstack-heat-$ver/$res" 2>/dev/null ||
    { rm -rf "$tmp"; die "no $res in $sdist"; }
  mkdir -p "$tmp/new/heat_docker"
  cp "$tmp/$res/__init__.py" "$tmp/$res/docker_container.py" "$tmp/new/heat_docker/"
  patch --batch --forward --quiet -d "$tmp/new/heat_docker" -p1 <"$HEAT_DOCKER_PATCH" >"$tmp/patch.log" 2>&1 ||
    { cat "$tmp/patch.log" >&2; rm -rf "$tmp"; die "$HEAT_DOCKER_PATCH does not apply to openstack-heat $ver's plugin"; }
  rm -f "$tmp/new/heat_docker"/*.orig
  if ! diff -r "$tmp/new/heat_docker" "$HEAT_DOCKER_PLUGIN_DIR/heat_docker" >/dev/null 2>&1; then
    mkdir -p "$HEAT_DOCKER_PLUGIN_DIR"
    rm -rf "$HEAT_DOCKER_PLUGIN_DIR/heat_docker"
    mv "$tmp/new/heat_docker" "$HEAT_DOCKER_PLUGIN_DIR/heat_docker"
    if svc_alive openstack-heat-engine; then
      say "heat: the Docker plugin changed, restarting heat-engine"
      svc_stop openstack-heat-engine
    fi
  fi
  rm -rf "$tmp"
}
