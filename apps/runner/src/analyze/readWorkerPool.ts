import type { Worker } from "node:worker_threads";
import { ANALYZE_WORKER_ROLE, type FromAnalyzeWorker, type ToAnalyzeWorker } from "./analyzeWorker";
import type { TaskResult } from "./executeReadTask";
import type { ReadTask } from "./planReadTasks";
import type { ReadSettings } from "./readSettings";
import { spawnAnalyzeWorker } from "./spawnAnalyzeWorker";

/** Read tasks queued per worker: one being read, one waiting, so a worker never idles between tasks. */
const IN_FLIGHT = 2;

interface PoolWorker {
  readonly worker: Worker;
  readonly index: number;
  ready: boolean;
  reads: number;
  exited: boolean;
  readonly exit: Promise<void>;
}

/**
 * The worker threads of one job, reading tasks pulled from a queue (`read`). They can outlive one
 * queue, and a job closes them when it is done. Workers take work only once loaded
 * (that takes a good fraction of a second, more on a busy machine), so nothing waits on a worker
 * still starting. The first failure (a worker error, a worker stopping early, `onResult`
 * throwing) stops every worker and rejects whatever waits.
 *
 * @example
 * const pool = new ReadWorkerPool(2, settings);
 * pool.read(take, (worker, result) => merger.add(worker, result.partial));
 * await pool.readsDone();
 * await pool.close();
 */
export class ReadWorkerPool {
  private readonly workers: PoolWorker[] = [];
  private take: () => ReadTask | undefined = () => undefined;
  private onResult: (worker: number, result: TaskResult) => void = () => {};
  private exhausted = true;
  private failure: Error | undefined;
  private readonly drainWaiters: { resolve: () => void; reject: (error: Error) => void }[] = [];

  constructor(count: number, settings: ReadSettings) {
    for (let index = 0; index < count; index++) this.start(index, settings);
  }

  /** Worker threads started (loaded or not). */
  get size(): number {
    return this.workers.length;
  }

  /**
   * Starts reading: loaded workers pull tasks with `take` until it returns undefined, and each
   * result goes to `onResult(worker, result)` on this thread (`worker` tells whose dictionary the
   * partial's ids belong to). Others (this thread) may pull from the same `take`.
   */
  read(take: () => ReadTask | undefined, onResult: (worker: number, result: TaskResult) => void): void {
    this.exhausted = false;
    this.take = () => {
      const task = this.exhausted ? undefined : take();
      if (task === undefined) this.exhausted = true;
      return task;
    };
    this.onResult = onResult;
    for (const entry of this.workers) if (entry.ready) this.fill(entry);
  }

  /** True once a worker is loaded and takes tasks. */
  get anyLoaded(): boolean {
    return this.workers.some((entry) => entry.ready);
  }

  /** The shared queue: the next task, or undefined once it is empty. */
  next(): ReadTask | undefined {
    const task = this.take();
    if (task === undefined) this.checkDrained();
    return task;
  }

  /** Settles once the queue is empty and every task a worker took has been handed to `onResult`. */
  readsDone(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.drainWaiters.push({ resolve, reject });
      this.checkDrained();
    });
  }

  /** Terminates the workers not loaded yet (once the queue is empty they would only be waited for). */
  dropUnready(): void {
    for (const entry of this.workers) if (!entry.ready) void entry.worker.terminate();
  }

  /** Stops every worker (after a failure elsewhere). */
  stop(): void {
    this.fail(new Error("stopped"));
  }

  /** Lets every worker finish what it has and exit; rejects with the pool's failure, if any. */
  async close(): Promise<void> {
    for (const entry of this.workers) {
      if (entry.exited) continue;
      const close: ToAnalyzeWorker = { type: "close" };
      entry.worker.postMessage(close);
    }
    await Promise.all(this.workers.map((entry) => entry.exit));
    if (this.failure !== undefined && this.failure.message !== "stopped") throw this.failure;
  }

  private start(index: number, settings: ReadSettings): void {
    const worker = spawnAnalyzeWorker({ role: ANALYZE_WORKER_ROLE, ...settings });
    let exited: () => void = () => {};
    const entry: PoolWorker = {
      worker,
      index,
      ready: false,
      reads: 0,
      exited: false,
      exit: new Promise((resolve) => {
        exited = resolve;
      }),
    };
    this.workers.push(entry);
    worker.on("message", (message: FromAnalyzeWorker) => this.receive(entry, message));
    worker.on("error", (error) => this.fail(error));
    worker.on("exit", (code) => {
      entry.exited = true;
      exited();
      if (entry.reads > 0) {
        this.fail(new Error(`an analyze worker stopped early (exit code ${code})`));
      }
      this.checkDrained();
    });
  }

  private receive(entry: PoolWorker, message: FromAnalyzeWorker): void {
    if (this.failure !== undefined) return;
    if (message.type === "ready") {
      entry.ready = true;
      this.fill(entry);
      return;
    }
    entry.reads--;
    // The next task goes out first, so the worker reads while the result is taken in.
    this.fill(entry);
    try {
      this.onResult(entry.index, message.result);
    } catch (error) {
      this.fail(error);
      return;
    }
    this.checkDrained();
  }

  private fill(entry: PoolWorker): void {
    while (entry.reads < IN_FLIGHT && !entry.exited) {
      const task = this.take();
      if (task === undefined) return;
      entry.reads++;
      const message: ToAnalyzeWorker = { type: "task", task };
      entry.worker.postMessage(message);
    }
  }

  private checkDrained(): void {
    if (this.failure !== undefined || !this.exhausted) return;
    if (this.workers.some((entry) => entry.reads > 0)) return;
    for (const waiter of this.drainWaiters.splice(0)) waiter.resolve();
  }

  private fail(error: unknown): void {
    if (this.failure !== undefined) return;
    this.failure = error instanceof Error ? error : new Error(String(error));
    for (const entry of this.workers) void entry.worker.terminate();
    for (const waiter of this.drainWaiters.splice(0)) waiter.reject(this.failure);
  }
}
