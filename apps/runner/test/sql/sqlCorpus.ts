import type { TableName } from "@pinpipe/clean";
import { generatePostLines } from "@pinpipe/ingest";
import { HOSTILE_KINDS, hostileLine } from "../core/hostileLines";
import { TABLES } from "../core/jobRunners";
import { isKnownDifference } from "./knownDifferences";

/**
 * A generated dirty corpus with re-posts (so dedupe matters) and hostile lines of every kind
 * mixed in, except the lines whose JSON the engines read differently from `JSON.parse`
 * (`isKnownDifference`, pinned in knownDifferences.test.ts).
 *
 * @example
 * const lines = sqlTestCorpus(5, 600); // lines.pin[0] is the first pin line's bytes
 */
export function sqlTestCorpus(seed: number, posts: number): Record<TableName, Uint8Array[]> {
  const lines: Record<TableName, Uint8Array[]> = { pin: [], geo: [], user: [] };
  for (const post of generatePostLines({ seed, count: posts, dirty: 0.3, duplicates: 0.2 })) {
    for (const table of TABLES) lines[table].push(Buffer.from(post[table], "utf8"));
  }
  const texts = ["", " ", "\u00a0Chad", "n/a", "No Title Data Available", "  padded  ", "日本"];
  const numbers = [1.5, -0, 1e21, 36, -3];
  for (const table of TABLES) {
    for (let kind = 0; kind < HOSTILE_KINDS; kind++) {
      for (let pick = 0; pick < 12; pick++) {
        const text = texts[pick % texts.length]!;
        const number = numbers[pick % numbers.length]!;
        const line = hostileLine({ table, kind, key: 40 + pick, slot: pick, text, number, pick, at: 0 });
        if (isKnownDifference(line)) continue;
        const at = (7 * (kind * 12 + pick)) % (lines[table].length + 1);
        lines[table].splice(at, 0, line);
      }
    }
  }
  return lines;
}
