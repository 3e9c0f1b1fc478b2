import { describe, expect, it } from "vitest";
import { openKafkaGroupSource } from "../../src/kafka/kafkaGroupSource";

describe("openKafkaGroupSource", () => {
  it("refuses a retry budget that is not a non-negative number before connecting", async () => {
    for (const retryForMs of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      await expect(
        openKafkaGroupSource({ brokers: ["127.0.0.1:1"], group: "g", topics: ["t"], retryForMs }),
      ).rejects.toThrow(/retryForMs must be a non-negative number/);
    }
  });
});
