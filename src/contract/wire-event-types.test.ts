import { describe, expect, it } from "vitest";
import type { WireEvent } from "./wire-event.generated.js";
import type { WireEvent as ServerSideWireEvent } from "./wire-event.js";

/** Keys whose value may be `undefined`: JSON drops them, so they arrive as optional. */
type UndefinedKeys<T> = {
  [K in keyof T]-?: unknown extends T[K] ? never : undefined extends T[K] ? K : never;
}[keyof T];

/** `T` as it reads after `JSON.stringify` + `JSON.parse` (for the shapes pi uses). */
type Jsonified<T> = unknown extends T
  ? T
  : T extends string | number | boolean | null
    ? T
    : T extends readonly (infer E)[]
      ? Jsonified<E>[]
      : T extends object
        ? { [K in Exclude<keyof T, UndefinedKeys<T>>]: Jsonified<T[K]> } & {
            [K in UndefinedKeys<T>]?: Jsonified<Exclude<T[K], undefined>>;
          }
        : T;

/** The members of `T` that `U` does not accept (`never` when all are accepted). */
type Rejected<T, U> = T extends U ? never : T;

describe("wire-event.generated.ts", () => {
  it("accepts every event the server can publish, as JSON (checked by tsc)", () => {
    const rejected: [Rejected<Jsonified<ServerSideWireEvent>, WireEvent>] extends [never]
      ? true
      : false = true;
    expect(rejected).toBe(true);
  });
});
