import { isUtf8 } from "node:buffer";
import { inexactKeysAsText } from "../kafkaConnect/inexactKeysAsText";

/** The outcome of decoding one record's bytes: its JSON value, or why it is not one. */
export type DecodedJson =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly reason: string };

/**
 * Decodes one record's bytes as UTF-8 JSON without throwing: invalid UTF-8 and invalid JSON come back
 * as a reason. `__proto__` keys become plain own properties (that is what `JSON.parse` does). A top-level
 * `index`/`ind` whose literal parses to a key it does not denote exactly (`1e-400`) comes back as its
 * literal's text, which the cleaners reject as `invalid_key` (see `inexactKeysAsText`).
 *
 * @example
 * decodeJsonBytes(Buffer.from('{"ind":1}')); // { ok: true, value: { ind: 1 } }
 * decodeJsonBytes(Buffer.from('{"ind":1e-400}')); // { ok: true, value: { ind: "1e-400" } }
 * decodeJsonBytes(Buffer.from([0xff]));      // { ok: false, reason: "invalid UTF-8" }
 */
export function decodeJsonBytes(bytes: Buffer): DecodedJson {
  if (!isUtf8(bytes)) return { ok: false, reason: "invalid UTF-8" };
  const text = bytes.toString("utf8");
  try {
    return { ok: true, value: inexactKeysAsText(JSON.parse(text), text) };
  } catch (error) {
    return { ok: false, reason: `invalid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}
