import { z } from "zod";

/** Shortest accepted `AGENT_SERVER_TOKEN` or `WEBHOOK_SECRET`, in characters. */
export const minSecretLength = 32;

/**
 * A bearer secret from the environment. Unset or empty means "not configured"; any other
 * value must be at least {@link minSecretLength} characters with no whitespace, so a
 * blank or guessable value stops start-up instead of silently weakening auth. Messages
 * never echo the value.
 */
export const secretVar = z.preprocess(
  (value) => (value === "" ? undefined : value),
  z
    .string()
    .refine((value) => value.trim().length > 0, {
      error: "must not be blank; leave it empty or unset to turn it off",
      abort: true,
    })
    .refine((value) => !/\s/.test(value), { error: "must not contain whitespace", abort: true })
    .refine((value) => value.length >= minSecretLength, {
      error: `must be at least ${minSecretLength} characters (e.g. \`openssl rand -hex 32\`)`,
    })
    .optional(),
);

const hostEntry = /^(?:\*|(?:\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)(?::\d{1,5})?)$/;

/**
 * `AGENT_SERVER_ALLOWED_HOSTS`: comma-separated extra `Host` names the server answers,
 * each `name`, `name:port`, `[ipv6]` or `[ipv6]:port` (lower-cased), or `*` for any.
 */
export const allowedHostList = z.preprocess(
  (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
  z
    .string()
    .optional()
    .transform((value) =>
      (value ?? "")
        .split(",")
        .map((item) => item.trim().toLowerCase())
        .filter((item) => item.length > 0),
    )
    .pipe(
      z.array(
        z.string().regex(hostEntry, {
          error: "expected host names like api.example.com or api.example.com:8443, or *",
        }),
      ),
    ),
);
