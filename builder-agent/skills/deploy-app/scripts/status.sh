#!/usr/bin/env bash
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<'USAGE'
Usage: status.sh [--project-dir DIR]

Shows, for DEV and PROD, the configured port and public URL, the container state,
the image it runs and what http://127.0.0.1:<port>/ answers right now, followed by
the project's image tags. Changes nothing.

Environment: APP_CONTAINER_RUNTIME, APP_PROJECT_DIR.
USAGE
}

parse_args "$@"
[[ -z "$ARG" ]] || die "status.sh takes no arguments besides --project-dir"
load_project
load_runtime

info "project:  $PROJECT_ID ($PROJECT_DIR)"
info "runtime:  $RUNTIME"
if [[ ! -f "$DEPLOYMENT_FILE" ]]; then
  info "config:   $DEPLOYMENT_FILE is missing, so nothing can be deployed yet"
fi

for env in dev prod; do
  name="$(container_name "$env")"
  PORT=""
  PUBLIC_URL=""
  if [[ -f "$DEPLOYMENT_FILE" ]]; then
    read_deployment "$env"
  fi
  state="$(rt container inspect --format '{{.State.Status}}' "$name" 2>/dev/null || true)"
  image=""
  if [[ -n "$state" ]]; then
    image="$(rt container inspect --format '{{.Image}}' "$name" 2>/dev/null || true)"
  fi
  http="not checked"
  if [[ -n "$PORT" && "$state" == "running" ]]; then
    http="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$PORT/" || true)"
  fi
  info ""
  info "[$env]"
  info "  port:       ${PORT:-not configured}"
  info "  public URL: ${PUBLIC_URL:-not configured}"
  info "  container:  $name (${state:-absent})"
  info "  image:      ${image:-none}"
  info "  HTTP:       ${http:-no answer}"
done

info ""
info "images:"
for tag in dev prod prod-previous; do
  id="$(image_id "$(image_ref "$tag")")"
  info "  $(image_ref "$tag"): ${id:-absent}"
done
