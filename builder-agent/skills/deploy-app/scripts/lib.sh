# Shared helpers for the deploy-app scripts. Source it; do not run it.
# shellcheck shell=bash
# Variables set here (ARG, PORT, PUBLIC_URL, ...) are read by the sourcing script.
# shellcheck disable=SC2034

die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

info() {
  printf '%s\n' "$*"
}

# Reads the command line into PROJECT_DIR (from --project-dir, else
# $APP_PROJECT_DIR, else the working directory) and ARG, the only positional
# argument a script may take. Plain variables keep this working on bash 3.2.
parse_args() {
  PROJECT_DIR="${APP_PROJECT_DIR:-$PWD}"
  ARG=""
  local seen=0
  while (($# > 0)); do
    case "$1" in
      --project-dir)
        (($# >= 2)) || die "--project-dir needs a directory"
        PROJECT_DIR="$2"
        shift 2
        ;;
      --project-dir=*)
        PROJECT_DIR="${1#--project-dir=}"
        shift
        ;;
      -h | --help)
        usage
        exit 0
        ;;
      -*)
        die "unknown option: $1 (see --help)"
        ;;
      *)
        ((seen == 0)) || die "unexpected argument: $1 (see --help)"
        ARG="$1"
        seen=1
        shift
        ;;
    esac
  done
}

# Resolves the project directory and derives every name from its basename, so
# the same project always maps to the same images and containers.
load_project() {
  [[ -d "$PROJECT_DIR" ]] || die "project directory not found: $PROJECT_DIR"
  PROJECT_DIR="$(cd "$PROJECT_DIR" && pwd -P)"
  PROJECT_ID="$(sanitize_id "$(basename "$PROJECT_DIR")")"
  [[ -n "$PROJECT_ID" ]] || die "cannot derive a project id from $PROJECT_DIR"
  IMAGE_REPO="appx-$PROJECT_ID"
  DEPLOYMENT_FILE="$PROJECT_DIR/.pi/deployment.json"
}

sanitize_id() {
  printf '%s' "$1" | tr '[:upper:]' '[:lower:]' | sed -E 's/[^a-z0-9-]+/-/g; s/-+/-/g; s/^-//; s/-$//'
}

image_ref() {
  printf '%s:%s' "$IMAGE_REPO" "$1"
}

container_name() {
  printf '%s-%s' "$PROJECT_ID" "$1"
}

require_env_name() {
  case "${1:-}" in
    dev | prod) ;;
    "") die "missing environment: expected dev or prod" ;;
    *) die "unknown environment '$1': expected dev or prod" ;;
  esac
}

load_runtime() {
  RUNTIME="${APP_CONTAINER_RUNTIME:-podman}"
  command -v "$RUNTIME" >/dev/null 2>&1 ||
    die "container runtime '$RUNTIME' not found on PATH (set APP_CONTAINER_RUNTIME to podman or docker)"
}

rt() {
  "$RUNTIME" "$@"
}

# Sets PORT and PUBLIC_URL for one environment from .pi/deployment.json.
# Both stay empty when the environment (or the URL) is not configured.
read_deployment() {
  local env="$1" out
  command -v node >/dev/null 2>&1 || die "node is required to read $DEPLOYMENT_FILE"
  [[ -f "$DEPLOYMENT_FILE" ]] ||
    die "no $DEPLOYMENT_FILE: ports and public URLs are assigned by the platform, never chosen here"
  # shellcheck disable=SC2016 # the single-quoted program is JavaScript, not shell
  out="$(
    node -e '
      const fs = require("node:fs");
      const [file, env] = process.argv.slice(1);
      const fail = (msg) => { console.error(`error: ${file}: ${msg}`); process.exit(1); };
      let doc;
      try { doc = JSON.parse(fs.readFileSync(file, "utf8")); } catch (e) { fail(`not valid JSON (${e.message})`); }
      if (doc === null || typeof doc !== "object" || Array.isArray(doc)) fail("expected a JSON object");
      const entry = doc[env];
      if (entry === undefined || entry === null) { console.log("\t"); process.exit(0); }
      if (typeof entry !== "object" || Array.isArray(entry)) fail(`"${env}" must be an object`);
      let port = "";
      if (entry.port !== undefined && entry.port !== null) {
        const n = typeof entry.port === "string" && /^\d+$/.test(entry.port) ? Number(entry.port) : entry.port;
        if (!Number.isInteger(n) || n < 1 || n > 65535) fail(`"${env}.port" must be an integer from 1 to 65535`);
        port = String(n);
      }
      const url = entry.publicUrl ?? "";
      if (typeof url !== "string") fail(`"${env}.publicUrl" must be a string`);
      console.log(`${port}\t${url}`);
    ' "$DEPLOYMENT_FILE" "$env"
  )" || exit 1
  PORT="${out%%$'\t'*}"
  PUBLIC_URL="${out#*$'\t'}"
}

