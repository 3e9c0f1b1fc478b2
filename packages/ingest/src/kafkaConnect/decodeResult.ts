/**
 * Outcome of decoding one untrusted input. Decoders in this package never throw: a bad input comes back
 * as `{ ok: false, reason }` so callers can count and report it instead of crashing on it.
 *
 * @example
 * const result: DecodeResult<number> = { ok: false, reason: "offset is not a number" };
 * if (!result.ok) console.warn(result.reason);
 */
export type DecodeResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: string };

/**
 * A successful {@link DecodeResult}.
 *
 * @example
 * decoded(42); // { ok: true, value: 42 }
 */
export function decoded<T>(value: T): DecodeResult<T> {
  return { ok: true, value };
}

/**
 * A failed {@link DecodeResult} with a human-readable reason.
 *
 * @example
 * rejected("line is not valid JSON"); // { ok: false, reason: "line is not valid JSON" }
 */
export function rejected<T = never>(reason: string): DecodeResult<T> {
  return { ok: false, reason };
}
