import { randomBytes } from "node:crypto";
import { link, mkdir, open, readdir, readFile, rename, rm, stat, unlink } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import type { DeltaStorage, StoredFile } from "./deltaStorage";

function errorCode(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error
    ? String((error as { code: unknown }).code)
    : undefined;
}

/** Writes the bytes to a fresh temporary file next to `target` and flushes them to disk. */
async function writeTemporary(target: string, bytes: Uint8Array): Promise<string> {
  await mkdir(dirname(target), { recursive: true });
  const temporary = `${target}.tmp-${randomBytes(6).toString("hex")}`;
  const handle = await open(temporary, "wx");
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return temporary;
}

/**
 * A table in a local folder. `putIfAbsent` writes a temporary file, flushes it, then hard-links
 * it to the target name: `link` fails with EEXIST when the name is taken, atomically, and a
 * reader never sees a half-written commit (an interrupted write leaves only the temporary).
 *
 * @example
 * const storage = localDeltaStorage("/data/tables/pin_table");
 * await storage.putIfAbsent("_delta_log/00000000000000000000.json", bytes); // true, then false
 */
export function localDeltaStorage(root: string): DeltaStorage {
  const full = (path: string): string => join(root, ...path.split("/"));
  return {
    location: root,
    async read(path) {
      try {
        return new Uint8Array(await readFile(full(path)));
      } catch (error) {
        if (errorCode(error) === "ENOENT") return null;
        throw error;
      }
    },
    async putIfAbsent(path, bytes) {
      const target = full(path);
      const temporary = await writeTemporary(target, bytes);
      try {
        await link(temporary, target);
        return true;
      } catch (error) {
        if (errorCode(error) === "EEXIST") return false;
        throw error;
      } finally {
        await unlink(temporary).catch(() => undefined);
      }
    },
    async put(path, bytes) {
      const target = full(path);
      await rename(await writeTemporary(target, bytes), target);
    },
    async list(folder) {
      try {
        return (await readdir(full(folder), { withFileTypes: true }))
          .filter((entry) => entry.isFile())
          .map((entry) => entry.name)
          .sort();
      } catch (error) {
        if (errorCode(error) === "ENOENT") return [];
        throw error;
      }
    },
    async listAll() {
      const files: StoredFile[] = [];
      let entries: string[];
      try {
        entries = await readdir(root, { recursive: true });
      } catch (error) {
        if (errorCode(error) === "ENOENT") return [];
        throw error;
      }
      for (const entry of entries.sort()) {
        const info = await stat(join(root, entry)).catch(() => null);
        if (info?.isFile()) {
          files.push({
            path: relative(root, join(root, entry)).split(sep).join("/"),
            size: info.size,
            modificationTime: Math.floor(info.mtimeMs),
          });
        }
      }
      return files;
    },
    async remove(path) {
      await rm(full(path), { force: true });
    },
  };
}