require_port() {
  local env="$1"
  read_deployment "$env"
  [[ -n "$PORT" ]] ||
    die "no port for '$env' in $DEPLOYMENT_FILE. Ports are assigned by the platform: do not pick one; ask for the $env environment to be provisioned."
}

container_exists() {
  rt container inspect "$1" >/dev/null 2>&1
}

# Prints the image id behind a tag, or nothing when the tag does not exist.
image_id() {
  rt image inspect --format '{{.Id}}' "$1" 2>/dev/null || true
}

remove_container() {
  local name="$1"
  if container_exists "$name"; then
    info "Stopping and removing $name"
    rt stop "$name" >/dev/null
    rt rm "$name" >/dev/null
  fi
}

start_container() {
  local env="$1" image="$2"
  local name
  name="$(container_name "$env")"
  remove_container "$name"
  info "Starting $name from $image on port $PORT"
  rt run -d --name "$name" -p "$PORT:80" --restart unless-stopped \
    --label "appx.project=$PROJECT_ID" --label "appx.env=$env" "$image" >/dev/null
}

# Polls the local port until it answers 200. APP_DEPLOY_HEALTH_TRIES and
# APP_DEPLOY_HEALTH_INTERVAL (seconds) bound the wait; defaults: 30 tries, 2 s apart.
wait_for_http() {
  local port="$1"
  local tries="${APP_DEPLOY_HEALTH_TRIES:-30}" interval="${APP_DEPLOY_HEALTH_INTERVAL:-2}"
  local url="http://127.0.0.1:$port/" code="" i
  [[ "$tries" =~ ^[1-9][0-9]*$ ]] || die "APP_DEPLOY_HEALTH_TRIES must be a positive integer, got '$tries'"
  for ((i = 1; i <= tries; i++)); do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$url" || true)"
    if [[ "$code" == "200" ]]; then
      info "Health check passed: $url answered 200"
      return 0
    fi
    if ((i < tries)); then
      sleep "$interval"
    fi
  done
  printf 'error: %s did not answer 200 after %s tries (last status: %s)\n' "$url" "$tries" "${code:-none}" >&2
  return 1
}

show_logs() {
  local name="$1"
  printf -- '--- last log lines of %s ---\n' "$name" >&2
  rt logs --tail 50 "$name" >&2 || true
}

report_url() {
  local env="$1"
  if [[ -n "$PUBLIC_URL" ]]; then
    info "$env is live at $PUBLIC_URL (local: http://127.0.0.1:$PORT/)"
  else
    info "$env is live locally at http://127.0.0.1:$PORT/ ($DEPLOYMENT_FILE has no publicUrl for $env)"
  fi
}

# Keeps the image PROD ran before a change tagged as prod-previous so that
# rollback.sh can restore it. Nothing to keep when PROD did not change.
keep_previous_prod() {
  local old_id="$1" new_id="$2"
  if [[ -n "$old_id" && "$old_id" != "$new_id" ]]; then
    rt tag "$old_id" "$(image_ref prod-previous)"
    info "Previous PROD image kept as $(image_ref prod-previous)"
  fi
}
