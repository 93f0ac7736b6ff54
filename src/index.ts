export type { AuditStore, Awaitable, TokenStore } from "./access/access-stores.js";
export { type ApiToken, ApiTokens } from "./access/api-tokens.js";
export { AuditLog, type AuditRecord } from "./access/audit-log.js";
export { auditRequests } from "./access/audit-requests.js";
export { authenticate } from "./access/authenticate.js";
export { type Caller, callerOf, setCaller } from "./access/caller.js";
export { enforceRoles, RoutePolicy } from "./access/route-policy.js";
export {
  type AskUserEvent,
  AskUserEventSchema,
  type AskUserSettings,
  type AskUserSettingsPatch,
  createAskUserApp,
  defaultAskUserSettings,
} from "./ask-user/index.js";
export {
  EventStreamError,
  type EventStreamOptions,
  type SessionEventStreamOptions,
  type StreamedEvent,
  streamSessionEvents,
  streamTaskEvents,
} from "./client/event-stream.js";
export { FullViewExpander } from "./client/full-view.js";
export { MessageAccumulator, parseStreamingArguments } from "./client/message-accumulator.js";
export {
  hardFieldLimits,
  resolveFieldLimits,
  type SessionFieldLimits,
} from "./config/field-limits.js";
export {
  type Config,
  ConfigError,
  checkConfiguredPaths,
  type Limits,
  loadConfig,
} from "./config/index.js";
export {
  buildOpenApiDocument,
  serializeOpenApiDocument,
} from "./contract/openapi-document.js";
export type * as WireEvents from "./contract/wire-event.generated.js";
export type { WireEvent } from "./contract/wire-event.generated.js";
export {
  modelledEventTypes,
  registerWireEventComponents,
  wireEventSchemaRef,
  wireEventSchemas,
} from "./contract/wire-event-schema.js";
export {
  type CredentialsAppOptions,
  createCredentialsApp,
} from "./credentials/credentials-app.js";
export {
  CredentialsService,
  type CredentialsServiceOptions,
  type ModelFilter,
} from "./credentials/credentials-service.js";
export type { CredentialSource, ProviderStatus } from "./credentials/provider-status.js";
export type { FlowState, FlowStatus } from "./credentials/subscription-flow.js";
export { AppError, type ErrorCode, errorCatalogue, type FieldIssue } from "./errors/index.js";
export { createHealthApp, type HealthAppDeps } from "./health/health-app.js";
export { type BearerAuthOptions, bearerAuth } from "./http/auth.js";
export { checkFieldLimits, type FieldLimit, type FieldLimitRules } from "./http/field-limits.js";
export { type HostCheckOptions, hostCheck } from "./http/host-check.js";
export { noSniff } from "./http/no-sniff.js";
export { type OriginCheckOptions, originCheck } from "./http/origin-check.js";
export type { PageLimits } from "./http/pagination.js";
export { type Problem, ProblemSchema } from "./http/problem.js";
export { createRouter, type RouterOptions } from "./http/router.js";
export { hasValidStreamTicket } from "./http/stream-ticket-auth.js";
export { createLogger, type Logger, type LoggerOptions, silentLogger } from "./logging/logger.js";
export { httpMetrics, routePattern } from "./metrics/http-metrics.js";
export { createMetricsApp } from "./metrics/metrics-app.js";
export {
  Counter,
  type Labels,
  type MetricFamily,
  type MetricSample,
  type MetricsCollector,
  MetricsRegistry,
  prometheusContentType,
} from "./metrics/metrics-registry.js";
export {
  type FauxProviderOptions,
  fauxAssistantMessage,
  fauxText,
  fauxThinking,
  fauxToolCall,
  installFauxProvider,
} from "./pi/faux-provider.js";
export {
  type CreateProjectInput,
  type DeploymentInfo,
  type Project,
  ProjectRegistry,
  type ProjectRegistryOptions,
  slugify,
} from "./projects/index.js";
export { createProjectsApp, type ProjectsAppOptions } from "./projects/projects-app.js";
export { type CreateAppOptions, createApp } from "./server/create-app.js";
export {
  createInMemoryServices,
  type InMemoryServices,
  type InMemoryServicesOptions,
} from "./server/in-memory-services.js";
export { type MountOptions, mountRouters, routePolicy } from "./server/routers.js";
export { registerServerMetrics, type ServerMetricsSources } from "./server/server-metrics.js";
export {
  createServices,
  type Services,
  type ServicesOptions,
  type TaskSettings,
} from "./server/services.js";
export { type RunningServer, startServer } from "./server/start-server.js";
export {
  createSessionsApp,
  type ProjectRuntime,
  RuntimeManager,
  type RuntimeManagerOptions,
  type RuntimeResolver,
  type SessionSummary,
  type SessionsAppOptions,
} from "./sessions/index.js";
export type * as SessionsApi from "./sessions/sessions-api.js";
export { StreamTickets, type StreamTicketsOptions } from "./sse/stream-tickets.js";
export {
  createTasksApp,
  isTaskWebhookRequest,
  type TaskEvent,
  type TaskFieldLimits,
  type TaskRecord,
  TaskService,
  type TaskServiceOptions,
  type TaskStatus,
  type TasksAppOptions,
  type TaskView,
} from "./tasks/index.js";
export type * as TasksApi from "./tasks/tasks-api.js";
export type { LiveRun, ObservedSession, SharedLiveRuns } from "./usage/live-runs.js";
export type { UsageGrouping, UsageQuery, UsageReport, UsageRow } from "./usage/usage-aggregate.js";
export { createUsageApp, type UsageAppOptions } from "./usage/usage-app.js";
export {
  type TaskIdLookup,
  UsageRecorder,
  type UsageRecorderOptions,
} from "./usage/usage-recorder.js";
export type { UsageRecord } from "./usage/usage-records.js";
export { fileUsageStore, memoryUsageStore, type UsageStore } from "./usage/usage-store.js";
