import type { Logger } from "../logging/logger.js";
import type { Database } from "../storage/postgres/index.js";
import { CredentialsService, type CredentialsServiceOptions } from "./credentials-service.js";

/** The channel a node announces a change to `auth.json` or `models.json` on. */
const credentialsChannel = "credentials";

export interface OpenCredentialsOptions
  extends Omit<CredentialsServiceOptions, "onChange" | "onDispose"> {
  /** The cluster's database: changes are announced on it and followed from it. */
  database?: Database | undefined;
}

/**
 * The org's credentials. With a database (a cluster node), the files stay on the shared
 * volume; each change made here is announced on the `credentials` channel and every node
 * reloads its auth store and model registry when it hears one (and after its listening
 * connection comes back, since announcements sent meanwhile are lost).
 */
export async function openCredentials(
  options: OpenCredentialsOptions,
): Promise<CredentialsService> {
  const { database, ...rest } = options;
  if (!database) return new CredentialsService(rest);
  const logger: Pick<Logger, "warn"> | undefined = rest.logger;
  let stopFollowing: () => void = () => undefined;
  const service = new CredentialsService({
    ...rest,
    onChange: () => {
      database
        .notify(credentialsChannel, "changed")
        .catch((error: Error) =>
          logger?.warn("credentials: other nodes not told of a change", { message: error.message }),
        );
    },
    onDispose: () => stopFollowing(),
  });
  const stopListening = await database.listen(credentialsChannel, () => service.reload());
  const stopReconnect = database.onReconnect(() => service.reload());
  stopFollowing = () => {
    stopListening();
    stopReconnect();
  };
  return service;
}
