import { alignedWindowsContaining } from "./hopping";
import type { WindowBounds } from "./windowBounds";
import type { WindowSpec } from "./windowSpec";

/**
 * The windows a record at `time` starts out in, earliest first: its tumbling window, its hopping
 * windows, or for sessions the one-record session `[time, time + gap)` that the operator then
 * merges with the key's overlapping sessions.
 *
 * @example
 * assignWindows(tumbling(60_000), 90_000); // [{ start: 60_000, end: 120_000 }]
 * assignWindows(session(30_000), 90_000); // [{ start: 90_000, end: 120_000 }]
 */
export function assignWindows(spec: WindowSpec, time: number): WindowBounds[] {
  switch (spec.kind) {
    case "tumbling":
      return alignedWindowsContaining(time, spec.size, spec.size);
    case "hopping":
      return alignedWindowsContaining(time, spec.size, spec.advance);
    case "session":
      return [{ start: time, end: time + spec.gap }];
  }
}
