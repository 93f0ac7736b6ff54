#!/usr/bin/env bash
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<'USAGE'
Usage: rollback.sh [--project-dir DIR]

Puts appx-<id>:prod-previous back into PROD: the two tags swap (so running it
again undoes the rollback) and <id>-prod is recreated on the PROD port from
.pi/deployment.json, then checked for HTTP 200.

Environment: APP_CONTAINER_RUNTIME, APP_PROJECT_DIR, APP_DEPLOY_HEALTH_TRIES,
APP_DEPLOY_HEALTH_INTERVAL (see deploy.sh --help).
USAGE
}

parse_args "$@"
[[ -z "$ARG" ]] || die "rollback.sh takes no environment: only PROD can be rolled back"
load_project
require_port prod
load_runtime

prod_image="$(image_ref prod)"
previous_image="$(image_ref prod-previous)"
previous_id="$(image_id "$previous_image")"
[[ -n "$previous_id" ]] || die "no $previous_image image: there is nothing to roll back to"
current_id="$(image_id "$prod_image")"

rt tag "$previous_id" "$prod_image"
if [[ -n "$current_id" && "$current_id" != "$previous_id" ]]; then
  rt tag "$current_id" "$previous_image"
fi
info "Rolled $prod_image back to the previous PROD image"

start_container prod "$prod_image"
if ! wait_for_http "$PORT"; then
  show_logs "$(container_name prod)"
  die "PROD is unhealthy after the rollback; read the logs above"
fi
report_url prod
