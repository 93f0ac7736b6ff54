/**
 * What a caller may do, from least to most: `viewer` reads (lists, history, streams,
 * usage); `operator` also changes projects, sessions, prompts, approvals and tasks;
 * `admin` also manages credentials, API tokens and reads the audit log.
 */
export const roles = ["viewer", "operator", "admin"] as const;
export type Role = (typeof roles)[number];

/** Whether a caller holding `held` may use a route that requires `needed`. */
export function roleAllows(held: Role, needed: Role): boolean {
  return roles.indexOf(held) >= roles.indexOf(needed);
}

/** The OpenAPI extension in which every operation declares the role it requires. */
export const requiredRoleKey = "x-required-role";
