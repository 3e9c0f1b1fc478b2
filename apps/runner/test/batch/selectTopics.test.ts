import { describe, expect, it } from "vitest";
import { NoTopicMatchError, selectTopics } from "../../src/batch/selectTopics";

const object = (topic: string, offset: number) =>
  `topics/${topic}/partition=0/${topic}+0+${String(offset).padStart(10, "0")}.json`;

describe("selectTopics", () => {
  const paths = [
    object("a.pin", 0),
    object("a.pin", 5),
    "exports/pin.ndjson",
    object("b.pin", 0),
    `${object("a.geo", 0)}.gz`,
    object("b.user", 0),
  ];

  it("keeps the objects of matching topics in their order and counts what it left out", () => {
    const { kept, leftOut } = selectTopics(paths, (p) => p, /^(?:a\..*)$/u, "/raw");
    expect(kept).toEqual([paths[0], paths[1], paths[4]]);
    expect(leftOut).toEqual({ topics: ["b.pin", "b.user"], files: 2, otherFiles: 1 });
  });

  it("fails naming the topics found when none matches, or saying there is none", () => {
    expect(() => selectTopics(paths, (p) => p, /^(?:c\.pin)$/u, "/raw")).toThrow(
      new NoTopicMatchError(
        "--topics-regex matches none of the 4 topics in /raw: a.geo, a.pin, b.pin, b.user",
      ),
    );
    expect(() => selectTopics(["pin.ndjson"], (p) => p, /^(?:.*)$/u, "s3://b/p")).toThrow(
      /s3:\/\/b\/p holds no Kafka Connect object/,
    );
  });
});
