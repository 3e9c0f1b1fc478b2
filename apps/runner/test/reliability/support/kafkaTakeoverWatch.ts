import { Admin } from "@platformatic/kafka";

/** What the watch measured: one takeover time per kill it could attribute, and the kills it could not. */
export interface KafkaTakeoverTimes {
  /** Milliseconds from a kill until every partition the killed member owned had records written again. */
  readonly takeoverMs: readonly number[];
  /** Kills of a process never seen owning a partition (still joining), or whose partitions saw no new record. */
  readonly unmeasured: number;
  /** Polls of the group, those that found it stable, and the last error of a failed one (for a failure's message). */
  readonly polls: { readonly all: number; readonly stable: number; readonly lastError: string };
}

interface Kill {
  readonly at: number;
  /** Partitions (`<topic>-<p>`) the killed process owned in the last view that showed them. */
  readonly partitions: readonly string[];
  readonly writtenAtKill: ReadonlyMap<string, bigint>;
  readonly firstWritten: Map<string, number>;
  done?: number;
}

const POLL_MS = 150;

/**
 * Measures how long a killed group member's partitions wait for another member: it follows the
 * group's assignment through the broker (DescribeGroups every 150 ms; a member's client id
 * ends in its process id, see `openKafkaGroupSource`), and times, per partition the killed process
 * owned, the first record written after the kill (the output's checkpoints, through `written`).
 *
 * @example
 * const watch = new KafkaTakeoverWatch(brokers, "crash", () => checkpointedOffsets(out));
 * watch.start();
 * child.kill("SIGKILL"); await exited; watch.killed(child.pid);
 * const { takeoverMs } = await watch.stop();
 */
export class KafkaTakeoverWatch {
  readonly #admin: Admin;
  readonly #group: string;
  readonly #written: () => ReadonlyMap<string, bigint>;
  /** Process id → partitions, from the last view of the group that showed its assignment. */
  readonly #owners = new Map<number, string[]>();
  /** Process id → partitions, when the last poll found the group stable. */
  #stable: Map<number, string[]> | undefined;
  readonly #kills: Kill[] = [];
  #unmeasured = 0;
  #polls = { all: 0, stable: 0, lastError: "" };
  #timer: NodeJS.Timeout | undefined;
  #polling: Promise<void> = Promise.resolve();

  constructor(brokers: string, group: string, written: () => ReadonlyMap<string, bigint>) {
    this.#admin = new Admin({ clientId: "takeover-watch", bootstrapBrokers: [brokers] });
    this.#group = group;
    this.#written = written;
  }

  start(): void {
    this.#timer = setInterval(() => {
      this.#polling = this.#polling
        .then(() => this.#poll())
        .catch((error: unknown) => {
          this.#polls.lastError = String(error);
        });
    }, POLL_MS);
  }

  /** Whether the group was stable at the last poll with each of these processes owning partitions. */
  settled(pids: readonly (number | undefined)[]): boolean {
    const view = this.#stable;
    return view !== undefined && pids.every((pid) => pid !== undefined && (view.get(pid)?.length ?? 0) > 0);
  }

  /** The partitions process `pid` owned in the last view of the group that showed its assignment. */
  partitionsOf(pid: number | undefined): readonly string[] {
    return pid === undefined ? [] : (this.#owners.get(pid) ?? []);
  }

  /** Kills whose partitions are not all written again yet. */
  pending(): number {
    return this.#kills.filter((kill) => kill.done === undefined).length;
  }

  /** Call right after the member process `pid` was killed (and has exited). */
  killed(pid: number | undefined): void {
    const partitions = pid === undefined ? undefined : (this.#stable?.get(pid) ?? this.#owners.get(pid));
    if (partitions === undefined || partitions.length === 0) {
      this.#unmeasured++;
      return;
    }
    this.#kills.push({
      at: performance.now(),
      partitions,
      writtenAtKill: this.#written(),
      firstWritten: new Map(),
    });
  }

  async stop(): Promise<KafkaTakeoverTimes> {
    clearInterval(this.#timer);
    await this.#polling;
    await this.#admin.close().catch(() => {});
    const takeoverMs = this.#kills.flatMap((kill) => (kill.done === undefined ? [] : [kill.done - kill.at]));
    return {
      takeoverMs,
      unmeasured: this.#unmeasured + this.#kills.length - takeoverMs.length,
      polls: { ...this.#polls },
    };
  }

  async #poll(): Promise<void> {
    const now = performance.now();
    this.#polls.all++;
    const group = (await this.#admin.describeGroups({ groups: [this.#group] })).get(this.#group);
    const stable = group !== undefined && /stable/i.test(String(group.state));
    if (stable) this.#polls.stable++;
    const view = new Map<number, string[]>();
    // Under kills every few seconds the group is seldom stable: any view that shows a member's
    // assignment updates it (a member keeps its last one while the group rebalances).
    for (const [, member] of group?.members ?? new Map()) {
      const pid = Number(/-(\d+)$/.exec(member.clientId)?.[1]);
      const partitions: string[] = [];
      for (const [, assignment] of member.assignments ?? new Map()) {
        for (const partition of assignment.partitions) partitions.push(`${assignment.topic}-${partition}`);
      }
      if (Number.isInteger(pid) && partitions.length > 0) {
        this.#owners.set(pid, partitions);
        view.set(pid, partitions);
      }
    }
    this.#stable = stable ? view : undefined;
    const written = this.#written();
    for (const kill of this.#kills) {
      if (kill.done !== undefined) continue;
      for (const partition of kill.partitions) {
        if (kill.firstWritten.has(partition)) continue;
        if ((written.get(partition) ?? 0n) > (kill.writtenAtKill.get(partition) ?? 0n)) {
          kill.firstWritten.set(partition, now);
        }
      }
      if (kill.firstWritten.size === kill.partitions.length)
        kill.done = Math.max(...kill.firstWritten.values());
    }
  }
}
