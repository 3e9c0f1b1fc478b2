import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ProgressLine } from "../../src/stream/progressLine";

function capture() {
  const chunks: string[] = [];
  const stream = new PassThrough().on("data", (chunk) => chunks.push(String(chunk)));
  return { stream, text: () => chunks.join("") };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("ProgressLine", () => {
  it("prints a plain line at most every interval when not on a terminal", async () => {
    vi.useFakeTimers({ now: 0 });
    const out = capture();
    const progress = new ProgressLine(out.stream, false, 5_000);
    let built = 0;
    const text = () => `line ${++built}`;
    progress.show(text);
    vi.setSystemTime(4_999);
    progress.show(text);
    vi.setSystemTime(5_000);
    progress.show(text);
    progress.finish();
    await vi.runAllTimersAsync();
    expect(out.text()).toBe("line 1\n");
    expect(built).toBe(1);
  });

  it("redraws one line on a terminal and erases it at the end", async () => {
    vi.useFakeTimers({ now: 0 });
    const out = capture();
    const progress = new ProgressLine(out.stream, true);
    vi.setSystemTime(100);
    progress.show(() => "a");
    vi.setSystemTime(150);
    progress.show(() => "b");
    vi.setSystemTime(200);
    progress.show(() => "c");
    progress.finish();
    await vi.runAllTimersAsync();
    expect(out.text()).toBe("\r\x1b[Ka\r\x1b[Kc\r\x1b[K");
  });
});
