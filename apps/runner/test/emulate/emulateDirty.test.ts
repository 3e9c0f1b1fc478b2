import { cleanerFor, type TableName } from "@pinpipe/clean";
import type { JsonRecord } from "@pinpipe/ingest";
import { describe, expect, it } from "vitest";
import { emulateToRestProxy, postsWithoutPause } from "./emulateIntoFakes";
import { expectedRecords, TABLES } from "./emulatorExpectations";
import { startFakeRestProxy } from "./fakeRestProxy";
import { stopAfterEachTest } from "./listenOnLoopback";

const started = stopAfterEachTest();

/** Runs the emulator into a fake REST proxy and cleans what it received, per table. */
async function emulateAndClean(dirty: string, count: number) {
  const proxy = await started(startFakeRestProxy());
  const { code, stdout } = await emulateToRestProxy(
    proxy.url,
    "--rows",
    "generated",
    "--dirty",
    dirty,
    ...postsWithoutPause(count),
  );
  expect(code).toBe(0);
  const received = {} as Record<TableName, JsonRecord[]>;
  let rejected = 0;
  const rules = new Set<string>();
  for (const table of TABLES) {
    received[table] = proxy.topics.get(`pinpipe.${table}`) ?? [];
    for (const record of received[table]) {
      const result = cleanerFor(table)(record);
      if (!result.ok) rejected++;
      for (const issue of result.issues) rules.add(issue.rule);
    }
  }
  return { stdout, received, rejected, rules };
}

describe("pinpipe emulate --dirty", () => {
  it("sends the generator's defects, which @pinpipe/clean then rejects or repairs", async () => {
    const { stdout, received, rejected, rules } = await emulateAndClean("1", 60);
    expect(stdout).toContain("rows from the generated table (seed 100, rows 0..11000, 100% dirty)");
    expect(received).toEqual(expectedRecords(100, 60, 1));
    // Unkeyable records are rejected; other defects become issues on the way to clean records.
    expect(rejected).toBeGreaterThan(0);
    for (const rule of ["hostile_key", "missing_field", "wrong_type", "invalid_timestamp"]) {
      expect(rules, rule).toContain(rule);
    }
    // Every post has one defect: its records differ from the clean table's.
    const clean = expectedRecords(100, 60, 0);
    for (let post = 0; post < 60; post++) {
      expect(
        TABLES.some((table) => JSON.stringify(received[table][post]) !== JSON.stringify(clean[table][post])),
        `post ${post}`,
      ).toBe(true);
    }
  });

  it("with 0 (the default) sends clean records that @pinpipe/clean never rejects", async () => {
    const { received, rejected, rules } = await emulateAndClean("0", 60);
    expect(received).toEqual(expectedRecords(100, 60, 0));
    expect(rejected).toBe(0);
    // Placeholders of the real data are all there is to clean.
    expect([...rules]).toEqual(["placeholder"]);
  });
});
