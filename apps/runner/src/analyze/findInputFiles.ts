import { type Dirent, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { RawTableName } from "@pinpipe/analytics";
import { tableOfPath } from "./tableOfPath";

/**
 * The input folder or file cannot be listed; the message names it and the system's error code.
 *
 * @example
 * throw new InputFilesError("cannot read /data/raw: ENOENT");
 */
export class InputFilesError extends Error {
  override readonly name = "InputFilesError";
}

/** One raw record file to read. */
export interface InputFile {
  /** Path to open. */
  readonly path: string;
  /** Path relative to the input folder, `/`-separated (for messages). */
  readonly name: string;
  readonly table: RawTableName;
  readonly gzip: boolean;
  /** Size on disk (compressed size for `.gz`). */
  readonly bytes: number;
}

/** The files found under the input, and those skipped because no table could be told. */
export interface InputFiles {
  readonly files: InputFile[];
  readonly unclassified: string[];
}

const RECORD_FILE = /\.(json|ndjson|jsonl)(\.gz)?$/i;

/**
 * Lists the raw record files under `root` (recursively; hidden files and folders are skipped) or
 * the single file `root`: names ending in `.json`, `.ndjson` or `.jsonl`, optionally `.gz`, each
 * with its table (see `tableOfPath`) and size. Files whose table cannot be told are returned
 * apart. Sorted by path, so runs read in the same order.
 *
 * @throws {InputFilesError} when `root` (or a folder under it) does not exist or cannot be read.
 * @example
 * const { files, unclassified } = findInputFiles("./data");
 * files[0]; // { path: "data/topics/x.pin/partition=0/x.pin+0+0000000000.json", name: "topics/…", table: "pin", gzip: false, bytes: 1834 }
 */
export function findInputFiles(root: string): InputFiles {
  const found: { path: string; name: string }[] = [];
  let rootIsFile: boolean;
  try {
    rootIsFile = statSync(root).isFile();
  } catch (error) {
    throw new InputFilesError(
      `cannot read ${root}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  if (rootIsFile) found.push({ path: root, name: root.split(/[\\/]/).at(-1) ?? root });
  else walk(root, "", found);

  const files: InputFile[] = [];
  const unclassified: string[] = [];
  for (const { path, name } of found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const extension = RECORD_FILE.exec(name);
    if (extension === null) continue;
    const table = tableOfPath(name);
    if (table === null) {
      unclassified.push(name);
      continue;
    }
    // Symbolic links to files count; links to folders are not followed (no cycles).
    const stats = statSync(path, { throwIfNoEntry: false });
    if (stats === undefined || !stats.isFile()) continue;
    files.push({ path, name, table, gzip: extension[2] !== undefined, bytes: stats.size });
  }
  return { files, unclassified };
}

function walk(dir: string, prefix: string, found: { path: string; name: string }[]): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw new InputFilesError(
      `cannot read ${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    const name = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) walk(path, name, found);
    else found.push({ path, name });
  }
}
