export {
  Database,
  type DatabaseHealth,
  type DatabaseOptions,
  openDatabase,
  type Queryable,
} from "./database.js";
export { type Migration, runMigrations } from "./migrate.js";
export { allMigrations } from "./migrations/index.js";
