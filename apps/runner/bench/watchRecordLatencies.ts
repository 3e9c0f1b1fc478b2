import { parquetReadObjects } from "hyparquet";
import type { OutputSink } from "../src/output/index";

/**
 * Watches a stream job's output for new clean-table Parquet files (listed every 20 ms) and, for each
 * row whose `<table>:<ind>` is in `sentAt`, records how long after its send it became visible.
 *
 * @example
 * const watch = watchRecordLatencies(sink, sentAt);
 * // ... send records, setting sentAt ...
 * await waitFor(() => watch.latencies.length >= sentAt.size);
 * await watch.stop();
 */
export function watchRecordLatencies(
  sink: OutputSink,
  sentAt: ReadonlyMap<string, number>,
): { readonly latencies: number[]; stop(): Promise<void> } {
  const latencies: number[] = [];
  const seen = new Set<string>();
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      for (const path of await sink.list("stream/tables/")) {
        if (seen.has(path) || !path.endsWith(".parquet")) continue;
        seen.add(path);
        const now = performance.now();
        const table = path.split("/")[2]!;
        const body = (await sink.get(path))!;
        for (const row of await parquetReadObjects({ file: body.slice().buffer, columns: ["ind"] })) {
          const sent = sentAt.get(`${table}:${Number(row.ind)}`);
          if (sent !== undefined) latencies.push(now - sent);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return {
    latencies,
    stop: async () => {
      watching = false;
      await watcher;
    },
  };
}
