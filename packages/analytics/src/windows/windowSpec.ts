import { describeValue } from "./describeValue";
import { type HoppingWindow, hopping } from "./hopping";
import { type SessionWindow, session } from "./session";
import { type TumblingWindow, tumbling } from "./tumbling";

/**
 * Any window kind the operator supports; build one with `tumbling`, `hopping` or `session`.
 *
 * @example
 * const spec: WindowSpec = tumbling(60_000);
 */
export type WindowSpec = TumblingWindow | HoppingWindow | SessionWindow;

/**
 * Re-checks a window description that may not come from the constructors (a hand-written
 * object, or one read back from a checkpoint) and returns a clean copy.
 *
 * @throws RangeError or TypeError naming what is wrong.
 * @example
 * parseWindowSpec({ kind: "session", gap: 30_000 }); // { kind: "session", gap: 30000 }
 * parseWindowSpec({ kind: "hopping", size: 10, advance: 20 }); // throws RangeError
 */
export function parseWindowSpec(value: unknown): WindowSpec {
  if (typeof value !== "object" || value === null) {
    throw new TypeError(
      `window must be tumbling(size), hopping(size, advance) or session(gap), got ${describeValue(value)}`,
    );
  }
  const spec = value as Record<string, unknown>;
  switch (spec.kind) {
    case "tumbling":
      return tumbling(spec.size as number);
    case "hopping":
      return hopping(spec.size as number, spec.advance as number);
    case "session":
      return session(spec.gap as number);
    default:
      throw new TypeError(`unknown window kind ${describeValue(spec.kind)}`);
  }
}

/**
 * Short human-readable form of a window description, used in error messages.
 *
 * @example
 * describeWindowSpec(hopping(60_000, 10_000)); // "hopping(60000, 10000)"
 */
export function describeWindowSpec(spec: WindowSpec): string {
  switch (spec.kind) {
    case "tumbling":
      return `tumbling(${spec.size})`;
    case "hopping":
      return `hopping(${spec.size}, ${spec.advance})`;
    case "session":
      return `session(${spec.gap})`;
  }
}
