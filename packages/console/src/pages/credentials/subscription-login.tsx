import { unwrap } from "pi-agent-server-client";
import { useEffect, useState } from "preact/hooks";
import { useClient } from "../../api/connection.js";
import { ErrorNotice } from "../../ui/errors.js";
import type { ProviderStatus, SubscriptionFlow } from "./load-credentials.js";
import { SubscriptionPrompt } from "./subscription-prompt.js";

/** How often a running login is read again. */
const pollMs = 1_000;
const finished = new Set<SubscriptionFlow["status"]>([
  "succeeded",
  "failed",
  "cancelled",
  "expired",
]);

export interface SubscriptionLoginProps {
  provider: ProviderStatus;
  /** Called whenever the login ends, so the provider list can be read again. */
  onFinished(): void;
  onClose(): void;
}

/**
 * A subscription (OAuth) login: starts it (or picks up the one already running), shows
 * the URL to open and any instructions, asks what the login waits for, and follows it
 * to its outcome.
 */
export function SubscriptionLogin({ provider, onFinished, onClose }: SubscriptionLoginProps) {
  const client = useClient();
  const [flow, setFlow] = useState<SubscriptionFlow | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const subscriptionName = provider.subscription?.name ?? provider.name;

  useEffect(() => {
    let cancelled = false;
    const begin = async () => {
      try {
        const active = provider.subscription?.activeFlowId;
        const started = active
          ? unwrap(
              await client.GET("/v1/auth/subscription/{flowId}", {
                params: { path: { flowId: active } },
              }),
            )
          : unwrap(
              await client.POST("/v1/auth/providers/{provider}/subscription/start", {
                params: { path: { provider: provider.provider } },
              }),
            );
        if (!cancelled) setFlow(started);
      } catch (failure) {
        if (!cancelled) setError(failure);
      }
    };
    void begin();
    return () => {
      cancelled = true;
    };
  }, [client, provider.provider]);

  const flowId = flow?.id;
  const running = flow !== undefined && !finished.has(flow.status);
  useEffect(() => {
    if (!flowId || !running) return;
    const timer = setInterval(async () => {
      try {
        setFlow(
          unwrap(
            await client.GET("/v1/auth/subscription/{flowId}", { params: { path: { flowId } } }),
          ),
        );
      } catch (failure) {
        setError(failure);
      }
    }, pollMs);
    return () => clearInterval(timer);
  }, [client, flowId, running]);

  const status = flow?.status;
  useEffect(() => {
    if (status && finished.has(status)) onFinished();
  }, [status]);

  const answer = async (value: string) => {
    if (!flowId) return;
    try {
      setFlow(
        unwrap(
          await client.POST("/v1/auth/subscription/{flowId}/continue", {
            params: { path: { flowId } },
            body: { value },
          }),
        ),
      );
      setError(undefined);
    } catch (failure) {
      setError(failure);
    }
  };

  const cancel = async () => {
    if (flowId && running) {
      try {
        setFlow(
          unwrap(
            await client.DELETE("/v1/auth/subscription/{flowId}", { params: { path: { flowId } } }),
          ),
        );
      } catch (failure) {
        setError(failure);
        return;
      }
    }
    onClose();
  };

  return (
    <section class="card credentials-login" aria-labelledby="subscription-title">
      <h2 id="subscription-title">Log in to {subscriptionName}</h2>
      {flow === undefined && error === undefined ? <p>Starting the login…</p> : null}
      {flow ? <FlowState flow={flow} name={subscriptionName} /> : null}
      {flow?.prompt && running ? (
        <SubscriptionPrompt key={flow.prompt.id} prompt={flow.prompt} onAnswer={answer} />
      ) : null}
      <ErrorNotice error={error} />
      <div class="actions">
        {running ? (
          <button type="button" class="danger" onClick={() => void cancel()}>
            Cancel login
          </button>
        ) : (
          <button type="button" onClick={onClose}>
            Close
          </button>
        )}
      </div>
    </section>
  );
}

const statusWords: Record<SubscriptionFlow["status"], string> = {
  running: "Waiting for the provider…",
  awaiting_input: "Waiting for your answer.",
  succeeded: "Logged in. The subscription is stored and used from now on.",
  failed: "The login failed.",
  cancelled: "The login was cancelled.",
  expired: "The login expired before it was completed.",
};

function FlowState({ flow, name }: { flow: SubscriptionFlow; name: string }) {
  const tone = flow.status === "succeeded" ? "ok" : finished.has(flow.status) ? "error" : "info";
  return (
    <>
      {flow.auth ? (
        <div class="credentials-auth">
          <p>
            <a href={flow.auth.url} target="_blank" rel="noopener noreferrer">
              Open the {name} login page
            </a>{" "}
            <span class="muted">(opens in a new tab)</span>
          </p>
          {flow.auth.instructions ? <p>{flow.auth.instructions}</p> : null}
        </div>
      ) : null}
      {flow.progress.length > 0 ? (
        <ul class="credentials-progress" aria-label="Login progress">
          {flow.progress.map((line, index) => (
            <li key={`${index}-${line}`}>{line}</li>
          ))}
        </ul>
      ) : null}
      <p
        class={`notice ${tone === "error" ? "error" : "info"} credentials-status-${tone}`}
        role="status"
      >
        {statusWords[flow.status]}
        {flow.error ? ` ${flow.error}` : ""}
      </p>
    </>
  );
}
