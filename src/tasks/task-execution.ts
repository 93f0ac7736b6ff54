import type { SessionStatus } from "../contract/session-status.js";
import type { LiveSession, ProjectRuntime } from "../sessions/index.js";
import type { Git } from "./git.js";
import { boundOutput } from "./git.js";
import { runPrCommand } from "./pr-command.js";
import { finalAssistantReply, watchRun } from "./session-run.js";
import type { TaskRecord } from "./task-types.js";

export interface ExecutionDeps {
  git: Git;
  runtime(projectId: string): ProjectRuntime;
  projectDir(projectId: string): string;
  /** Serialises repository-level git work (init, worktree add) per project. */
  withProjectLock<T>(projectId: string, work: () => Promise<T>): Promise<T>;
  prCommand: string | undefined;
  /** Environment of the PR command (task variables are added). */
  env: Record<string, string | undefined>;
  /** Longest kept final assistant text. */
  maxResultTextLength: number;
  /** How long to wait for the run to wind down after an abort. */
  abortGraceMs: number;
}

export interface ExecutionHooks {
  /** Aborted on cancel, timeout or shutdown; the worker knows which. */
  signal: AbortSignal;
  /** Persists progress on the task and returns it. */
  save(patch: Partial<TaskRecord>): Promise<TaskRecord>;
  onSession(session: LiveSession): void;
  onSessionStatus(status: SessionStatus): void;
}

/** How an execution ended; `interrupted` means the signal aborted it. */
export type ExecutionOutcome =
  | { status: "completed"; patch: Partial<TaskRecord> }
  | { status: "failed" | "cancelled"; error: string; patch: Partial<TaskRecord> }
  | { status: "interrupted"; patch: Partial<TaskRecord> };

class Interrupted extends Error {}

function checkSignal(signal: AbortSignal): void {
  if (signal.aborted) throw new Interrupted();
}

function bound(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function commitMessage(task: TaskRecord): string {
  const subject = bound(task.title.replace(/\s+/g, " ").trim(), 72);
  const lines = [subject, "", `Task: ${task.id}`, `Project: ${task.projectId}`];
  if (task.source !== null) lines.push(`Source: ${task.source}`);
  if (task.externalId !== null) lines.push(`External-Id: ${task.externalId}`);
  return lines.join("\n");
}

/**
 * Runs one claimed task: a worktree on the task's branch, a project session in it with
 * the task prompt, then delivery (commit, push, PR command). Progress is saved on the
 * task as it happens, so a crash leaves a record of how far it got.
 */
export async function executeTask(
  deps: ExecutionDeps,
  task: TaskRecord,
  hooks: ExecutionHooks,
): Promise<ExecutionOutcome> {
  const { git } = deps;
  const { signal } = hooks;
  const projectDir = deps.projectDir(task.projectId);
  const worktree = task.worktreePath;
  const branch = task.branch;
  if (worktree === null || branch === null) throw new Error("task has no worktree path");
  const patch: Partial<TaskRecord> = {};
  try {
    const baseBranch = await deps.withProjectLock(task.projectId, async () => {
      checkSignal(signal);
      await git.ensureRepository(projectDir);
      checkSignal(signal);
      await git.addWorktree(projectDir, worktree, branch);
      return git.currentBranch(projectDir);
    });
    checkSignal(signal);

    const run = await runSession(deps, task, worktree, hooks);
    if (run.status !== "completed") return { ...run, patch: { ...patch, ...run.patch } };
    Object.assign(patch, run.patch);

    const commit = await git.commitAll(worktree, commitMessage(task));
    patch.commit = commit;
    await hooks.save({ commit });
    if (commit === null) return { status: "completed", patch };

    const remote = await git.pushRemote(projectDir);
    if (remote === null) return { status: "completed", patch };
    try {
      await git.push(worktree, remote, branch);
      patch.pushed = true;
    } catch (error) {
      patch.pushed = false;
      patch.pushError = (error as Error).message;
      return { status: "failed", error: `Push failed: ${patch.pushError}`, patch };
    }
    if (!deps.prCommand) return { status: "completed", patch };

    const pr = await runPrCommand({
      command: deps.prCommand,
      cwd: worktree,
      env: {
        ...deps.env,
        TASK_ID: task.id,
        TASK_TITLE: task.title,
        TASK_PROJECT_ID: task.projectId,
        TASK_BRANCH: branch,
        TASK_BASE_BRANCH: baseBranch ?? "",
        TASK_COMMIT: commit,
        TASK_REMOTE: remote,
        TASK_SOURCE: task.source ?? "",
        TASK_EXTERNAL_ID: task.externalId ?? "",
        TASK_WORKTREE: worktree,
      },
    });
    if (!pr.ok) {
      patch.prError = pr.error;
      return { status: "failed", error: pr.error, patch };
    }
    patch.prUrl = pr.url;
    return { status: "completed", patch };
  } catch (error) {
    if (error instanceof Interrupted || signal.aborted) return { status: "interrupted", patch };
    return { status: "failed", error: boundOutput((error as Error).message), patch };
  }
}

async function runSession(
  deps: ExecutionDeps,
  task: TaskRecord,
  worktree: string,
  hooks: ExecutionHooks,
): Promise<ExecutionOutcome> {
  const { signal } = hooks;
  const live = await deps
    .runtime(task.projectId)
    .createSession({ cwd: worktree, name: `Task: ${bound(task.title, 180)}` });
  await hooks.save({ sessionId: live.id });
  hooks.onSession(live);
  const watch = watchRun(live.hub, hooks.onSessionStatus);
  let graceTimer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: () => void = () => undefined;
  const abortedThenGrace = new Promise<"interrupted">((resolve) => {
    onAbort = () => {
      live.abort().catch(() => undefined);
      graceTimer = setTimeout(() => resolve("interrupted"), deps.abortGraceMs);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    checkSignal(signal);
    try {
      await live.prompt({ text: task.prompt });
    } catch (error) {
      if (signal.aborted) throw new Interrupted();
      return { status: "failed", error: (error as Error).message, patch: {} };
    }
    const how = await Promise.race([watch.ended, abortedThenGrace]);
    if (signal.aborted) throw new Interrupted();
    const reply = finalAssistantReply(live.messages);
    const patch = { resultText: bound(reply.text, deps.maxResultTextLength) || null };
    if (how === "closed") {
      return { status: "failed", error: "The session was closed before the run finished", patch };
    }
    const failure =
      watch.failure() ??
      (reply.stopReason === "error" ? (reply.errorMessage ?? "The agent run failed") : null);
    if (failure !== null) return { status: "failed", error: failure, patch };
    if (reply.stopReason === "aborted") {
      return { status: "cancelled", error: "The run was aborted through its session", patch };
    }
    if (reply.stopReason === null) {
      return { status: "failed", error: "The agent run ended without a reply", patch };
    }
    return { status: "completed", patch };
  } finally {
    signal.removeEventListener("abort", onAbort);
    if (graceTimer) clearTimeout(graceTimer);
    if (watch.retrying) await live.abort().catch(() => undefined);
    watch.stop();
  }
}
