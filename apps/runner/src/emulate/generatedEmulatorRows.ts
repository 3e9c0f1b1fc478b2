import { type GeneratedPost, generatePosts, type JsonRecord } from "@pinpipe/ingest";
import type { EmulatorPost, EmulatorRows } from "./emulatorRows";

/** Rows the original emulator can draw: `random.randint(0, 11000)`, both ends included. */
const TABLE_ROWS = 11_001;

/**
 * A fixed table of 11,001 synthetic posts (`generatePosts` with `seed`, `ind` 0..11000), so every row
 * the emulator draws exists and row `r` is the post with `ind` `r`. Posts are generated on first
 * use, up to the highest row asked for, since generating the whole table costs a few hundred ms.
 *
 * @throws {RangeError} from `postAt` when the row is outside 0..11000.
 * @example
 * generatedEmulatorRows(100).postAt(7528).geo?.ind; // 7528
 */
export function generatedEmulatorRows(seed: number): EmulatorRows {
  const posts = generatePosts({ seed, count: TABLE_ROWS });
  const table: GeneratedPost[] = [];
  return {
    description: `the generated table (seed ${seed}, rows 0..${TABLE_ROWS - 1})`,
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
      // Generated records are plain JSON data; the cast only widens their declared types.
      return {
        row,
        pin: post.pin as unknown as JsonRecord,
        geo: post.geo as unknown as JsonRecord,
        user: post.user as unknown as JsonRecord,
      };
    },
  };
}
