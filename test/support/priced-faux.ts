import {
  type AssistantMessageEventStream,
  calculateCost,
  createAssistantMessageEventStream,
  type FauxModelDefinition,
  type FauxProviderRegistration,
  getApiProvider,
  type Model,
  registerApiProvider,
  registerFauxProvider,
  unregisterApiProviders,
} from "@mariozechner/pi-ai";
import type { OrgServices } from "../../src/pi/org-services.js";
import { registerFauxModels } from "./faux.js";

const zeroUsage = () => ({
  input: 0,
  output: 0,
  cacheRead: 0,
  cacheWrite: 0,
  totalTokens: 0,
  cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, total: 0 },
});

/**
 * pi-ai's faux provider estimates tokens but always reports a zero cost. This variant
 * prices every finished message from its model's per-million rates with pi's own
 * `calculateCost`, as real providers do, so cost aggregation has something to add up.
 * Its models are registered in the org's model registry like `installFauxProvider` does.
 */
export function installPricedFauxProvider(
  org: OrgServices,
  options: { provider?: string; models: FauxModelDefinition[] },
): FauxProviderRegistration {
  const provider = options.provider ?? "faux";
  const faux = registerFauxProvider({ provider, models: options.models });
  const inner = getApiProvider(faux.api);
  if (!inner) throw new Error("faux provider did not register");
  const api = `${faux.api}-priced`;
  const sourceId = `${api}-source`;
  const priced = (model: Model<string>, stream: AssistantMessageEventStream) => {
    const outer = createAssistantMessageEventStream();
    void (async () => {
      for await (const event of stream) {
        if (event.type === "done") calculateCost(model, event.message.usage);
        if (event.type === "error") {
          // pi aborts a run between turns by starting the next request with its signal
          // already aborted; the faux provider then reports the usage of the whole scripted
          // message, though nothing was sent or streamed. A real provider's request never
          // leaves, so nothing is billed: price it as zero.
          if (event.reason === "aborted" && event.error.content.length === 0) {
            event.error.usage = zeroUsage();
          }
          calculateCost(model, event.error.usage);
        }
        outer.push(event);
      }
      outer.end();
    })();
    return outer;
  };
  registerApiProvider(
    {
      api,
      stream: (model, context, streamOptions) =>
        priced(model, inner.stream({ ...model, api: faux.api }, context, streamOptions)),
      streamSimple: (model, context, streamOptions) =>
        priced(model, inner.streamSimple({ ...model, api: faux.api }, context, streamOptions)),
    },
    sourceId,
  );
  registerFauxModels(org, provider, api, faux.models);
  return {
    ...faux,
    unregister: () => {
      unregisterApiProviders(sourceId);
      faux.unregister();
    },
  };
}
