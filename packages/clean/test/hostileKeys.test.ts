import { describe, expect, it } from "vitest";
import { cleanGeo, cleanPin, cleanUser, HOSTILE_KEYS } from "../src/index";
import { rawGeo, rawPinComplete, rawUser } from "./fixtures/rawRecords";

/** A raw row text with hostile keys added, as an attacker would send it. */
function withHostileKeys(row: object): string {
  const hostile =
    '"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 2}}, "prototype": 3';
  return `{${hostile}, ${JSON.stringify(row).slice(1)}`;
}

const cleaners = [
  ["cleanPin", cleanPin, rawPinComplete],
  ["cleanGeo", cleanGeo, rawGeo],
  ["cleanUser", cleanUser, rawUser],
] as const;

describe.each(cleaners)("%s with hostile keys", (_name, clean, row) => {
  it("cleans the record, reports the keys (rule hostile_key) and pollutes nothing", () => {
    const raw: unknown = JSON.parse(withHostileKeys(row));
    const result = clean(raw);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
    expect(result.ok).toBe(true);
    expect(result.issues).toEqual([
      { field: "__proto__", value: { polluted: 1 }, rule: "hostile_key" },
      { field: "constructor", value: { prototype: { polluted: 2 } }, rule: "hostile_key" },
      { field: "prototype", value: 3, rule: "hostile_key" },
    ]);
    if (result.ok) {
      for (const key of HOSTILE_KEYS) expect(Object.hasOwn(result.value, key)).toBe(false);
      expect(Object.getPrototypeOf(result.value)).toBe(Object.prototype);
      expect(clean(row)).toEqual({ ok: true, value: result.value, issues: [] });
    }
  });

  it("does not treat inherited properties as hostile keys", () => {
    expect(clean({ ...row }).issues).toEqual([]);
  });
});
