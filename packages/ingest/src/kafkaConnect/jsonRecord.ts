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
  // Iterative walk: hostile nesting must produce a reason, not a stack overflow.
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 1 }];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const { value: current, path, depth } = stack.pop()!;
    switch (typeof current) {
      case "string":
      case "boolean":
        continue;
      case "number":
        if (!Number.isFinite(current)) return `${path}: number is not finite`;
        continue;
      case "object": {
        if (current === null || seen.has(current)) continue;
        if (depth > MAX_JSON_DEPTH) return `${path}: nested deeper than ${MAX_JSON_DEPTH} levels`;
        seen.add(current);
        if (Array.isArray(current)) {
          for (let i = current.length - 1; i >= 0; i--) {
            stack.push({ value: current[i], path: `${path}[${i}]`, depth: depth + 1 });
          }
          continue;
        }
        if (!isPlainObject(current)) return `${path}: value is not a plain object`;
        for (const key of Object.keys(current)) {
          if (key === "__proto__") return `${path}: key "__proto__" is not allowed`;
          stack.push({
            value: (current as Record<string, unknown>)[key],
            path: `${path}.${key}`,
            depth: depth + 1,
          });
        }
        continue;
      }
      default:
        return `${path}: ${typeof current} is not a JSON value`;
    }
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
