import { kafkaConnectTopicOf } from "../analyze/kafkaConnectTopicOf";

/**
 * `--topics-regex` matched no topic of the source: a usage error (exit 2), since nothing would be
 * read; the message lists the topics the source does hold.
 *
 * @example
 * if (error instanceof NoTopicMatchError) exitCode = 2;
 */
export class NoTopicMatchError extends Error {
  override readonly name = "NoTopicMatchError";
}

/**
 * What `--topics-regex` left out of a read: the topics it did not match (sorted), their files, and
 * record files that are no Kafka Connect object (they name no topic, so no topic filter takes them).
 *
 * @example
 * const leftOut: TopicsLeftOut = { topics: ["old.pin"], files: 3, otherFiles: 1 };
 */
export interface TopicsLeftOut {
  readonly topics: readonly string[];
  readonly files: number;
  readonly otherFiles: number;
}

/** Topics named in a message at most; the rest are counted. */
const LISTED_TOPICS = 20;

/**
 * Keeps the entries (files or objects, by their `/`-separated path) that are Kafka Connect objects
 * of a topic `pattern` matches, in their order, and says what it left out.
 *
 * @throws {NoTopicMatchError} when no entry is kept, naming `where` and the topics found there.
 * @example
 * selectTopics(["topics/a.pin/partition=0/a.pin+0+0000000000.json", "topics/b.pin/partition=0/b.pin+0+0000000000.json"], (p) => p, /^(?:a\..*)$/u, "/raw").leftOut; // {"topics":["b.pin"],"files":1,"otherFiles":0}
 */
export function selectTopics<T>(
  entries: readonly T[],
  pathOf: (entry: T) => string,
  pattern: RegExp,
  where: string,
): { readonly kept: T[]; readonly leftOut: TopicsLeftOut } {
  const kept: T[] = [];
  const leftOutTopics = new Set<string>();
  const found = new Set<string>();
  let files = 0;
  let otherFiles = 0;
  for (const entry of entries) {
    const topic = kafkaConnectTopicOf(pathOf(entry));
    if (topic === null) {
      otherFiles++;
      continue;
    }
    found.add(topic);
    if (pattern.test(topic)) {
      kept.push(entry);
    } else {
      leftOutTopics.add(topic);
      files++;
    }
  }
  if (kept.length === 0) {
    const topics = [...found].sort();
    const listed = topics.slice(0, LISTED_TOPICS).join(", ");
    const more = topics.length > LISTED_TOPICS ? ` and ${topics.length - LISTED_TOPICS} more` : "";
    throw new NoTopicMatchError(
      topics.length === 0
        ? `--topics-regex matches no topic: ${where} holds no Kafka Connect object (<topic>+<partition>+<offset>.json)`
        : `--topics-regex matches none of the ${topics.length} topics in ${where}: ${listed}${more}`,
    );
  }
  return { kept, leftOut: { topics: [...leftOutTopics].sort(), files, otherFiles } };
}
