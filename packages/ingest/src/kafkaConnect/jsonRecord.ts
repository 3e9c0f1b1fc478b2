import { type DecodeResult, decoded, rejected } from "./decodeResult";
import { IngestInputError } from "./ingestInputError";

/** Any value `JSON.parse` can return. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** One event record as carried on the wire: a JSON object (pin, geo or user row). */
export type JsonRecord = { [key: string]: JsonValue };

/**
 * Deepest nesting accepted in a record. Real rows are flat; the cap keeps hostile input (and the
 * recursive `JSON.stringify` that re-encodes it) far from the call-stack limit.
 *
 * @example
 * MAX_JSON_DEPTH; // 64
 */
export const MAX_JSON_DEPTH = 64;

const isPlainObject = (value: object): boolean => {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/**
 * An array or object being walked: `at` is the index (into `node`, or into `keys` for an object) of
 * the child under inspection. Arrays go forwards, objects backwards (the order of the former walk).
 */
type Frame =
  | { readonly keys: null; readonly node: readonly unknown[]; at: number }
  | { readonly keys: readonly string[]; readonly node: Readonly<Record<string, unknown>>; at: number };

/**
 * Judges one value at nesting `depth`: a reason (without its path) when it is not JSON, a frame to
 * walk when it is an array or object not seen yet, or `null` when it is fine as it stands.
 */
function inspect(value: unknown, depth: number, seen: Set<object>): string | Frame | null {
  switch (typeof value) {
    case "string":
    case "boolean":
      return null;
    case "number":
      return Number.isFinite(value) ? null : "number is not finite";
    case "object": {
      if (value === null || seen.has(value)) return null;
      if (depth > MAX_JSON_DEPTH) return `nested deeper than ${MAX_JSON_DEPTH} levels`;
      seen.add(value);
      if (Array.isArray(value)) return { keys: null, node: value, at: -1 };
      if (!isPlainObject(value)) return "value is not a plain object";
      const keys = Object.keys(value);
      if (keys.includes("__proto__")) return 'key "__proto__" is not allowed';
      return { keys, node: value as Record<string, unknown>, at: keys.length };
    }
    default:
      return `${typeof value} is not a JSON value`;
  }
}

/** The path of the child under inspection in the innermost frame; built only to report a problem. */
function pathOf(root: string, frames: readonly Frame[]): string {
  let path = root;
  for (const frame of frames) path += frame.keys === null ? `[${frame.at}]` : `.${frame.keys[frame.at]}`;
  return path;
}

/**
 * Why `value` is not a JSON value, or `null` when it is one: `null`, a boolean, a string, a finite
 * number, or an array or plain object of such values, nested at most {@link MAX_JSON_DEPTH} deep. A key
 * named `__proto__` is refused: it is harmless as an own property after `JSON.parse`, but becomes a
 * prototype swap as soon as some consumer copies the value with `Object.assign` or a plain assignment,
 * so it never passes this boundary. Reasons start with the path of the bad value below `root`.
 *
 * @example
 * findJsonValueProblem(["a", 1, null]); // null
 * findJsonValueProblem({ n: Number.NaN }); // "$.n: number is not finite"
 * findJsonValueProblem(undefined, "key"); // "key: undefined is not a JSON value"
 */
export function findJsonValueProblem(value: unknown, root = "$"): string | null {
  // Iterative walk (hostile nesting must produce a reason, not a stack overflow) holding one small
  // frame per open array or object, never one per element: a line of millions of elements stays cheap.
  const seen = new Set<object>();
  const first = inspect(value, 1, seen);
  if (first === null) return null;
  if (typeof first === "string") return `${root}: ${first}`;
  const frames: Frame[] = [first];
  while (frames.length > 0) {
    const frame = frames[frames.length - 1]!;
    let child: unknown;
    if (frame.keys === null) {
      if (++frame.at >= frame.node.length) {
        frames.pop();
        continue;
      }
      child = frame.node[frame.at];
    } else {
      if (--frame.at < 0) {
        frames.pop();
        continue;
      }
      child = frame.node[frame.keys[frame.at]!];
    }
    const result = inspect(child, frames.length + 1, seen);
    if (result === null) continue;
    if (typeof result === "string") return `${pathOf(root, frames)}: ${result}`;
    frames.push(result);
  }
  return null;
}

/**
 * Why `value` is not a JSON record, or `null` when it is one: a JSON record is a plain object that is a
 * JSON value in the sense of {@link findJsonValueProblem}.
 *
 * @example
 * findJsonRecordProblem({ ind: 1, tags: ["a"] }); // null
 * findJsonRecordProblem([1]); // "$: record is not a JSON object"
 * findJsonRecordProblem({ ["__proto__"]: {} }); // '$: key "__proto__" is not allowed'
 */
export function findJsonRecordProblem(value: unknown, root = "$"): string | null {
  if (typeof value !== "object" || value === null || Array.isArray(value) || !isPlainObject(value)) {
    return `${root}: record is not a JSON object`;
  }
  return findJsonValueProblem(value, root);
}

/**
 * Parses one JSON text that must hold a JSON record (see {@link findJsonRecordProblem}).
 *
 * @example
 * parseJsonRecord('{"ind":7}'); // { ok: true, value: { ind: 7 } }
 * parseJsonRecord("[1,2]"); // { ok: false, reason: "$: record is not a JSON object" }
 */
export function parseJsonRecord(text: string): DecodeResult<JsonRecord> {
  if (typeof text !== "string") return rejected("text is not a string");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return rejected(`not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const problem = findJsonRecordProblem(value);
  return problem === null ? decoded(value as JsonRecord) : rejected(problem);
}

/**
 * `JSON.stringify` of a record after checking it is one (see {@link findJsonRecordProblem}); `-0`
 * becomes `0`, as in `JSON.stringify`.
 *
 * @throws {IngestInputError} naming `operation` when `record` is not a JSON record; the reason's path
 * starts at `root`.
 * @example
 * stringifyJsonRecord({ ind: 7, country: "Albania" }, "encodeKafkaConnectObject"); // '{"ind":7,"country":"Albania"}'
 */
export function stringifyJsonRecord(record: unknown, operation: string, root = "$"): string {
  const problem = findJsonRecordProblem(record, root);
  if (problem !== null) throw new IngestInputError(operation, problem);
  try {
    return JSON.stringify(record);
  } catch (error) {
    // Only a reference cycle gets past the check above.
    throw new IngestInputError(operation, error instanceof Error ? error.message : String(error));
  }
}
