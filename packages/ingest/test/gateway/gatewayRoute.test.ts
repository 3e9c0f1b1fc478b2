import { describe, expect, it } from "vitest";
import { parseGatewayRoute } from "../../src/gateway/gatewayRoute";

describe("parseGatewayRoute", () => {
  it("routes the REST proxy produce call and the Kinesis routes, under the stage", () => {
    expect(parseGatewayRoute("POST", "/test/topics/0a1b.pin", "test")).toEqual({
      kind: "produce",
      topic: "0a1b.pin",
    });
    expect(parseGatewayRoute("GET", "/test/streams", "test")).toEqual({ kind: "listStreams" });
    expect(parseGatewayRoute("GET", "/test/streams/s-1", "test")).toEqual({
      kind: "describeStream",
      stream: "s-1",
    });
    expect(parseGatewayRoute("POST", "/test/streams/s-1", "test")).toEqual({
      kind: "createStream",
      stream: "s-1",
    });
    expect(parseGatewayRoute("DELETE", "/test/streams/s-1/", "test")).toEqual({
      kind: "deleteStream",
      stream: "s-1",
    });
    expect(parseGatewayRoute("PUT", "/test/streams/s-1/record?a=b", "test")).toEqual({
      kind: "putRecord",
      stream: "s-1",
    });
    expect(parseGatewayRoute("PUT", "/test/streams/s-1/records", "test")).toEqual({
      kind: "putRecords",
      stream: "s-1",
    });
  });

  it("routes from the root without a stage, and refuses a stage it does not serve", () => {
    expect(parseGatewayRoute("POST", "/topics/a.geo")).toEqual({ kind: "produce", topic: "a.geo" });
    expect(parseGatewayRoute("POST", "/prod/topics/a.geo", "test")).toEqual({ kind: "missingRoute" });
    expect(parseGatewayRoute("POST", "/topics/a.geo", "test")).toEqual({ kind: "missingRoute" });
  });

  it("serves the health check at the root and under the stage, for GET and HEAD only", () => {
    expect(parseGatewayRoute("GET", "/health", "test")).toEqual({ kind: "health" });
    expect(parseGatewayRoute("HEAD", "/test/ping", "test")).toEqual({ kind: "health" });
    expect(parseGatewayRoute("POST", "/health").kind).toBe("missingRoute");
  });

  it("answers methods and paths the APIs do not have as they would", () => {
    expect(parseGatewayRoute("GET", "/topics/a.pin")).toEqual({
      kind: "restProxyMethodNotAllowed",
      method: "GET",
    });
    expect(parseGatewayRoute("POST", "/topics").kind).toBe("restProxyNotFound");
    expect(parseGatewayRoute("POST", "/topics/a.pin/partitions").kind).toBe("restProxyNotFound");
    expect(parseGatewayRoute("POST", "/streams").kind).toBe("missingRoute");
    expect(parseGatewayRoute("GET", "/streams/s/records").kind).toBe("missingRoute");
    expect(parseGatewayRoute("PUT", "/streams/s/record/x").kind).toBe("missingRoute");
    expect(parseGatewayRoute("GET", "/").kind).toBe("missingRoute");
  });

  it("refuses traversal, encoded slashes and illegal names before anything is forwarded", () => {
    expect(parseGatewayRoute("PUT", "/streams/../record").kind).toBe("badPath");
    expect(parseGatewayRoute("PUT", "/test/streams/%2e%2e/record", "test").kind).toBe("badPath");
    expect(parseGatewayRoute("GET", "/streams//x").kind).toBe("badPath");
    expect(parseGatewayRoute("GET", "/streams/%E0%A4%A").kind).toBe("badPath");
    expect(parseGatewayRoute("GET", "streams").kind).toBe("badPath");
    expect(parseGatewayRoute("PUT", "/streams/a%2F..%2Fb/record")).toEqual({
      kind: "invalidStreamName",
      reason: "the stream name must be 1 to 128 of a-z A-Z 0-9 _ . -",
    });
    expect(parseGatewayRoute("POST", "/topics/a%2Fb")).toEqual({
      kind: "restProxyNotFound",
      reason: "Topic a/b not found.",
    });
    expect(parseGatewayRoute("PUT", `/streams/${"s".repeat(129)}/record`).kind).toBe("invalidStreamName");
  });
});
