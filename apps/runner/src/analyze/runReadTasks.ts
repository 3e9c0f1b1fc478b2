import { setImmediate as nextTurn } from "node:timers/promises";
import { ColumnarBuilder } from "@pinpipe/analytics/columnar";
import { executeReadTask, type TaskResult } from "./executeReadTask";
import { PieceReader } from "./pieceReader";
import type { ReadTask } from "./planReadTasks";
import { builderOptionsOf, type ReadSettings } from "./readSettings";
import { ReadWorkerPool } from "./readWorkerPool";

/**
 * Reads `tasks` on `threads` threads: the main thread and `threads - 1` worker threads (never more
 * threads than tasks), all pulling from one queue. Each result goes to `onResult(source, result)`
 * on the main thread as it comes (`source` tells whose dictionary the partial's ids belong to), so
 * partials are merged while reading goes on. The main thread reads too because it has already
 * loaded the code a worker spends its first fraction of a second loading; workers take tasks only
 * once loaded, and those still loading when the queue runs dry are let go. Between two of its
 * tasks the main thread lets worker results in and their next tasks out. Resolves once every task
 * is read; rejects (after stopping the workers) if a worker fails or `onResult` throws. With
 * `mainThreadReads` false, the workers read everything; with `"until-workers-load"`, this thread
 * reads only until a worker is loaded (a job whose main thread has other work once results come
 * in, such as encoding Parquet, would otherwise sit idle while its workers start). A job that also
 * wants the workers for encoding passes its own `pool` (then `threads` is not used and the pool
 * stays open).
 *
 * @example
 * await runReadTasks(tasks, 2, { dedupe: false, limits: DEFAULT_READ_LIMITS }, (source, result) => merger.add(source, result.partial));
 */
export async function runReadTasks(
  tasks: readonly ReadTask[],
  threads: number,
  settings: ReadSettings,
  onResult: (source: number, result: TaskResult) => void,
  mainThreadReads: boolean | "until-workers-load" = true,
  pool?: ReadWorkerPool,
): Promise<void> {
  let next = 0;
  const workers = pool ?? new ReadWorkerPool(Math.max(0, Math.min(threads, tasks.length) - 1), settings);
  workers.read(() => (next < tasks.length ? tasks[next++] : undefined), onResult);
  const builder = new ColumnarBuilder(builderOptionsOf(settings));
  const reader = new PieceReader(builder, settings.limits);
  // Observed here so a failure while the main thread reads is not an unhandled rejection.
  let failure: unknown;
  const drained = workers.readsDone();
  drained.catch((error: unknown) => {
    failure = error;
  });
  try {
    const mainReadsNext = () => mainThreadReads === true || (mainThreadReads !== false && !workers.anyLoaded);
    for (
      let task = mainReadsNext() ? workers.next() : undefined;
      task !== undefined && failure === undefined;
      task = mainReadsNext() ? workers.next() : undefined
    ) {
      onResult(workers.size, await executeReadTask(task, builder, reader));
      await nextTurn();
    }
    if (mainThreadReads === true) workers.dropUnready();
    await drained;
  } catch (error) {
    workers.stop();
    throw error;
  }
  if (pool === undefined) await workers.close();
}
