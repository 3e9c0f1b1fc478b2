import { readFile } from "node:fs/promises";
import { keyLiteralIssue } from "@pinpipe/clean";
import { type JsonRecord, parseJsonRecord } from "@pinpipe/ingest";
import type { EmulatorPost, EmulatorRows } from "./emulatorRows";

/** The NDJSON file of each table after the prefix, named as the original database tables. */
export const EMULATOR_ROW_FILES = {
  pin: "pinterest_data.ndjson",
  geo: "geolocation_data.ndjson",
  user: "user_data.ndjson",
} as const;

type Table = keyof typeof EMULATOR_ROW_FILES;

/** The key of a table's records: pins are keyed by `index` (as the raw pin table is), others by `ind`. */
const KEY_FIELD: Readonly<Record<Table, string>> = { pin: "index", geo: "ind", user: "ind" };

async function loadTable(prefix: string, table: Table): Promise<Map<number, JsonRecord>> {
  const path = `${prefix}${EMULATOR_ROW_FILES[table]}`;
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new Error(`cannot read ${path}${typeof code === "string" ? ` (${code})` : ""}`);
  }
  const byKey = new Map<number, JsonRecord>();
  for (const [index, line] of text.split("\n").entries()) {
    if (line.trim() === "") continue;
    const parsed = parseJsonRecord(line);
    if (!parsed.ok) throw new Error(`${path}:${index + 1}: ${parsed.reason}`);
    const key = parsed.value[KEY_FIELD[table]];
    if (typeof key !== "number" || !Number.isSafeInteger(key) || key < 0) {
      throw new Error(`${path}:${index + 1}: ${KEY_FIELD[table]} is not a non-negative integer`);
    }
    // JSON.parse turns a literal like 1e-400 into 0; the row would be sent with a key it never had.
    const inexact = keyLiteralIssue(table, line);
    if (inexact !== undefined) {
      throw new Error(
        `${path}:${index + 1}: ${inexact.field} ${String(inexact.value)} is not exactly an integer`,
      );
    }
    // The first record of a key wins, as `LIMIT row, 1` returns one row.
    if (!byKey.has(key)) byKey.set(key, parsed.value);
  }
  return byKey;
}

/**
 * Rows from NDJSON files of the three tables: `<prefix>pinterest_data.ndjson`,
 * `<prefix>geolocation_data.ndjson` and `<prefix>user_data.ndjson`. Row `r` is the record whose key
 * (`index` for pins, `ind` otherwise) is `r`, so the three records of a post always join; a table
 * with no such record contributes nothing to that post.
 *
 * @throws {Error} naming the file (and line) that is missing or not one JSON record per line.
 * @example
 * const rows = await fileEmulatorRows("/data/pinterest/");
 * rows.postAt(3).user?.ind; // 3
 */
export async function fileEmulatorRows(prefix: string): Promise<EmulatorRows> {
  const settled = await Promise.allSettled([
    loadTable(prefix, "pin"),
    loadTable(prefix, "geo"),
    loadTable(prefix, "user"),
  ]);
  // A failure is reported for the first table in order, whichever read happened to fail first.
  const [pin, geo, user] = settled.map((result) => {
    if (result.status === "rejected") throw result.reason;
    return result.value;
  }) as [Map<number, JsonRecord>, Map<number, JsonRecord>, Map<number, JsonRecord>];
  return {
    description: `${prefix}{${Object.values(EMULATOR_ROW_FILES).join(",")}}`,
    postAt(row: number): EmulatorPost {
      const p = pin.get(row);
      const g = geo.get(row);
      const u = user.get(row);
      return {
        row,
        ...(p === undefined ? {} : { pin: p }),
        ...(g === undefined ? {} : { geo: g }),
        ...(u === undefined ? {} : { user: u }),
      };
    },
  };
}
