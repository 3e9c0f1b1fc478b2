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
