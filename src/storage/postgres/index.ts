export {
  Database,
  type DatabaseHealth,
  type DatabaseOptions,
  openDatabase,
  type Queryable,
} from "./database.js";
export { type Migration, runMigrations } from "./migrate.js";
export { allMigrations } from "./migrations/index.js";
export { EventLogConflictError, PostgresEventLog } from "./pg-event-log.js";
export {
  type LogWatcher,
  type PostgresEventLogsOptions,
  postgresEventLogs,
  type SharedEventLogs,
} from "./pg-event-logs.js";
