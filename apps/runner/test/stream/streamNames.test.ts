import { describe, expect, it } from "vitest";
import { DEFAULT_STREAM_NAMES, parseStreamNames } from "../../src/stream/streamNames";

describe("--streams", () => {
  it("names the pin, geo and user streams in that order", () => {
    expect(parseStreamNames("stream", "p-1, g.2,u_3")).toEqual({ pin: "p-1", geo: "g.2", user: "u_3" });
  });

  it("defaults to the streams pinpipe emulate writes", () => {
    expect(parseStreamNames("stream", undefined)).toBe(DEFAULT_STREAM_NAMES);
    expect(DEFAULT_STREAM_NAMES).toEqual({ pin: "pinpipe-pin", geo: "pinpipe-geo", user: "pinpipe-user" });
  });

  it("refuses anything but three distinct legal names", () => {
    expect(() => parseStreamNames("emulate", "a,b")).toThrow(/pinpipe emulate: --streams needs three names/);
    expect(() => parseStreamNames("stream", "a,b,c,d")).toThrow(/got 4/);
    expect(() => parseStreamNames("stream", "a,,c")).toThrow(/illegal stream name ""/);
    expect(() => parseStreamNames("stream", "a,b c,d")).toThrow(/illegal stream name "b c"/);
    expect(() => parseStreamNames("stream", `a,b,${"x".repeat(129)}`)).toThrow(/illegal/);
    expect(() => parseStreamNames("stream", "a,b,a")).toThrow(/distinct/);
  });
});
