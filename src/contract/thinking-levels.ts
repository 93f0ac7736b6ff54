import { z } from "@hono/zod-openapi";

/** pi's thinking levels, lowest first; pi clamps a requested level to what a model supports. */
export const thinkingLevels = ["off", "minimal", "low", "medium", "high", "xhigh"] as const;

export type ThinkingLevel = (typeof thinkingLevels)[number];

export const ThinkingLevelSchema = z.enum(thinkingLevels).openapi("ThinkingLevel");
