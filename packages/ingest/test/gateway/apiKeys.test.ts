import { describe, expect, it } from "vitest";
import { parseApiKeys } from "../../src/gateway/apiKeys";

const KEY_A = "abcdefghijklmnopqrstuvwxyz";
const KEY_B = "ZYXWVUTSRQPONMLKJIHGFEDCBA0123";

describe("parseApiKeys", () => {
  it("reads named and bare keys, skipping comments and blank lines", () => {
    const ring = parseApiKeys(`# producers\n\nbatch ${KEY_A}\n${KEY_B}\n`);
    expect(ring.size).toBe(2);
    expect(ring.match(KEY_A)).toBe("batch");
    expect(ring.match(KEY_B)).toBe("key-4");
  });

  it("matches nothing for a wrong, partial, empty or absent key", () => {
    const ring = parseApiKeys(`batch ${KEY_A}`);
    expect(ring.match(`${KEY_A}x`)).toBeNull();
    expect(ring.match(KEY_A.slice(1))).toBeNull();
    expect(ring.match("")).toBeNull();
    expect(ring.match(undefined)).toBeNull();
  });

  it("names the bad line but never the key in its errors", () => {
    const short = "tooshort";
    expect(() => parseApiKeys(`ok ${KEY_A}\nbad ${short}`)).toThrow(/line 2: the key must be 20 to 128/);
    try {
      parseApiKeys(`bad ${short}`);
    } catch (error) {
      expect(String(error)).not.toContain(short);
    }
    expect(() => parseApiKeys(`a ${KEY_A}\nb ${KEY_A}`)).toThrow(/line 2: the key is listed twice/);
    expect(() => parseApiKeys(`a ${KEY_A}\na ${KEY_B}`)).toThrow(/line 2: the name a is used twice/);
    expect(() => parseApiKeys(`a b ${KEY_A}`)).toThrow(/line 1: expected/);
    expect(() => parseApiKeys("# nothing\n")).toThrow(/no key/);
  });
});
