import { describe, expect, it } from "vitest";
import { IngestInputError, kafkaTopicNames, tableForTopic } from "../../src/index";

describe("kafkaTopicNames", () => {
  it("names the three topics <prefix>.pin, .geo and .user, which map back to their tables", () => {
    const names = kafkaTopicNames("0a1b2c");
    expect(names).toEqual({ pin: "0a1b2c.pin", geo: "0a1b2c.geo", user: "0a1b2c.user" });
    for (const [table, topic] of Object.entries(names)) expect(tableForTopic(topic)).toBe(table);
  });

  it("refuses prefixes that make illegal topic names", () => {
    for (const prefix of ["", "a/b", "a+b", "x".repeat(245)]) {
      expect(() => kafkaTopicNames(prefix), prefix).toThrow(IngestInputError);
    }
    expect(kafkaTopicNames("x".repeat(244)).user).toHaveLength(249);
  });
});
