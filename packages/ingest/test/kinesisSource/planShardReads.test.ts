import type { Shard } from "@aws-sdk/client-kinesis";
import { describe, expect, it } from "vitest";
import { planShardReads, type ShardReadState } from "../../src/index";

function shard(id: string, options: { parent?: string; adjacent?: string; closed?: boolean } = {}): Shard {
  return {
    ShardId: id,
    HashKeyRange: undefined,
    SequenceNumberRange: {
      StartingSequenceNumber: "1",
      ...(options.closed ? { EndingSequenceNumber: "9" } : {}),
    },
    ...(options.parent ? { ParentShardId: options.parent } : {}),
    ...(options.adjacent ? { AdjacentParentShardId: options.adjacent } : {}),
  };
}

function state(overrides: Partial<ShardReadState>): ShardReadState {
  return {
    shards: [],
    initialPosition: { type: "TRIM_HORIZON" },
    progress: new Map(),
    finished: new Set(),
    readToEnd: new Set(),
    reading: new Set(),
    ...overrides,
  };
}

const split = [shard("p", { closed: true }), shard("c1", { parent: "p" }), shard("c2", { parent: "p" })];

describe("planShardReads", () => {
  it("reads a parent before its children", () => {
    expect(planShardReads(state({ shards: split }))).toEqual([
      { shardId: "p", action: "read", position: { type: "TRIM_HORIZON" } },
    ]);
  });

  it("starts children at TRIM_HORIZON once their parent was read to its end", () => {
    const steps = planShardReads(
      state({ shards: split, finished: new Set(["p"]), readToEnd: new Set(["p"]) }),
    );
    expect(steps).toEqual([
      { shardId: "c1", action: "read", position: { type: "TRIM_HORIZON" } },
      { shardId: "c2", action: "read", position: { type: "TRIM_HORIZON" } },
    ]);
  });

  it("waits for both parents of a merge", () => {
    const merge = [
      shard("a", { closed: true }),
      shard("b", { closed: true }),
      shard("m", { parent: "a", adjacent: "b" }),
    ];
    const halfway = state({
      shards: merge,
      finished: new Set(["a"]),
      readToEnd: new Set(["a"]),
      reading: new Set(["b"]),
    });
    expect(planShardReads(halfway)).toEqual([]);
    const done = state({ shards: merge, finished: new Set(["a", "b"]), readToEnd: new Set(["a", "b"]) });
    expect(planShardReads(done).map((step) => step.shardId)).toEqual(["m"]);
  });

  it("treats parents missing from the listing (past retention) as done", () => {
    const steps = planShardReads(state({ shards: [shard("c", { parent: "gone" })] }));
    expect(steps).toEqual([{ shardId: "c", action: "read", position: { type: "TRIM_HORIZON" } }]);
  });

  it("resumes shards with progress after (or, inside an aggregate, at) their last delivered record", () => {
    const steps = planShardReads(
      state({
        shards: [shard("x"), shard("y")],
        progress: new Map([
          ["x", { sequenceNumber: "100" }],
          ["y", { sequenceNumber: "200", subSequenceNumber: 3 }],
        ]),
      }),
    );
    expect(steps).toEqual([
      { shardId: "x", action: "read", position: { type: "AFTER_SEQUENCE_NUMBER", sequenceNumber: "100" } },
      { shardId: "y", action: "read", position: { type: "AT_SEQUENCE_NUMBER", sequenceNumber: "200" } },
    ]);
  });

  it("with LATEST skips closed shards nobody read and starts their open children at LATEST", () => {
    const steps = planShardReads(state({ shards: split, initialPosition: { type: "LATEST" } }));
    expect(steps).toEqual([
      { shardId: "p", action: "skip" },
      { shardId: "c1", action: "read", position: { type: "LATEST" } },
      { shardId: "c2", action: "read", position: { type: "LATEST" } },
    ]);
  });

  it("uses AT_TIMESTAMP for every unread shard, closed ones included", () => {
    const at = { type: "AT_TIMESTAMP" as const, timestamp: new Date("2024-01-01T00:00:00Z") };
    expect(planShardReads(state({ shards: split, initialPosition: at }))).toEqual([
      { shardId: "p", action: "read", position: at },
    ]);
  });

  it("plans nothing for finished shards or shards being read", () => {
    expect(
      planShardReads(
        state({ shards: [shard("a"), shard("b")], finished: new Set(["a"]), reading: new Set(["b"]) }),
      ),
    ).toEqual([]);
  });
});
