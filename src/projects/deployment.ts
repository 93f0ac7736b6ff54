import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { writeFileAtomic } from "../storage/index.js";

export const DeploymentTargetSchema = z
  .strictObject({
    port: z.number().int().min(1).max(65535),
    publicUrl: z
      .url({ protocol: /^https?$/, error: "expected an http(s) URL" })
      .max(2048)
      .optional(),
  })
  .describe("Where one environment of the app is served.");

export const DeploymentInfoSchema = z
  .strictObject({
    dev: DeploymentTargetSchema.optional(),
    prod: DeploymentTargetSchema.optional(),
  })
  .describe(
    "Ports and public URLs assigned by the control plane; written to `.pi/deployment.json` so the agent never invents one.",
  );

export type DeploymentInfo = z.infer<typeof DeploymentInfoSchema>;

/** Writes `{projectDir}/.pi/deployment.json` atomically. */
export async function writeDeploymentInfo(
  projectDir: string,
  deployment: DeploymentInfo,
): Promise<void> {
  const piDir = join(projectDir, ".pi");
  await mkdir(piDir, { recursive: true });
  await writeFileAtomic(join(piDir, "deployment.json"), `${JSON.stringify(deployment, null, 2)}\n`);
}
