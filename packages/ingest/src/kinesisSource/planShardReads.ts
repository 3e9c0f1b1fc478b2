import type { Shard } from "@aws-sdk/client-kinesis";
import type { KinesisShardCheckpoint } from "./kinesisCheckpoint";
import type { ShardStartPosition } from "./shardStartPosition";

/**
 * What {@link planShardReads} knows about the reader.
 *
 * @example
 * ```ts
 * const state: ShardReadState = {
 *   shards: listedShards,
 *   initialPosition: { type: "TRIM_HORIZON" },
 *   progress: new Map(),
 *   finished: new Set(),
 *   readToEnd: new Set(),
 *   reading: new Set(),
 * };
 * ```
 */
export interface ShardReadState {
  /** The stream's shards as ListShards returned them. */
  readonly shards: readonly Shard[];
  /** Where shards without progress start (the reader's start option). */
  readonly initialPosition: Exclude<ShardStartPosition, { sequenceNumber: string }>;
  /** Progress per shard, from a checkpoint or from this run. */
  readonly progress: ReadonlyMap<string, KinesisShardCheckpoint>;
  /** Shards that need no more reading (read to their end, or skipped). */
  readonly finished: ReadonlySet<string>;
  /** Shards whose records were actually read to the end (a subset of `finished`). */
  readonly readToEnd: ReadonlySet<string>;
  /** Shards being read now. */
  readonly reading: ReadonlySet<string>;
}

/**
 * A decision of {@link planShardReads}: start reading a shard at a position, or skip it.
 *
 * @example
 * ```ts
 * const step: ShardReadStep = { shardId: "shardId-000000000002", action: "read", position: { type: "TRIM_HORIZON" } };
 * ```
 */
export type ShardReadStep =
  | { readonly shardId: string; readonly action: "read"; readonly position: ShardStartPosition }
  | { readonly shardId: string; readonly action: "skip" };

/**
 * Decides which shards to start reading now, so that a parent is always read to its end before its
 * children (ParentShardId, and AdjacentParentShardId after a merge) and per-key order survives resharding:
 *
 * - a shard is ready when none of its listed parents is unfinished (parents gone from the listing are past
 *   retention and count as done);
 * - with progress it resumes after its last delivered record (at it, inside an unfinished KPL aggregate);
 * - a child of a parent read to its end starts at TRIM_HORIZON (its first record follows the parent's last);
 * - otherwise it starts at the initial position, except that with LATEST a closed shard is skipped: it can
 *   receive nothing new, and its open descendants then start at LATEST themselves.
 *
 * @example
 * ```ts
 * planShardReads({ ...state, shards: [parent, child] });
 * // [{ shardId: parent.ShardId, action: "read", position: { type: "TRIM_HORIZON" } }] — the child waits
 * ```
 */
export function planShardReads(state: ShardReadState): ShardReadStep[] {
  const listed = new Map(state.shards.map((shard) => [shard.ShardId ?? "", shard]));
  const finished = new Set(state.finished);
  const steps: ShardReadStep[] = [];
  const planned = new Set<string>();
  const ordered = [...listed.keys()].filter((id) => id !== "").sort();
  // Skipping a closed shard can make its children ready, so repeat until nothing changes.
  for (let changed = true; changed; ) {
    changed = false;
    for (const shardId of ordered) {
      if (finished.has(shardId) || state.reading.has(shardId) || planned.has(shardId)) continue;
      const shard = listed.get(shardId)!;
      const parents = [shard.ParentShardId, shard.AdjacentParentShardId].filter(
        (parent): parent is string => parent !== undefined && parent !== "",
      );
      if (parents.some((parent) => listed.has(parent) && !finished.has(parent))) continue;
      planned.add(shardId);
      changed = true;
      const progress = state.progress.get(shardId);
      if (progress?.sequenceNumber !== undefined) {
        const type =
          progress.subSequenceNumber === undefined ? "AFTER_SEQUENCE_NUMBER" : "AT_SEQUENCE_NUMBER";
        steps.push({ shardId, action: "read", position: { type, sequenceNumber: progress.sequenceNumber } });
      } else if (parents.some((parent) => state.readToEnd.has(parent))) {
        steps.push({ shardId, action: "read", position: { type: "TRIM_HORIZON" } });
      } else if (state.initialPosition.type === "LATEST" && shard.SequenceNumberRange?.EndingSequenceNumber) {
        steps.push({ shardId, action: "skip" });
        finished.add(shardId);
      } else {
        steps.push({ shardId, action: "read", position: state.initialPosition });
      }
    }
  }
  return steps;
}
