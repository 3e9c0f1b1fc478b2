import { describe, expect, it } from "vitest";
import { isRetriableKafkaError } from "../../src/gateway/kafkaErrorRetriable";

describe("isRetriableKafkaError", () => {
  it("finds a retriable cause nested in the client's aggregate errors", () => {
    const inner = Object.assign(new Error("leader not available"), { canRetry: true });
    expect(isRetriableKafkaError(new AggregateError([new Error("x"), inner], "failed 3 times"))).toBe(true);
    expect(isRetriableKafkaError(new Error("wrapped", { cause: inner }))).toBe(true);
  });
  it("counts unmarked errors and non-errors as final", () => {
    expect(isRetriableKafkaError(new Error("record too large"))).toBe(false);
    expect(isRetriableKafkaError(Object.assign(new Error("denied"), { canRetry: false }))).toBe(false);
    expect(isRetriableKafkaError("text")).toBe(false);
    expect(isRetriableKafkaError(null)).toBe(false);
  });
});
