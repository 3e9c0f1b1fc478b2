import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The next offset the Kafka stream output holds per topic partition (`<topic>-<partition>`), read
 * from its partition checkpoints under `<out>/stream/checkpoints/kafka/`; a partition without one is
 * absent. A checkpoint being replaced is skipped (read again on the next poll).
 *
 * @example
 * kafkaCheckpointOffsets(out).get("crash.pin-3"); // 42n
 */
export function kafkaCheckpointOffsets(out: string): Map<string, bigint> {
  const result = new Map<string, bigint>();
  const root = join(out, "stream/checkpoints/kafka");
  let topics: string[] = [];
  try {
    topics = readdirSync(root);
  } catch {
    return result;
  }
  for (const topic of topics) {
    for (const file of readdirSync(join(root, topic))) {
      if (!file.endsWith(".json")) continue;
      try {
        const checkpoint = JSON.parse(readFileSync(join(root, topic, file), "utf8")) as { next: string };
        result.set(`${topic}-${file.replace(/\.json$/, "")}`, BigInt(checkpoint.next));
      } catch {
        // Being replaced: read again on the next poll.
      }
    }
  }
  return result;
}
