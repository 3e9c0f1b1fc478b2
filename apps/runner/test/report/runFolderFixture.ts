import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { QUERY_NAMES, type QueryName } from "@pinpipe/analytics";

/** A row as results/<q>.json holds it. */
export type FixtureRow = Record<string, string | number | boolean | null>;

/** Category names that must show as text, never as markup. */
export const HOSTILE_CATEGORY = `<script>document.body.dataset.pwned="1"</script>`;
export const HOSTILE_POSTER = `"><img src=x onerror=alert(1)> & Co`;

/** Results covering every query, with hostile text, nulls, large numbers and an exact median. */
export function sampleResults(): Record<QueryName, FixtureRow[]> {
  return {
    q1: [
      { country: "Afghanistan", category: "education", category_count: 12 },
      { country: "Chad", category: HOSTILE_CATEGORY, category_count: 1_234_567 },
      { country: "Chad", category: "art", category_count: 1_234_567 },
      { country: null, category: "travel", category_count: 3 },
    ],
    q2: [
      { post_year: 2018, category: "art", category_count: 2 },
      { post_year: 2019, category: null, category_count: 0 },
      { post_year: 2020, category: "quotes", category_count: 40 },
    ],
    q3: [
      { country: "Chad", poster_name: HOSTILE_POSTER, follower_count: 15_000_000 },
      { country: "Peru", poster_name: null, follower_count: 980 },
    ],
    q3_top: [{ country: "Chad", follower_count: 15_000_000 }],
    q4: [
      { age_group: "18-24", category: "art", category_count: 4 },
      { age_group: "+50", category: "tattoos", category_count: 9 },
    ],
    q5: [
      { age_group: "18-24", median_follower_count: 5000 },
      { age_group: "25-35", median_follower_count: 1234.5 },
      { age_group: "36-50", median_follower_count: null },
      { age_group: "+50", median_follower_count: 0 },
    ],
    q6: [
      { post_year: 2015, number_users_joined: 7 },
      { post_year: 2016, number_users_joined: 3 },
      { post_year: 2017, number_users_joined: 14 },
    ],
    q7: [],
    q8: [
      { age_group: "18-24", post_year: 2015, median_follower_count: 80 },
      { age_group: "18-24", post_year: 2016, median_follower_count: 160 },
      { age_group: "25-35", post_year: 2015, median_follower_count: null },
    ],
  };
}

const sha = (text: string) => createHash("sha256").update(text).digest("hex");

/** A manifest as the output contract describes it, for `results` and these counts. */
export function sampleManifest(runId: string, results: Record<QueryName, FixtureRow[]>) {
  return {
    format: "pinpipe-batch/1",
    runId,
    source: "s3://raw-bucket/topics <pinterest>",
    options: { dedupe: true, median: "lower", ties: "all" },
    counts: {
      pin: {
        in: 5381,
        clean: 5300,
        rejected: 61,
        duplicates: 20,
        byRule: { invalid_json: 40, [HOSTILE_CATEGORY]: 21 },
        byField: { follower_count: 21 },
      },
      geo: { in: 11_154, clean: 11_154, rejected: 0, duplicates: 0, byRule: {}, byField: {} },
      user: {
        in: 11_154,
        clean: 11_150,
        rejected: 4,
        duplicates: 0,
        byRule: { missing_key: 4 },
        byField: { ind: 4 },
      },
    },
    files: [
      {
        path: "tables/pin/category=art/part-00000.parquet",
        rows: 5300,
        bytes: 1_234_567,
        sha256: sha("pin"),
      },
      {
        path: "tables/user/join_year=2015/part-00000.parquet",
        rows: 11_150,
        bytes: 987,
        sha256: sha("user"),
      },
    ],
    results: Object.fromEntries(
      QUERY_NAMES.map((name) => [
        name,
        { json: `results/${name}.json`, csv: `results/${name}.csv`, rows: results[name].length },
      ]),
    ),
  };
}

/** Writes `relative` under `root`, creating folders. */
export function writeFile(root: string, relative: string, text: string): void {
  const path = join(root, relative);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/**
 * Writes a finished run `runs/<runId>/` (manifest plus results/*.json) under `root`, or a fresh
 * temporary root, and returns the root.
 */
export function writeRunFolder(
  runId: string,
  options: {
    root?: string;
    results?: Record<QueryName, FixtureRow[]>;
    manifest?: unknown;
  } = {},
): string {
  const root = options.root ?? mkdtempSync(join(tmpdir(), "pinpipe-report-"));
  const results = options.results ?? sampleResults();
  for (const name of QUERY_NAMES) {
    writeFile(root, `runs/${runId}/results/${name}.json`, `${JSON.stringify(results[name])}\n`);
  }
  const manifest = options.manifest ?? sampleManifest(runId, results);
  writeFile(root, `runs/${runId}/manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`);
  return root;
}
