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
export function reportHostileKeys(record: { readonly [key: string]: unknown }, log: IssueLog): void {
  // Fast guard: an ordinary object inherits `constructor` (Object) and `__proto__` (the accessor
  // giving Object.prototype) and has no `prototype`; an own key of any of these names shows as a
  // different value. Only then are own keys probed, so ordinary records skip three lookups.
  if (
    record.constructor !== Object ||
    record.prototype !== undefined ||
    // biome-ignore lint/suspicious/noProto: reading it is exactly how an own `__proto__` key shows.
    record.__proto__ !== Object.prototype
  ) {
    reportOwnHostileKeys(record, log);
  }
}

function reportOwnHostileKeys(record: object, log: IssueLog): void {
  for (const key of HOSTILE_KEYS) {
    if (Object.hasOwn(record, key))
      log.add(key, Object.getOwnPropertyDescriptor(record, key)?.value, "hostile_key");
  }
}
