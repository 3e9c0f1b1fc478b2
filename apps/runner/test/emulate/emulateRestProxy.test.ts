import { describe, expect, it } from "vitest";
import { emulateToRestProxy, postsWithoutPause } from "./emulateIntoFakes";
import { byRow, expectedRecords, TABLES } from "./emulatorExpectations";
import { startFakeRestProxy } from "./fakeRestProxy";
import { stopAfterEachTest } from "./listenOnLoopback";

const started = stopAfterEachTest();

describe("pinpipe emulate --to rest-proxy", () => {
  it("posts one record per request to <url>/topics/<prefix>.<table>, each exactly once, in the emulator's order", async () => {
    const proxy = await started(startFakeRestProxy());
    const { code, stdout } = await emulateToRestProxy(
      `${proxy.url}/`,
      "--topic-prefix",
      "0a1b",
      ...postsWithoutPause(25),
    );
    expect(code).toBe(0);
    expect(stdout).toContain(`25 posts sent to REST proxy ${proxy.url}/topics/0a1b.{pin,geo,user}`);
    expect(stdout).toMatch(/records: pin 25, geo 25, user 25; 75 requests, 0 retried, 0 records resent/);
    const expected = expectedRecords(100, 25, 0);
    expect([...proxy.topics.keys()].sort()).toEqual(["0a1b.geo", "0a1b.pin", "0a1b.user"]);
    for (const table of TABLES) expect(proxy.topics.get(`0a1b.${table}`), table).toEqual(expected[table]);
  });

  it("resends only the records answered error_code 2 and requests answered 503: still exactly once, in order", async () => {
    const proxy = await started(startFakeRestProxy({ retriableErrorEvery: 3, unavailableEvery: 4 }));
    const { code, stdout } = await emulateToRestProxy(proxy.url, "--seed", "7", ...postsWithoutPause(20));
    expect(code).toBe(0);
    const expected = expectedRecords(7, 20, 0);
    for (const table of TABLES) expect(proxy.topics.get(`pinpipe.${table}`), table).toEqual(expected[table]);
    const [, requests, retried, resent] = /(\d+) requests, (\d+) retried, (\d+) records resent/
      .exec(stdout)!
      .map(Number);
    expect(retried).toBeGreaterThan(0);
    expect(resent).toBeGreaterThan(0);
    expect(requests).toBe(60 + retried! + resent!);
    expect(proxy.requests()).toBe(requests);
  });

  it("batches --records-per-request records of a table per request; failed ones are resent alone", async () => {
    const proxy = await started(startFakeRestProxy({ retriableErrorEvery: 5 }));
    const { code, stdout } = await emulateToRestProxy(
      proxy.url,
      "--records-per-request",
      "4",
      ...postsWithoutPause(30),
    );
    expect(code).toBe(0);
    const expected = expectedRecords(100, 30, 0);
    for (const table of TABLES) {
      const received = proxy.topics.get(`pinpipe.${table}`)!;
      // Exactly once; a resent record may land after later ones of its request.
      expect(received).toHaveLength(30);
      expect([...received].sort(byRow)).toEqual([...expected[table]].sort(byRow));
    }
    // Per topic every 5th record received fails: 30 + r received with r = floor((30 + r) / 5) gives
    // 7 resent, each alone in a request after its batch of 4 (8 batches).
    expect(stdout).toMatch(/; 45 requests, 0 retried, 21 records resent/);
  });

  it("fails with exit 1 and the proxy's status and message on a 4xx it cannot fix", async () => {
    const proxy = await started(
      startFakeRestProxy({
        refuseWith: { status: 404, body: '{"error_code":40401,"message":"Topic 0a1b.pin not found."}' },
      }),
    );
    const { code, stderr } = await emulateToRestProxy(proxy.url, ...postsWithoutPause(3));
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^pinpipe emulate: POST http:\/\/127\.0\.0\.1:\d+\/topics\/pinpipe\.(pin|geo|user) answered 404 Not Found: Topic 0a1b\.pin not found\. \(error_code 40401\)\n$/,
    );
  });

  it("fails with exit 1 on a non-retriable error_code, naming it", async () => {
    const proxy = await started(
      startFakeRestProxy({
        refuseWith: {
          status: 200,
          body: '{"offsets":[{"partition":null,"offset":null,"error_code":1,"error":"RecordTooLargeException"}]}',
        },
      }),
    );
    const { code, stderr } = await emulateToRestProxy(proxy.url, "--count", "1");
    expect(code).toBe(1);
    expect(stderr).toMatch(/record 0 was refused \(error_code 1: RecordTooLargeException\)\n$/);
  });

  it("gives up with exit 1 when the proxy stays unavailable past --retry-for", async () => {
    const proxy = await started(startFakeRestProxy({ refuseWith: { status: 503, body: "upstream down" } }));
    const { code, stderr } = await emulateToRestProxy(proxy.url, "--retry-for", "0.3", "--count", "1");
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /: gave up after \d+ attempt\(s\) in [\d.]+ s: 503 Service Unavailable: upstream down\n$/,
    );
    // Every table was tried; how often each was retried depends on the clock, so it is not judged.
    expect(proxy.requests()).toBeGreaterThanOrEqual(3);
  });

  it("retries a proxy that is not listening, then fails with the connection error", async () => {
    const closed = await startFakeRestProxy();
    await closed.stop();
    const { code, stderr } = await emulateToRestProxy(closed.url, "--retry-for", "0.2", "--count", "1");
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /gave up after \d+ attempt\(s\) in [\d.]+ s: connection failed \(ECONNREFUSED\)\n$/,
    );
  });
});
