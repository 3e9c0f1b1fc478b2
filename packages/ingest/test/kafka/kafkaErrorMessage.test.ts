import { describe, expect, it } from "vitest";
import { kafkaErrorMessage } from "../../src/index";

describe("kafkaErrorMessage", () => {
  it("digs out the innermost cause of nested attempt errors", () => {
    const refused = new Error("connect ECONNREFUSED 127.0.0.1:1");
    const attempts = new AggregateError([new AggregateError([refused], "attempt 1")], "failed 3 times");
    expect(kafkaErrorMessage(attempts)).toBe("connect ECONNREFUSED 127.0.0.1:1");
    expect(kafkaErrorMessage(new Error("outer", { cause: refused }))).toBe(refused.message);
  });

  it("keeps a plain error's message and describes anything else", () => {
    expect(kafkaErrorMessage(new Error("plain"))).toBe("plain");
    expect(kafkaErrorMessage("text")).toBe("text");
  });
});
