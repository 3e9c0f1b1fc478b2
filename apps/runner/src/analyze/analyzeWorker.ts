import { isMainThread, parentPort, workerData } from "node:worker_threads";
import { ColumnarBuilder, partialTransferList } from "@pinpipe/analytics/columnar";
import { executeReadTask, type TaskResult } from "./executeReadTask";
import { PieceReader } from "./pieceReader";
import type { ReadTask } from "./planReadTasks";
import { builderOptionsOf, type ReadSettings } from "./readSettings";

/**
 * Marks the `workerData` of analyze worker threads.
 *
 * @example
 * spawnAnalyzeWorker({ role: ANALYZE_WORKER_ROLE, dedupe: false, limits: DEFAULT_READ_LIMITS });
 */
export const ANALYZE_WORKER_ROLE = "pinpipe-analyze-worker";

/** The `workerData` an analyze worker is started with. */
export interface AnalyzeWorkerData extends ReadSettings {
  readonly role: typeof ANALYZE_WORKER_ROLE;
}

/** Messages from the main thread to a worker. */
export type ToAnalyzeWorker = { readonly type: "task"; readonly task: ReadTask } | { readonly type: "close" };

/** Messages from a worker to the main thread: loaded and ready for tasks, or a task's result. */
export type FromAnalyzeWorker =
  | { readonly type: "ready" }
  | { readonly type: "result"; readonly result: TaskResult };

/**
 * Whether this thread was started as an analyze worker (the CLI entry then serves tasks instead
 * of running a command).
 *
 * @example
 * if (isAnalyzeWorker()) return serveAnalyzeWorker();
 */
export function isAnalyzeWorker(): boolean {
  return !isMainThread && (workerData as Partial<AnalyzeWorkerData> | null)?.role === ANALYZE_WORKER_ROLE;
}

/**
 * Serves read tasks in this worker thread: says `ready` (the code is loaded), then reads each task
 * into the worker's own `ColumnarBuilder` (its dictionary lives as long as the worker) and answers
 * with a `TaskResult` whose typed arrays are transferred, not copied. Tasks are read one at a time
 * in arrival order. Resolves with exit code 0 once the main thread says `close`.
 *
 * @example
 * // in the CLI entry, when isAnalyzeWorker():
 * process.exitCode = await serveAnalyzeWorker();
 */
export function serveAnalyzeWorker(): Promise<number> {
  const port = parentPort;
  if (port === null) return Promise.reject(new Error("serveAnalyzeWorker must run in a worker thread"));
  const settings = workerData as AnalyzeWorkerData;
  const builder = new ColumnarBuilder(builderOptionsOf(settings));
  const reader = new PieceReader(builder, settings.limits);
  let queue = Promise.resolve();
  const ready: FromAnalyzeWorker = { type: "ready" };
  port.postMessage(ready);
  return new Promise((resolve) => {
    port.on("message", (message: ToAnalyzeWorker) => {
      if (message.type === "close") {
        queue.then(() => {
          port.close();
          resolve(0);
        });
        return;
      }
      const { task } = message;
      queue = queue.then(async () => {
        const result = await executeReadTask(task, builder, reader);
        const reply: FromAnalyzeWorker = { type: "result", result };
        port.postMessage(reply, partialTransferList(result.partial));
      });
    });
  });
}
