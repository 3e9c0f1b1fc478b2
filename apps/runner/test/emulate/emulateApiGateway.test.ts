import { afterEach, describe, expect, it } from "vitest";
import { expectedRecords, runEmulateCommand } from "./emulatorExpectations";
import { type FakeApiGateway, startFakeApiGateway } from "./fakeApiGateway";

let api: FakeApiGateway | undefined;
afterEach(async () => {
  await api?.stop();
  api = undefined;
});

const TABLES = ["pin", "geo", "user"] as const;
const STREAMS = { pin: "streaming-0a1b-pin", geo: "streaming-0a1b-geo", user: "streaming-0a1b-user" };
const keyOf = (record: { index?: unknown; ind?: unknown }): number => Number(record.index ?? record.ind);

describe("pinpipe emulate --to api-gateway", () => {
  it("PUTs one record per request to <url>/streams/<stream>/record, each exactly once and in order", async () => {
    api = await startFakeApiGateway();
    const { code, stdout } = await runEmulateCommand(
      "--to",
      "api-gateway",
      "--url",
      api.invokeUrl,
      "--streams",
      Object.values(STREAMS).join(","),
      "--partition-key",
      "table",
      "--count",
      "20",
      "--sleep",
      "none",
    );
    expect(code).toBe(0);
    expect(stdout).toContain(
      `20 posts sent to API Gateway ${api.invokeUrl} (streams ${Object.values(STREAMS).join(", ")})`,
    );
    expect(stdout).toMatch(/60 requests, 0 retried, 0 records resent/);
    const expected = expectedRecords(100, 20, 0);
    for (const table of TABLES) {
      const stored = api.streams.get(STREAMS[table])!;
      expect(
        stored.map((entry) => entry.data),
        table,
      ).toEqual(expected[table]);
      expect(new Set(stored.map((entry) => `${entry.action} ${entry.partitionKey}`))).toEqual(
        new Set([`PutRecord ${table}`]),
      );
    }
  });

  it("resends records Kinesis throttled (passed through with status 200) and requests answered 503", async () => {
    api = await startFakeApiGateway({ throttleEvery: 3, unavailableEvery: 5 });
    const { code, stdout } = await runEmulateCommand(
      "--to",
      "api-gateway",
      "--url",
      api.invokeUrl,
      "--seed",
      "3",
      "--count",
      "15",
      "--sleep",
      "none",
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/\d+ requests, [1-9]\d* retried, [1-9]\d* records resent/);
    const expected = expectedRecords(3, 15, 0);
    for (const table of TABLES) {
      const stored = api.streams.get(`pinpipe-${table}`)!;
      expect(
        stored.map((entry) => entry.data),
        table,
      ).toEqual(expected[table]);
      // --partition-key ind (the default): the post's row.
      expect(stored.map((entry) => entry.partitionKey)).toEqual(expected[table].map((r) => String(keyOf(r))));
    }
  });

  it("sends PutRecords bodies to /records with --records-per-request, resending only the failed entries", async () => {
    api = await startFakeApiGateway({ throttleEvery: 4 });
    const { code, stdout } = await runEmulateCommand(
      "--to",
      "api-gateway",
      "--url",
      api.invokeUrl,
      "--records-per-request",
      "10",
      "--count",
      "30",
      "--sleep",
      "none",
    );
    expect(code).toBe(0);
    const expected = expectedRecords(100, 30, 0);
    for (const table of TABLES) {
      const stored = api.streams.get(`pinpipe-${table}`)!;
      expect(stored.every((entry) => entry.action === "PutRecords")).toBe(true);
      const byKey = (a: { data: object }, b: { data: object }) => keyOf(a.data) - keyOf(b.data);
      expect(stored.map((entry) => entry.data).sort((a, b) => keyOf(a) - keyOf(b))).toEqual(
        [...expected[table]].sort((a, b) => keyOf(a) - keyOf(b)),
      );
      expect([...stored].sort(byKey).map((entry) => entry.partitionKey)).toEqual(
        [...expected[table]].sort((a, b) => keyOf(a) - keyOf(b)).map((r) => String(keyOf(r))),
      );
    }
    expect(stdout).toMatch(/records resent/);
    expect(stdout).not.toMatch(/ 0 records resent/);
  });

  it("fails with exit 1 on an error Kinesis will not get over, naming it", async () => {
    api = await startFakeApiGateway({ refuseCode: "ResourceNotFoundException" });
    const { code, stderr } = await runEmulateCommand(
      "--to",
      "api-gateway",
      "--url",
      api.invokeUrl,
      "--count",
      "2",
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^pinpipe emulate: PUT http:\/\/127\.0\.0\.1:\d+\/test\/streams\/pinpipe-(pin|geo|user)\/record: record 0 was refused \(ResourceNotFoundException: Stream pinpipe-\w+ not found\)\n$/,
    );
  });

  it("fails with exit 1, the status and API Gateway's message on a 4xx (here a URL without the stage)", async () => {
    api = await startFakeApiGateway();
    const { code, stderr } = await runEmulateCommand("--to", "api-gateway", "--url", api.url, "--count", "2");
    expect(code).toBe(1);
    expect(stderr).toMatch(/\/record answered 403 Forbidden: Missing Authentication Token\n$/);
  });
});
