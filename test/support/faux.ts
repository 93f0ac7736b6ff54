import type { AssistantMessage, FauxResponseStep } from "../../src/pi/faux-provider.js";

export {
  fauxAssistantMessage,
  fauxText,
  fauxThinking,
  fauxToolCall,
  installFauxProvider,
  registerFauxModels,
} from "../../src/pi/faux-provider.js";

/**
 * A scripted model reply held back until `release()`: the run is under way (streaming)
 * and its model call pending meanwhile, however slow the machine, so a test can act on
 * a busy session without racing the reply's end. `onCall` runs when the model is called.
 * An aborted run (a test that failed before releasing it, and is torn down) lets it go.
 */
export function heldReply(
  reply: AssistantMessage,
  onCall: () => void = () => undefined,
): { step: FauxResponseStep; release: () => void } {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    step: async (_context, options) => {
      onCall();
      const aborted = new Promise<void>((resolve) =>
        options?.signal?.addEventListener("abort", () => resolve(), { once: true }),
      );
      await Promise.race([released, aborted]);
      return reply;
    },
    release,
  };
}
