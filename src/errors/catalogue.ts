/**
 * The one catalogue of machine-readable error codes. Every failure the API reports
 * carries one of these codes; the HTTP status and human title live here and nowhere else.
 */
export const errorCatalogue = {
  VALIDATION_FAILED: { status: 400, title: "Request validation failed" },
  MALFORMED_REQUEST: { status: 400, title: "Malformed request" },
  INVALID_PROJECT_NAME: { status: 400, title: "Invalid project name" },
  INVALID_PROJECT_ID: { status: 400, title: "Invalid project id" },
  UNAUTHORIZED: { status: 401, title: "Authentication required" },
  ORIGIN_NOT_ALLOWED: { status: 403, title: "Origin not allowed" },
  FORBIDDEN: { status: 403, title: "Role does not allow this" },
  NOT_FOUND: { status: 404, title: "Not found" },
  PROJECT_NOT_FOUND: { status: 404, title: "Project not found" },
  SESSION_NOT_FOUND: { status: 404, title: "Session not found" },
  MODEL_NOT_FOUND: { status: 404, title: "Model not found" },
  UI_REQUEST_NOT_FOUND: { status: 404, title: "Extension UI request not found" },
  TASK_NOT_FOUND: { status: 404, title: "Task not found" },
  TOKEN_NOT_FOUND: { status: 404, title: "API token not found" },
  SESSION_BUSY: { status: 409, title: "Session is busy" },
  UI_REQUEST_ALREADY_RESOLVED: { status: 409, title: "Extension UI request already resolved" },
  ASK_USER_QUEUE_FULL: { status: 409, title: "Answer queue is full" },
  TASK_STATUS_CONFLICT: { status: 409, title: "Task status does not allow this" },
  PROMPT_REJECTED: { status: 422, title: "Prompt rejected" },
  COMPACTION_FAILED: { status: 422, title: "Compaction failed" },
  MODEL_NO_CREDENTIALS: { status: 422, title: "Model has no credentials" },
  NO_MODEL_AVAILABLE: { status: 422, title: "No model available" },
  METHOD_NOT_ALLOWED: { status: 405, title: "Method not allowed" },
  MISDIRECTED_REQUEST: { status: 421, title: "Host not allowed" },
  PAYLOAD_TOO_LARGE: { status: 413, title: "Payload too large" },
  REQUEST_HEADERS_TOO_LARGE: { status: 431, title: "Request header fields too large" },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: "Unsupported media type" },
  SERVICE_UNAVAILABLE: { status: 503, title: "Service unavailable" },
  WEBHOOK_DISABLED: { status: 503, title: "Task webhook disabled" },
  INTERNAL_ERROR: { status: 500, title: "Internal server error" },
  PROVIDER_NOT_FOUND: { status: 404, title: "Provider not found" },
  CREDENTIAL_NOT_FOUND: { status: 404, title: "Credential not found" },
  CREDENTIAL_NOT_REMOVABLE: { status: 409, title: "Credential cannot be removed at runtime" },
  SUBSCRIPTION_PROVIDER_NOT_FOUND: { status: 404, title: "No subscription login for provider" },
  SUBSCRIPTION_FLOW_NOT_FOUND: { status: 404, title: "Subscription login not found" },
  SUBSCRIPTION_FLOW_ACTIVE: { status: 409, title: "Subscription login already in progress" },
  SUBSCRIPTION_FLOW_FINISHED: { status: 409, title: "Subscription login has ended" },
  SUBSCRIPTION_FLOW_NOT_AWAITING_INPUT: {
    status: 409,
    title: "Subscription login is not waiting for input",
  },
  CUSTOM_PROVIDER_NOT_FOUND: { status: 404, title: "Custom provider not found" },
  CUSTOM_PROVIDER_REJECTED: { status: 400, title: "Custom provider rejected" },
  MODELS_FILE_INVALID: { status: 409, title: "models.json is invalid" },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

export const errorCodes = Object.keys(errorCatalogue) as ErrorCode[];
