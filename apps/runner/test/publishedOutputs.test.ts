import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { analyze } from "@pinpipe/analytics";
import { cleanGeo, cleanPin, cleanUser } from "@pinpipe/clean";
import { emulatorSequence } from "@pinpipe/ingest";
import type { CleanGeo, CleanPin, CleanUser } from "@pinpipe/schemas";
import { describe, expect, it } from "vitest";

// The real raw tables are not part of the project; CI has them beside the clone. Without them this
// check is skipped: every other test runs on data the project generates itself.
const referenceDir =
  process.env.PINPIPE_REFERENCE_DATA ??
  fileURLToPath(new URL("../../../../shared/data/pinterest/", import.meta.url));
const haveReference = existsSync(`${referenceDir}/user_data.ndjson`);

function byKey(file: string, key: string): Map<number, unknown> {
  const rows = new Map<number, unknown>();
  for (const line of readFileSync(`${referenceDir}/${file}`, "utf8").split("\n")) {
    if (line.trim() === "") continue;
    const record = JSON.parse(line) as Record<string, unknown>;
    rows.set(record[key] as number, record);
  }
  return rows;
}

describe.skipIf(!haveReference)("published Databricks outputs (real data, first 998 emulator posts)", () => {
  it("q5 and q6 match with no de-duplication and the lower median", () => {
    const pins = byKey("pinterest_data.ndjson", "index");
    const geos = byKey("geolocation_data.ndjson", "ind");
    const users = byKey("user_data.ndjson", "ind");
    const pin: CleanPin[] = [];
    const geo: CleanGeo[] = [];
    const user: CleanUser[] = [];
    for (const row of emulatorSequence(100, 998)) {
      const p = cleanPin(pins.get(row));
      const g = cleanGeo(geos.get(row));
      const u = cleanUser(users.get(row));
      if (p.ok) pin.push(p.value);
      if (g.ok) geo.push(g.value);
      if (u.ok) user.push(u.value);
    }
    expect([pin.length, geo.length, user.length]).toEqual([998, 998, 998]);

    const results = analyze({ pin, geo, user }, { dedupe: false, median: "lower", ties: "all" });
    expect(results.q5).toEqual([
      { age_group: "18-24", median_follower_count: 103000 },
      { age_group: "25-35", median_follower_count: 24000 },
      { age_group: "36-50", median_follower_count: 7000 },
      { age_group: "+50", median_follower_count: 1000 },
    ]);
    expect(results.q6).toEqual([
      { post_year: 2015, number_users_joined: 394 },
      { post_year: 2016, number_users_joined: 447 },
      { post_year: 2017, number_users_joined: 157 },
    ]);
  });
});
