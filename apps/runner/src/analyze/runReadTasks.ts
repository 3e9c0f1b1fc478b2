import { setImmediate as nextTurn } from "node:timers/promises";
import type { Worker } from "node:worker_threads";
import { ColumnarBuilder } from "@pinpipe/analytics/columnar";
import { ANALYZE_WORKER_ROLE, type FromAnalyzeWorker, type ToAnalyzeWorker } from "./analyzeWorker";
import { executeReadTask, type TaskResult } from "./executeReadTask";
import { PieceReader } from "./pieceReader";
import type { ReadTask } from "./planReadTasks";
import { builderOptionsOf, type ReadSettings } from "./readSettings";
import { spawnAnalyzeWorker } from "./spawnAnalyzeWorker";

/** Tasks queued per worker: one being read, one waiting, so a worker never idles between tasks. */
const IN_FLIGHT = 2;

/** The workers of one run: settles once all have exited; idle ones can be let go early. */
interface WorkerPool {
  readonly done: Promise<void>;
  /** Stops every worker (after a failure). */
  stop(): void;
  /** Terminates the workers not ready yet: once the queue is empty they would only be waited for. */
  dropUnready(): void;
}

/**
 * Starts `count` workers that, once loaded, pull tasks with `take` until it returns `undefined`,
 * calling `onResult(index, result)` for each. No task waits on a worker still loading (that takes
 * a good fraction of a second, more on a busy machine): the main thread reads meanwhile.
 */
function startWorkers(
  count: number,
  settings: ReadSettings,
  take: () => ReadTask | undefined,
  onResult: (worker: number, result: TaskResult) => void,
): WorkerPool {
  const pool: { readonly worker: Worker; ready: boolean; outstanding: number }[] = [];
  let settled = false;
  let exited = 0;
  let resolveDone: () => void = () => {};
  let rejectDone: (error: Error) => void = () => {};
  const done = new Promise<void>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });
  const fail = (error: unknown) => {
    if (settled) return;
    settled = true;
    for (const { worker } of pool) void worker.terminate();
    rejectDone(error instanceof Error ? error : new Error(String(error)));
  };
  const exit = () => {
    exited++;
    if (exited === count && !settled) {
      settled = true;
      resolveDone();
    }
  };
  for (let index = 0; index < count; index++) {
    const entry = {
      worker: spawnAnalyzeWorker({ role: ANALYZE_WORKER_ROLE, ...settings }),
      ready: false,
      outstanding: 0,
    };
    pool.push(entry);
    const { worker } = entry;
    const send = (): boolean => {
      const task = take();
      if (task === undefined) return false;
      entry.outstanding++;
      const message: ToAnalyzeWorker = { type: "task", task };
      worker.postMessage(message);
      return true;
    };
    const closeIfIdle = () => {
      if (entry.outstanding > 0) return;
      const close: ToAnalyzeWorker = { type: "close" };
      worker.postMessage(close);
    };
    worker.on("message", (message: FromAnalyzeWorker) => {
      if (settled) return;
      if (message.type === "ready") {
        entry.ready = true;
        for (let k = 0; k < IN_FLIGHT; k++) send();
        closeIfIdle();
        return;
      }
      entry.outstanding--;
      // The next task goes out first, so the worker reads while the result is taken in.
      const sent = send();
      try {
        onResult(index, message.result);
      } catch (error) {
        fail(error);
        return;
      }
      if (!sent) closeIfIdle();
    });
    worker.on("error", fail);
    worker.on("exit", (code) => {
      if (entry.outstanding > 0) fail(new Error(`an analyze worker stopped early (exit code ${code})`));
      else exit();
    });
  }
  if (count === 0) resolveDone();
  return {
    done,
    stop: () => fail(new Error("stopped")),
    dropUnready: () => {
      for (const entry of pool) if (!entry.ready) void entry.worker.terminate();
    },
  };
}

/**
 * Reads `tasks` on `threads` threads: the main thread and `threads - 1` worker threads (never more
 * threads than tasks), all pulling from one queue. Each result goes to `onResult(source, result)`
 * on the main thread as it comes (`source` tells whose dictionary the partial's ids belong to), so
 * partials are merged while reading goes on. The main thread reads too because it has already
 * loaded the code a worker spends its first fraction of a second loading; workers take tasks only
 * once loaded, and those still loading when the queue runs dry are let go. Between two of its
 * tasks the main thread lets worker results in and their next tasks out. Resolves once every task
 * is read; rejects (after stopping the workers) if a worker fails or `onResult` throws. With
 * `mainThreadReads` false (tests), the workers read everything.
 *
 * @example
 * await runReadTasks(tasks, 2, { dedupe: false, limits: DEFAULT_READ_LIMITS }, (source, result) => merger.add(source, result.partial));
 */
export async function runReadTasks(
  tasks: readonly ReadTask[],
  threads: number,
  settings: ReadSettings,
  onResult: (source: number, result: TaskResult) => void,
  mainThreadReads = true,
): Promise<void> {
  let next = 0;
  const take = () => (next < tasks.length ? tasks[next++] : undefined);
  const workerCount = Math.max(0, Math.min(threads, tasks.length) - 1);
  const workers = startWorkers(workerCount, settings, take, onResult);
  // Observed here so a failure while the main thread reads is not an unhandled rejection.
  let failure: unknown;
  workers.done.catch((error: unknown) => {
    failure = error;
  });
  const builder = new ColumnarBuilder(builderOptionsOf(settings));
  const reader = new PieceReader(builder, settings.limits);
  try {
    for (
      let task = mainThreadReads ? take() : undefined;
      task !== undefined && failure === undefined;
      task = take()
    ) {
      onResult(workerCount, await executeReadTask(task, builder, reader));
      await nextTurn();
    }
  } catch (error) {
    workers.stop();
    throw error;
  }
  if (mainThreadReads) workers.dropUnready();
  await workers.done;
}
