import { describe, expect, it } from "vitest";
import { accessLogLine } from "../../src/gateway/accessLogLine";

const entry = {
  time: "2026-01-01T00:00:00.000Z",
  requestId: "r-1",
  method: "POST",
  route: "produce",
  status: 200,
  ms: 2.5,
  bytesIn: 10,
  bytesOut: 20,
  client: "127.0.0.1",
};

describe("accessLogLine", () => {
  it("writes one JSON line without the query string", () => {
    const line = accessLogLine({
      ...entry,
      path: "/topics/a.pin?api_key=secret",
      apiKey: "batch",
      records: 3,
    });
    expect(line).not.toContain("\n");
    expect(line).not.toContain("secret");
    expect(JSON.parse(line)).toEqual({ ...entry, path: "/topics/a.pin", apiKey: "batch", records: 3 });
  });
  it("cuts a long hostile path so it cannot flood the log", () => {
    const line = accessLogLine({ ...entry, path: `/${"x".repeat(10_000)}\n` });
    expect(JSON.parse(line).path).toHaveLength(256);
  });
});
