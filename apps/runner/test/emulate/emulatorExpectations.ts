import { emulatorSequence, type GeneratedPost, generatePosts, type JsonRecord } from "@pinpipe/ingest";
import { commands } from "../../src/commands/index";
import { main } from "../../src/main";
import { memoryContext } from "../stream/commandContext";

/**
 * Runs `pinpipe emulate ...args` in-process.
 *
 * @example
 * const { code, stdout } = await runEmulateCommand("--to", "dir", "--out", dir, "--count", "3");
 */
export async function runEmulateCommand(...args: string[]) {
  const io = memoryContext();
  const code = await main(["emulate", ...args], commands, io.context);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

type Table = "pin" | "geo" | "user";

/** The emulator's tables, in the order it names them. */
export const TABLES: readonly Table[] = ["pin", "geo", "user"];

/**
 * The row of the generated table a record was sent for: pin records hold it as `index`, geo and
 * user records as `ind`.
 *
 * @example
 * rowOf({ ind: 7528, country: "Chad" }); // 7528
 */
export function rowOf(record: unknown): number {
  const { index, ind } = record as { index?: unknown; ind?: unknown };
  return Number(index ?? ind);
}

/**
 * Orders records by {@link rowOf}, for comparing records whose order a resend may change.
 *
 * @example
 * [...received].sort(byRow);
 */
export function byRow(a: unknown, b: unknown): number {
  return rowOf(a) - rowOf(b);
}

const tables = new Map<string, GeneratedPost[]>();

/** The generator's first `count` posts, kept for the next test that asks (generating costs ~1 s). */
function generatedTable(seed: number, count: number, dirty: number): GeneratedPost[] {
  const key = `${seed}/${count}/${dirty}`;
  const posts = tables.get(key) ?? [...generatePosts({ seed, count, dirty })];
  tables.set(key, posts);
  return posts;
}

/**
 * The records the emulator must send for `--rows generated`, computed without the runner: the
 * CPython sequence for the seed, and the generator's post with that `ind`. A hostile `__proto__` key
 * is expected as `constructor`, as the emulator documents.
 *
 * @example
 * expectedRecords(100, 5, 0).pin[0]?.index; // 7528
 */
export function expectedRecords(seed: number, count: number, dirty: number): Record<Table, JsonRecord[]> {
  const rows = emulatorSequence(seed, count);
  const posts = generatedTable(seed, Math.max(-1, ...rows) + 1, dirty);
  const asSent = (record: object): JsonRecord =>
    JSON.parse(
      JSON.stringify(record).replace(
        '"__proto__":{"polluted":true}',
        '"constructor":{"prototype":{"polluted":true}}',
      ),
    ) as JsonRecord;
  return {
    pin: rows.map((row) => asSent(posts[row]!.pin)),
    geo: rows.map((row) => asSent(posts[row]!.geo)),
    user: rows.map((row) => asSent(posts[row]!.user)),
  };
}
