import { describe, expect, it } from "vitest";
import { TableAccount } from "../../src/batch/tableAccount";

describe("TableAccount", () => {
  it("reconciles in = clean + rejected + duplicates and counts issues by rule and field, keys sorted", () => {
    const account = new TableAccount();
    account.countClean([{ field: "title", rule: "placeholder" }]);
    account.countClean([]);
    account.countClean([
      { field: "age", rule: "invalid_age" },
      { field: "title", rule: "placeholder" },
    ]);
    account.countRejected([{ field: "$", rule: "invalid_json" }]);
    account.countDuplicates(1);
    const counts = account.counts();
    expect(counts).toEqual({
      in: 4,
      clean: 2,
      rejected: 1,
      duplicates: 1,
      byRule: { invalid_age: 1, invalid_json: 1, placeholder: 2 },
      byField: { $: 1, age: 1, title: 2 },
    });
    expect(Object.keys(counts.byRule)).toEqual(["invalid_age", "invalid_json", "placeholder"]);
  });

  it("refuses more duplicates than clean records", () => {
    const account = new TableAccount();
    account.countClean([]);
    expect(() => account.countDuplicates(2)).toThrow(RangeError);
    expect(() => account.countDuplicates(-1)).toThrow(RangeError);
  });
});
