import { describe, expect, it } from "vitest";
import {
  analyze,
  DEFAULT_QUERY_OPTIONS,
  type QueryOptions,
  resolveQueryOptions,
  runQueries,
  toAnalyticsTables,
} from "../../src/index";
import { q1 } from "../../src/queries/q1CategoryByCountry";

describe("query options", () => {
  it("default to all ties, the lower median and no dedupe", () => {
    expect(DEFAULT_QUERY_OPTIONS).toEqual({ ties: "all", median: "lower", dedupe: false });
    expect(resolveQueryOptions()).toEqual(DEFAULT_QUERY_OPTIONS);
    expect(resolveQueryOptions({ median: "exact", ties: undefined })).toEqual({
      ties: "all",
      median: "exact",
      dedupe: false,
    });
  });

  it.each([
    [{ ties: "some" }, 'invalid query option ties: "some" (expected "all" or "first")'],
    [{ median: "mean" }, 'invalid query option median: "mean" (expected "lower" or "exact")'],
    [{ dedupe: "yes" }, 'invalid query option dedupe: "yes" (expected true or false)'],
    [{ median: null }, "invalid query option median: null"],
    [{ tie: "first" }, 'unknown query option "tie" (expected ties, median or dedupe)'],
    [null, "query options must be an object, got null"],
    [[], "query options must be an object, got an array"],
    ["first", 'query options must be an object, got "first"'],
  ])("rejects %j with a clear error", (options, message) => {
    const invalid = options as unknown as QueryOptions;
    expect(() => resolveQueryOptions(invalid)).toThrow(TypeError);
    expect(() => resolveQueryOptions(invalid)).toThrow(message);
  });

  it("are checked by every entry point, before any work", () => {
    const tables = toAnalyticsTables({ pin: [], geo: [], user: [] });
    const invalid = { ties: "best" } as unknown as QueryOptions;
    expect(() => q1(tables, invalid)).toThrow(/ties/);
    expect(() => runQueries(tables, invalid)).toThrow(/ties/);
    expect(() => analyze({ pin: [], geo: [], user: [] }, invalid)).toThrow(/ties/);
  });
});
