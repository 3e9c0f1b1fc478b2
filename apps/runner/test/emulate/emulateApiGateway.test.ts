import { describe, expect, it } from "vitest";
import { emulateToApiGateway, postsWithoutPause } from "./emulateIntoFakes";
import { byRow, expectedRecords, rowOf, TABLES } from "./emulatorExpectations";
import { startFakeApiGateway } from "./fakeApiGateway";
import { stopAfterEachTest } from "./listenOnLoopback";

const started = stopAfterEachTest();
const STREAMS = { pin: "streaming-0a1b-pin", geo: "streaming-0a1b-geo", user: "streaming-0a1b-user" };

describe("pinpipe emulate --to api-gateway", () => {
  it("PUTs one record per request to <url>/streams/<stream>/record, each exactly once and in order", async () => {
    const api = await started(startFakeApiGateway());
    const { code, stdout } = await emulateToApiGateway(
      api.invokeUrl,
      "--streams",
      Object.values(STREAMS).join(","),
      "--partition-key",
      "table",
      ...postsWithoutPause(20),
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
    const api = await started(startFakeApiGateway({ throttleEvery: 3, unavailableEvery: 5 }));
    const { code, stdout } = await emulateToApiGateway(
      api.invokeUrl,
      "--seed",
      "3",
      ...postsWithoutPause(15),
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
      expect(stored.map((entry) => entry.partitionKey)).toEqual(expected[table].map((r) => String(rowOf(r))));
    }
  });

  it("sends PutRecords bodies to /records with --records-per-request, resending only the failed entries", async () => {
    const api = await started(startFakeApiGateway({ throttleEvery: 4 }));
    const { code, stdout } = await emulateToApiGateway(
      api.invokeUrl,
      "--records-per-request",
      "10",
      ...postsWithoutPause(30),
    );
    expect(code).toBe(0);
    const expected = expectedRecords(100, 30, 0);
    for (const table of TABLES) {
      const stored = api.streams.get(`pinpipe-${table}`)!;
      expect(stored.every((entry) => entry.action === "PutRecords")).toBe(true);
      expect(stored.map((entry) => entry.data).sort(byRow)).toEqual([...expected[table]].sort(byRow));
      expect([...stored].sort((a, b) => byRow(a.data, b.data)).map((entry) => entry.partitionKey)).toEqual(
        [...expected[table]].sort(byRow).map((r) => String(rowOf(r))),
      );
    }
    expect(stdout).toMatch(/records resent/);
    expect(stdout).not.toMatch(/ 0 records resent/);
  });

  it("fails with exit 1 on an error Kinesis will not get over, naming it", async () => {
    const api = await started(startFakeApiGateway({ refuseCode: "ResourceNotFoundException" }));
    const { code, stderr } = await emulateToApiGateway(api.invokeUrl, "--count", "2");
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^pinpipe emulate: PUT http:\/\/127\.0\.0\.1:\d+\/test\/streams\/pinpipe-(pin|geo|user)\/record: record 0 was refused \(ResourceNotFoundException: Stream pinpipe-\w+ not found\)\n$/,
    );
  });

  it("fails with exit 1, the status and API Gateway's message on a 4xx (here a URL without the stage)", async () => {
    const api = await started(startFakeApiGateway());
    const { code, stderr } = await emulateToApiGateway(api.url, "--count", "2");
    expect(code).toBe(1);
    expect(stderr).toMatch(/\/record answered 403 Forbidden: Missing Authentication Token\n$/);
  });
});
