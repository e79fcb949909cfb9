#!/usr/bin/env bash
# Installs the command-line tools the test bed and the integration tests need, from Debian packages.
# Idempotent: installs only what is missing, and runs `apt-get update` only when something is.
# Called by .ci/run and by the test code (TestTools) before it starts a registry.
set -euo pipefail

# package -> a file that shows it is installed
declare -A MARKER=(
  [docker-registry]=/usr/bin/docker-registry
  [skopeo]=/usr/bin/skopeo
  [podman]=/usr/bin/podman
  [runc]=/usr/sbin/runc
  [busybox-static]=/bin/busybox
  [openssl]=/usr/bin/openssl
  [apache2-utils]=/usr/bin/htpasswd
  [maven]=/usr/share/maven/bin/mvn
  [tinyproxy]=/usr/bin/tinyproxy
  [gnupg]=/usr/bin/gpg
)

missing=()
for pkg in docker-registry skopeo podman runc busybox-static openssl apache2-utils maven tinyproxy gnupg; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' \
     || [ ! -e "${MARKER[$pkg]}" ]; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-test-tools: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
# Several test JVMs may call this at once; apt's own lock makes them wait for each other.
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >&2
