import { randomBytes } from "node:crypto";
import { type Dirent, promises as fs } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { OutputSink } from "./outputSink";
import { validateOutputPath } from "./validateOutputPath";

const isMissing = (error: unknown): boolean =>
  (error as NodeJS.ErrnoException).code === "ENOENT" || (error as NodeJS.ErrnoException).code === "ENOTDIR";

/**
 * An {@link OutputSink} over a local folder. `put` writes `<name>.tmp-<random>` next to the target,
 * flushes it to disk and renames it over the target, so a crash leaves either the old file or the
 * new one (plus at most a temporary file, which `list` shows so it can be cleaned up).
 *
 * @example
 * const sink = new LocalOutputSink("./out");
 * await sink.put("runs/x/manifest.json", "{}\n");
 * await sink.get("runs/x/manifest.json"); // Uint8Array of "{}\n"
 */
export class LocalOutputSink implements OutputSink {
  readonly location: string;

  /** `root` is resolved to an absolute path; it need not exist yet. */
  constructor(root: string) {
    this.location = resolve(root);
  }

  async put(path: string, body: Uint8Array | string): Promise<void> {
    const target = this.fileOf(path);
    await fs.mkdir(dirname(target), { recursive: true });
    const temporary = `${target}.tmp-${randomBytes(6).toString("hex")}`;
    try {
      const handle = await fs.open(temporary, "wx");
      try {
        await handle.writeFile(body);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(temporary, target);
    } catch (error) {
      await fs.rm(temporary, { force: true });
      throw error;
    }
  }

  async get(path: string): Promise<Uint8Array | undefined> {
    try {
      return new Uint8Array(await fs.readFile(this.fileOf(path)));
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async exists(path: string): Promise<boolean> {
    try {
      return (await fs.stat(this.fileOf(path))).isFile();
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async list(prefix: string): Promise<string[]> {
    validateOutputPath(prefix, { prefix: true });
    // Walk only the deepest folder the prefix names in full, then filter by the whole prefix.
    const slash = prefix.lastIndexOf("/");
    const folder = slash < 0 ? "" : prefix.slice(0, slash);
    const found: string[] = [];
    await walk(folder === "" ? this.location : join(this.location, folder), folder, found);
    return found.filter((path) => path.startsWith(prefix)).sort(compareCodeUnits);
  }

  /** Removes the file, then its parent folders that became empty (up to the root, kept). */
  async remove(path: string): Promise<void> {
    const file = this.fileOf(path);
    await fs.rm(file, { force: true });
    for (let folder = dirname(file); folder.length > this.location.length; folder = dirname(folder)) {
      try {
        await fs.rmdir(folder);
      } catch {
        return; // not empty (or already gone): so are its parents
      }
    }
  }

  private fileOf(path: string): string {
    return join(this.location, validateOutputPath(path));
  }
}

async function walk(dir: string, relative: string, found: string[]): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (isMissing(error)) return;
    throw error;
  }
  for (const entry of entries) {
    const path = relative === "" ? entry.name : `${relative}/${entry.name}`;
    if (entry.isDirectory()) await walk(join(dir, entry.name), path, found);
    else if (entry.isFile()) found.push(path);
  }
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
