import type { IssueLog } from "./issueLog";

/**
 * Keys that could reach an object's prototype if a record were copied key by key. The cleaners
 * never copy raw keys (outputs are built with fixed keys), and report these when present.
 *
 * @example
 * HOSTILE_KEYS.includes("__proto__"); // true
 */
export const HOSTILE_KEYS: readonly string[] = Object.freeze(["__proto__", "constructor", "prototype"]);

/**
 * Logs a `hostile_key` issue for each own hostile key of `record` (as `JSON.parse` creates for
 * `"__proto__": …`). Reads values through property descriptors, so no getter or prototype is
 * touched.
 *
 * @example
 * reportHostileKeys(JSON.parse('{"__proto__": {"polluted": 1}}'), log); // one hostile_key issue
 */
export function reportHostileKeys(record: object, log: IssueLog): void {
  // Three own-key probes are much cheaper than listing the keys of every record.
  for (const key of HOSTILE_KEYS) {
    if (Object.hasOwn(record, key))
      log.add(key, Object.getOwnPropertyDescriptor(record, key)?.value, "hostile_key");
  }
}
