#!/usr/bin/env bash
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<'USAGE'
Usage: deploy.sh <dev|prod> [--project-dir DIR]

Builds the project's image as appx-<id>:<env>, replaces the <id>-<env> container
with a fresh one publishing the port from .pi/deployment.json, waits for HTTP 200
on http://127.0.0.1:<port>/ and prints the public URL.

Environment:
  APP_CONTAINER_RUNTIME       podman (default) or docker
  APP_PROJECT_DIR             project directory (default: the working directory)
  APP_DEPLOY_HEALTH_TRIES     health-check attempts (default: 30)
  APP_DEPLOY_HEALTH_INTERVAL  seconds between attempts (default: 2)
USAGE
}

parse_args "$@"
require_env_name "$ARG"
env="$ARG"
load_project
require_port "$env"
load_runtime
[[ -f "$PROJECT_DIR/Dockerfile" ]] || die "no Dockerfile in $PROJECT_DIR"

image="$(image_ref "$env")"
old_prod_id=""
if [[ "$env" == "prod" ]]; then
  old_prod_id="$(image_id "$image")"
fi

info "Building $image from $PROJECT_DIR with $RUNTIME"
rt build -t "$image" "$PROJECT_DIR"

if [[ "$env" == "prod" ]]; then
  keep_previous_prod "$old_prod_id" "$(image_id "$image")"
fi

start_container "$env" "$image"
if ! wait_for_http "$PORT"; then
  show_logs "$(container_name "$env")"
  die "$env deploy is running but unhealthy; read the logs above, fix the app and deploy again"
fi
report_url "$env"
