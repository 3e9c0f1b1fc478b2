import { emulatorSequence } from "@pinpipe/ingest";
import { describe, expect, it } from "vitest";
import type { EmulatorPost, EmulatorRows } from "../../src/emulate/emulatorRows";
import type { EmulatorSink } from "../../src/emulate/emulatorSink";
import { runEmulate } from "../../src/emulate/runEmulate";

/** Rows whose records just carry the row number; row 13 has no user record. */
const rows: EmulatorRows = {
  description: "test rows",
  postAt: (row) => ({
    row,
    pin: { index: row },
    geo: { ind: row },
    ...(row % 100 === 13 ? {} : { user: { ind: row } }),
  }),
};

function memorySink(): EmulatorSink & { sends: EmulatorPost[][] } {
  const sends: EmulatorPost[][] = [];
  return {
    sends,
    description: "memory",
    async send(posts) {
      sends.push([...posts]);
    },
    async close() {
      return "closed";
    },
  };
}

describe("runEmulate", () => {
  it("posts the rows of the original emulator's sequence, in order", async () => {
    const sink = memorySink();
    const summary = await runEmulate({ seed: 100, count: 50, pacing: { sleep: "none" }, rows, sink });
    expect(sink.sends.flat().map((post) => post.row)).toEqual(emulatorSequence(100, 50));
    expect(summary.firstRows).toEqual([7528, 2863, 5730, 8304, 8731, 1313, 4315, 10794, 5494, 5069]);
    expect(summary.posts).toBe(50);
    expect(summary.sinkNote).toBe("closed");
  });

  it("counts records per table and rows a table lacks", async () => {
    const sink = memorySink();
    const summary = await runEmulate({ seed: 100, count: 6, pacing: { sleep: "none" }, rows, sink });
    // Row 1313 (the sixth) has no user record.
    expect(summary.records).toEqual({ pin: 6, geo: 6, user: 5 });
    expect(summary.missing).toEqual({ pin: 0, geo: 0, user: 1 });
  });

  it("sends posts that are due together in one call, up to the limit", async () => {
    const sink = memorySink();
    await runEmulate({ seed: 100, count: 25, pacing: { sleep: "none" }, rows, sink, maxPostsPerSend: 10 });
    expect(sink.sends.map((batch) => batch.length)).toEqual([10, 10, 5]);
  });

  it("stops on the signal after the posts already due, and still closes the sink", async () => {
    const sink = memorySink();
    const stop = new AbortController();
    const summary = await runEmulate({
      seed: 100,
      count: undefined,
      pacing: { sleep: "none", rate: 1000 },
      rows,
      sink,
      signal: stop.signal,
      onSent: (sofar) => {
        if (sofar.posts >= 5) stop.abort();
      },
    });
    expect(summary.posts).toBeGreaterThanOrEqual(5);
    expect(sink.sends.flat().map((post) => post.row)).toEqual(emulatorSequence(100, summary.posts));
    expect(summary.sinkNote).toBe("closed");
  });

  it("sends nothing for --count 0 and refuses a negative count", async () => {
    const sink = memorySink();
    expect((await runEmulate({ seed: 1, count: 0, pacing: { sleep: "none" }, rows, sink })).posts).toBe(0);
    await expect(runEmulate({ seed: 1, count: -1, pacing: { sleep: "none" }, rows, sink })).rejects.toThrow(
      RangeError,
    );
  });

  it("fails with the sink's error", async () => {
    const sink = { ...memorySink(), send: async () => Promise.reject(new Error("throttled for good")) };
    await expect(runEmulate({ seed: 100, count: 3, pacing: { sleep: "none" }, rows, sink })).rejects.toThrow(
      "throttled for good",
    );
  });
});
