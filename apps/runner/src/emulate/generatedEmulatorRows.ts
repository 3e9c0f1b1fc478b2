import { type GeneratedPost, generatePosts, type JsonRecord } from "@pinpipe/ingest";
import type { EmulatorPost, EmulatorRows } from "./emulatorRows";

/** Rows the original emulator can draw: `random.randint(0, 11000)`, both ends included. */
const TABLE_ROWS = 11_001;

/**
 * The generated record as the sinks can send it. The generator's hostile `__proto__` own key is
 * refused by every encoder of @pinpipe/ingest (it turns into a prototype swap once copied), so it
 * goes out as the generator's other hostile key, `constructor`, with that variant's value.
 */
function sendable(record: object): JsonRecord {
  if (!Object.hasOwn(record, "__proto__")) return record as JsonRecord;
  const entries = Object.entries(record).filter(([key]) => key !== "__proto__");
  entries.push(["constructor", { prototype: { polluted: true } }]);
  return Object.fromEntries(entries) as JsonRecord;
}

/**
 * A fixed table of 11,001 synthetic posts (`generatePosts` with `seed`, `ind` 0..11000), so every row
 * the emulator draws exists and row `r` is the post with `ind` `r`. With `dirty` above 0 that share
 * of the posts carry one defect of the generator's (`POST_DEFECT_KINDS`: odd follower counts,
 * impossible or malformed dates, out-of-range coordinates, missing, mistyped or null fields, hostile
 * keys, missing or invalid keys) in one of their records; a hostile `__proto__` key is sent as
 * `constructor` (see above). Clean posts are the same whatever `dirty` is. Posts are generated on first
 * use, up to the highest row asked for, since generating the whole table costs a few hundred ms.
 *
 * @throws {RangeError} at the call when `dirty` is not in [0, 1]; from `postAt` when the row is
 * outside 0..11000.
 * @example
 * generatedEmulatorRows(100).postAt(7528).geo?.ind; // 7528
 * generatedEmulatorRows(100, 0.1).description; // "the generated table (seed 100, rows 0..11000, 10% dirty)"
 */
export function generatedEmulatorRows(seed: number, dirty = 0): EmulatorRows {
  const posts = generatePosts({ seed, count: TABLE_ROWS, dirty });
  const table: GeneratedPost[] = [];
  const dirtyNote = dirty > 0 ? `, ${Number((dirty * 100).toFixed(2))}% dirty` : "";
  return {
    description: `the generated table (seed ${seed}, rows 0..${TABLE_ROWS - 1}${dirtyNote})`,
    postAt(row: number): EmulatorPost {
      if (!Number.isSafeInteger(row) || row < 0 || row >= TABLE_ROWS) {
        throw new RangeError(`row ${row} is outside the generated table (0..${TABLE_ROWS - 1})`);
      }
      while (table.length <= row) {
        const next = posts.next();
        if (next.done === true) break;
        table.push(next.value);
      }
      const post = table[row]!;
      return { row, pin: sendable(post.pin), geo: sendable(post.geo), user: sendable(post.user) };
    },
  };
}
