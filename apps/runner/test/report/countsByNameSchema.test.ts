import { describe, expect, it } from "vitest";
import { countsByNameSchema } from "../../src/report/countsByNameSchema";

describe("countsByNameSchema", () => {
  it("keeps every name, including ones that are Object.prototype members", () => {
    const counts = countsByNameSchema.parse(
      JSON.parse('{"__proto__": 3, "constructor": 2, "title": 1, "toString": 0}'),
    );
    expect(Object.keys(counts)).toEqual(["__proto__", "constructor", "title", "toString"]);
    expect(Object.entries(counts)).toEqual([
      ["__proto__", 3],
      ["constructor", 2],
      ["title", 1],
      ["toString", 0],
    ]);
  });

  it("never changes the prototype of what it returns, and looks up absent names as undefined", () => {
    const counts = countsByNameSchema.parse(JSON.parse('{"__proto__": 3}'));
    expect(Object.getPrototypeOf(counts)).toBeNull();
    expect(counts.constructor).toBeUndefined();
    expect(counts.hasOwnProperty).toBeUndefined();
  });

  it("rejects an object under __proto__ without touching any prototype", () => {
    const parsed = countsByNameSchema.safeParse(JSON.parse('{"__proto__": {"polluted": 1}}'));
    expect(parsed.error?.issues.map((issue) => issue.path)).toEqual([["__proto__"]]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("accepts no names at all", () => {
    expect(Object.keys(countsByNameSchema.parse({}))).toEqual([]);
  });

  it.each([
    ["a negative count", '{"title": -1}', ["title"]],
    ["a fractional count", '{"title": 1.5}', ["title"]],
    ["a count as text", '{"title": "1"}', ["title"]],
    ["a bad count under __proto__", '{"__proto__": -1}', ["__proto__"]],
  ])("rejects %s, with the name as the path", (_, json, path) => {
    const parsed = countsByNameSchema.safeParse(JSON.parse(json));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path)).toEqual([path]);
  });

  it.each([
    ["null", null],
    ["an array", [1, 2]],
    ["a number", 4],
    ["text", "title"],
  ])("rejects %s instead of an object", (_, input) => {
    const parsed = countsByNameSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe("Invalid input: expected an object of counts by name");
  });
});
