#!/bin/sh
# The "roll-out" of the example ITs: runs the image just pushed (pulled from the registry by digest) under podman,
# as a deploy job would start it on a server. Arguments: the port to listen on, then extra `-e NAME=VALUE` options.
# The container id goes to deployed/<port>.cid (the verify script removes it by that id); a container already
# running there for this IT is replaced.
# ECR_IMAGE_URI, ECR_IMAGE_DIGEST and ECR_IMAGE_TAGS come from the plugin; IT_REGISTRY_USER/_PASSWORD from the test bed.
set -eu
port=$1; shift
mkdir -p deployed
printf 'ECR_IMAGE_URI=%s\nECR_IMAGE_DIGEST=%s\nECR_IMAGE_TAGS=%s\n' "$ECR_IMAGE_URI" "$ECR_IMAGE_DIGEST" "$ECR_IMAGE_TAGS" > "deployed/$port.env"
# One line per roll-out, so that a test can follow releases and roll-backs (ECR_ROLLBACK=true) in order.
printf '%s rollback=%s\n' "$ECR_IMAGE_DIGEST" "${ECR_ROLLBACK:-false}" >> "deployed/$port.history"
podman pull -q --tls-verify=false --creds "$IT_REGISTRY_USER:$IT_REGISTRY_PASSWORD" "$ECR_IMAGE_URI" > /dev/null
# A roll-out replaces what runs on the port: the container of the previous roll-out is removed by its id.
if [ -f "deployed/$port.cid" ]; then
  podman rm -f -t 1 "$(cat "deployed/$port.cid")" > /dev/null 2>&1 || true
  rm -f "deployed/$port.cid"
fi
podman run -d --cidfile "deployed/$port.cid" -e "PORT=$port" "$@" "$ECR_IMAGE_URI" > /dev/null
echo "rolled out $ECR_IMAGE_DIGEST on port $port"
