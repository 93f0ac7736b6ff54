import { AppError } from "../errors/index.js";
import { createRouter, type RouterOptions } from "../http/router.js";
import type { UsageRecorder } from "./usage-recorder.js";
import { liveAgentsRoute, usageRoute } from "./usage-routes.js";

export interface UsageAppOptions extends RouterOptions {
  /** Clock for the default range, epoch ms. Default `Date.now`. */
  now?: () => number;
  /** Range used when `from` is omitted. Default 30 days. */
  defaultRangeMs?: number;
}

const thirtyDaysMs = 30 * 86_400_000;

/** This router's routes as data, in the order it registers them (and the document lists them). */
export const usageRoutes = [usageRoute, liveAgentsRoute] as const;

/**
 * `GET /usage` (aggregated usage and cost) and `GET /agents/live` (runs in progress),
 * ready to mount under any prefix.
 *
 * @example
 * const usage = await UsageRecorder.open(join(globalDir, "usage"));
 * app.route("/v1", createUsageApp(usage));
 */
export function createUsageApp(usage: UsageRecorder, options: UsageAppOptions = {}) {
  const now = options.now ?? Date.now;
  const defaultRangeMs = options.defaultRangeMs ?? thirtyDaysMs;
  const app = createRouter(options);

  app.openapi(usageRoute, async (c) => {
    const query = c.req.valid("query");
    const to = query.to === undefined ? now() : Date.parse(query.to);
    const from = query.from === undefined ? to - defaultRangeMs : Date.parse(query.from);
    if (from >= to) {
      const fields = [{ path: "query.from", message: "must be before `to`" }];
      throw new AppError("VALIDATION_FAILED", "query.from: must be before `to`", { fields });
    }
    await usage.sync();
    const report = usage.query({
      from,
      to,
      projectId: query.project,
      model: query.model,
      groupBy: query.groupBy,
    });
    return c.json(
      {
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
        groupBy: query.groupBy,
        filters: { project: query.project ?? null, model: query.model ?? null },
        ...report,
      },
      200,
    );
  });

  app.openapi(liveAgentsRoute, async (c) => {
    const items = (await usage.liveRunsEverywhere()).map((run) => ({
      ...run,
      startedAt: new Date(run.startedAt).toISOString(),
    }));
    return c.json({ items }, 200);
  });

  return app;
}
