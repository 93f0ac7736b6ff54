import { ConfigError, loadConfig } from "./config/index.js";
import { createLogger } from "./logging/logger.js";
import { startServer } from "./server/start-server.js";

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger({ level: config.logLevel });
  const server = await startServer(config, logger);

  const shutdown = (signal: string) => {
    logger.info("shutting down", { signal });
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error("shutdown failed", { message: (error as Error).message });
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Failed to start: ${(error as Error).message ?? String(error)}\n`);
  }
  process.exit(1);
});
