import type { OutputSink } from "./outputSink";
import { validateOutputPath } from "./validateOutputPath";

/**
 * A view of `sink` under the folder `folder` (`runs/2026-11-23`): paths given to the view are
 * relative to that folder, and `list` returns them so.
 *
 * @throws {RangeError} when `folder` is not a valid relative path.
 * @example
 * const run = scopedOutputSink(sink, "runs/2026-11-23");
 * await run.put("manifest.json", "{}\n"); // writes runs/2026-11-23/manifest.json
 * run.location; // e.g. "s3://lake/pinpipe/runs/2026-11-23"
 */
export function scopedOutputSink(sink: OutputSink, folder: string): OutputSink {
  const base = `${validateOutputPath(folder.endsWith("/") ? folder.slice(0, -1) : folder)}/`;
  const inside = (path: string): string => `${base}${validateOutputPath(path)}`;
  return {
    location: `${sink.location}/${base.slice(0, -1)}`,
    // async, so an invalid path rejects like the sinks' own methods instead of throwing.
    put: async (path, body) => sink.put(inside(path), body),
    get: async (path) => sink.get(inside(path)),
    exists: async (path) => sink.exists(inside(path)),
    async list(prefix) {
      const paths = await sink.list(`${base}${validateOutputPath(prefix, { prefix: true })}`);
      return paths.map((path) => path.slice(base.length));
    },
    remove: async (path) => sink.remove(inside(path)),
  };
}
