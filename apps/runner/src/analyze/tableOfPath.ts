import type { RawTableName } from "@pinpipe/analytics";
import { tableForTopic } from "@pinpipe/ingest";
import { kafkaConnectTopicOf } from "./kafkaConnectTopicOf";

const TABLES: readonly RawTableName[] = ["pin", "geo", "user"];

/** The one table a name mentions (case-insensitive), or `null` for none or several. */
function tableOfName(name: string): RawTableName | null {
  const lower = name.toLowerCase();
  const found = TABLES.filter((table) => lower.includes(table));
  return found.length === 1 ? found[0]! : null;
}

/**
 * Which raw table a record file holds, from its path relative to the input folder
 * (`/`-separated): a Kafka Connect object (`<prefix>.pin+0+0000000000.json`) by its topic; any
 * other file by its name when the name mentions exactly one of `pin`, `geo`, `user`
 * (`pinterest_data.ndjson`), else by the nearest folder whose name does. `null` when none tells.
 *
 * @example
 * tableOfPath("topics/0a1b.geo/partition=0/0a1b.geo+0+0000000042.json"); // "geo"
 * tableOfPath("exports/user_data.ndjson"); // "user"
 * tableOfPath("pin/part-0001.ndjson"); // "pin"
 * tableOfPath("misc/data.ndjson"); // null
 */
export function tableOfPath(path: string): RawTableName | null {
  const segments = path.split("/");
  const name = segments.at(-1) ?? "";
  const topic = kafkaConnectTopicOf(name);
  if (topic !== null) {
    const table = tableForTopic(topic);
    if (table !== null) return table;
  }
  for (let i = segments.length - 1; i >= 0; i--) {
    const table = tableOfName(segments[i]!);
    if (table !== null) return table;
  }
  return null;
}
