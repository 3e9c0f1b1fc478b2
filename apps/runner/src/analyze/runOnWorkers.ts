import type { Worker } from "node:worker_threads";
import { ANALYZE_WORKER_ROLE, type ToAnalyzeWorker } from "./analyzeWorker";
import type { TaskResult } from "./executeReadTask";
import type { ReadTask } from "./planReadTasks";
import { spawnAnalyzeWorker } from "./spawnAnalyzeWorker";

/** Tasks queued per worker: one being read, one waiting, so a worker never idles between tasks. */
const IN_FLIGHT = 2;

/**
 * Reads `tasks` on `workers` worker threads (never more threads than tasks) and calls
 * `onResult(worker, result)` on the main thread as each task finishes, in completion order, so
 * the caller can merge partials as they come while the workers keep reading. Resolves once every
 * task is done and the workers have exited; rejects (after stopping the workers) if a worker
 * fails or `onResult` throws.
 *
 * @example
 * await runOnWorkers(tasks, 2, false, (worker, result) => merger.add(worker, result.partial));
 */
export function runOnWorkers(
  tasks: readonly ReadTask[],
  workers: number,
  dedupe: boolean,
  onResult: (worker: number, result: TaskResult) => void,
): Promise<void> {
  const count = Math.min(workers, tasks.length);
  if (count === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const pool: Worker[] = [];
    let next = 0;
    let done = 0;
    let settled = false;
    let exited = 0;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      for (const worker of pool) void worker.terminate();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    const send = (worker: Worker) => {
      if (next >= tasks.length) return;
      const message: ToAnalyzeWorker = { type: "task", task: tasks[next++]! };
      worker.postMessage(message);
    };
    for (let index = 0; index < count; index++) {
      const worker = spawnAnalyzeWorker({ role: ANALYZE_WORKER_ROLE, dedupe });
      pool.push(worker);
      worker.on("message", (result: TaskResult) => {
        if (settled) return;
        try {
          onResult(index, result);
        } catch (error) {
          fail(error);
          return;
        }
        done++;
        send(worker);
        if (done === tasks.length) {
          const close: ToAnalyzeWorker = { type: "close" };
          for (const each of pool) each.postMessage(close);
        }
      });
      worker.on("error", fail);
      worker.on("exit", (code) => {
        exited++;
        if (done < tasks.length) fail(new Error(`an analyze worker stopped early (exit code ${code})`));
        else if (exited === pool.length && !settled) {
          settled = true;
          resolve();
        }
      });
      for (let k = 0; k < IN_FLIGHT; k++) send(worker);
    }
  });
}
