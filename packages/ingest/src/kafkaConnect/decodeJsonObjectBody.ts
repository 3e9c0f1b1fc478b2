import { type DecodeResult, decoded, rejected } from "./decodeResult";

/**
 * Parses an HTTP body that must hold one JSON object, with the reasons the wire decoders give
 * for a body that is not a string, not JSON or not an object.
 *
 * @example
 * decodeJsonObjectBody('{"offsets":[]}'); // { ok: true, value: { offsets: [] } }
 * decodeJsonObjectBody("[1]"); // { ok: false, reason: "body is not a JSON object" }
 */
export function decodeJsonObjectBody(body: string): DecodeResult<Record<string, unknown>> {
  // Callers hand on whatever arrived over the wire, so the declared type is not trusted.
  if (typeof body !== "string") return rejected("body is not a string");
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch (error) {
    return rejected(`body is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  return typeof document === "object" && document !== null && !Array.isArray(document)
    ? decoded(document as Record<string, unknown>)
    : rejected("body is not a JSON object");
}
