import { setImmediate as nextTurn } from "node:timers/promises";
import type { Worker } from "node:worker_threads";
import { ColumnarBuilder } from "@pinpipe/analytics";
import { ANALYZE_WORKER_ROLE, type ToAnalyzeWorker } from "./analyzeWorker";
import { executeReadTask, type TaskResult } from "./executeReadTask";
import { PieceReader } from "./pieceReader";
import type { ReadTask } from "./planReadTasks";
import { spawnAnalyzeWorker } from "./spawnAnalyzeWorker";

/** Tasks queued per worker: one being read, one waiting, so a worker never idles between tasks. */
const IN_FLIGHT = 2;

/**
 * Starts `count` workers that pull tasks with `take` until it returns `undefined`, calling
 * `onResult(index, result)` for each; the promise settles once they have all exited, or rejects
 * at the first failure (after stopping them all).
 */
function startWorkers(
  count: number,
  dedupe: boolean,
  take: () => ReadTask | undefined,
  onResult: (worker: number, result: TaskResult) => void,
): { readonly done: Promise<void>; stop(): void } {
  const pool: Worker[] = [];
  let stop = () => {};
  const done = new Promise<void>((resolve, reject) => {
    let settled = false;
    let exited = 0;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      for (const worker of pool) void worker.terminate();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    stop = () => fail(new Error("stopped"));
    for (let index = 0; index < count; index++) {
      const worker = spawnAnalyzeWorker({ role: ANALYZE_WORKER_ROLE, dedupe });
      pool.push(worker);
      let outstanding = 0;
      const send = () => {
        const task = take();
        if (task === undefined) return false;
        outstanding++;
        const message: ToAnalyzeWorker = { type: "task", task };
        worker.postMessage(message);
        return true;
      };
      const closeIfIdle = () => {
        if (outstanding > 0) return;
        const close: ToAnalyzeWorker = { type: "close" };
        worker.postMessage(close);
      };
      worker.on("message", (result: TaskResult) => {
        if (settled) return;
        outstanding--;
        try {
          onResult(index, result);
        } catch (error) {
          fail(error);
          return;
        }
        if (!send()) closeIfIdle();
      });
      worker.on("error", fail);
      worker.on("exit", (code) => {
        exited++;
        if (outstanding > 0) fail(new Error(`an analyze worker stopped early (exit code ${code})`));
        else if (exited === count && !settled) {
          settled = true;
          resolve();
        }
      });
      for (let k = 0; k < IN_FLIGHT; k++) send();
      closeIfIdle();
    }
    if (count === 0) resolve();
  });
  return { done, stop: () => stop() };
}

/**
 * Reads `tasks` on `threads` threads: the main thread and `threads - 1` worker threads (never more
 * threads than tasks), all pulling from one queue. Each result goes to `onResult(source, result)`
 * on the main thread as it comes (`source` tells whose dictionary the partial's ids belong to), so
 * partials are merged while reading goes on. The main thread reads too because it has already
 * loaded the code a worker would spend its first fraction of a second loading; between two of its
 * tasks it lets worker results in and their next tasks out. Resolves once every task is read;
 * rejects (after stopping the workers) if a worker fails or `onResult` throws.
 *
 * @example
 * await runReadTasks(tasks, 2, false, (source, result) => merger.add(source, result.partial));
 */
export async function runReadTasks(
  tasks: readonly ReadTask[],
  threads: number,
  dedupe: boolean,
  onResult: (source: number, result: TaskResult) => void,
): Promise<void> {
  let next = 0;
  const take = () => (next < tasks.length ? tasks[next++] : undefined);
  const workerCount = Math.max(0, Math.min(threads, tasks.length) - 1);
  const workers = startWorkers(workerCount, dedupe, take, onResult);
  // Observed here so a failure while the main thread reads is not an unhandled rejection.
  let failure: unknown;
  workers.done.catch((error: unknown) => {
    failure = error;
  });
  const builder = new ColumnarBuilder({ dedupe });
  const reader = new PieceReader(builder);
  try {
    for (let task = take(); task !== undefined && failure === undefined; task = take()) {
      onResult(workerCount, await executeReadTask(task, builder, reader));
      await nextTurn();
    }
  } catch (error) {
    workers.stop();
    throw error;
  }
  await workers.done;
}
