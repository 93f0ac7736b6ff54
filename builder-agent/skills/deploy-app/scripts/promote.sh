#!/usr/bin/env bash
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<'USAGE'
Usage: promote.sh [--project-dir DIR]

Promotes the exact image the <id>-dev container is running to PROD without
rebuilding: the image is re-tagged appx-<id>:prod, the image PROD ran before is
kept as appx-<id>:prod-previous, and <id>-prod is recreated on the PROD port from
.pi/deployment.json. DEV must be running (and answer 200 when it has a port).

Environment: APP_CONTAINER_RUNTIME, APP_PROJECT_DIR, APP_DEPLOY_HEALTH_TRIES,
APP_DEPLOY_HEALTH_INTERVAL (see deploy.sh --help).
USAGE
}

parse_args "$@"
[[ -z "$ARG" ]] || die "promote.sh takes no environment: it always promotes DEV to PROD"
load_project
require_port prod
load_runtime

dev_name="$(container_name dev)"
running="$(rt container inspect --format '{{.State.Running}}' "$dev_name" 2>/dev/null || true)"
[[ "$running" == "true" ]] || die "DEV container $dev_name is not running: run deploy.sh dev and check it first"
dev_image_id="$(rt container inspect --format '{{.Image}}' "$dev_name")"
[[ -n "$dev_image_id" ]] || die "cannot tell which image $dev_name runs"

read_deployment dev
if [[ -n "$PORT" ]]; then
  wait_for_http "$PORT" || die "DEV is not healthy; fix it before promoting"
fi

require_port prod
prod_image="$(image_ref prod)"
old_prod_id="$(image_id "$prod_image")"
if [[ "$old_prod_id" == "$dev_image_id" ]]; then
  info "PROD already has this image; restarting it"
fi
keep_previous_prod "$old_prod_id" "$dev_image_id"
rt tag "$dev_image_id" "$prod_image"
info "Promoted the image running in $dev_name to $prod_image"

start_container prod "$prod_image"
if ! wait_for_http "$PORT"; then
  show_logs "$(container_name prod)"
  die "PROD is unhealthy after the promotion; run rollback.sh to restore the previous image"
fi
report_url prod
