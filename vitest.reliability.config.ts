import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "vitest/config";
import { ReliabilityTallyReporter } from "./apps/runner/test/reliability/support/reliabilityTallyReporter";

// Tests add their figures (faults, crashes, hostile inputs, records) to files in this folder; the
// reporter sums them into one table after the run.
const tallyDirectory = mkdtempSync(join(tmpdir(), "pinpipe-reliability-"));

export default defineConfig({
  resolve: { conditions: ["@pinpipe/source"] },
  ssr: { resolve: { conditions: ["@pinpipe/source"] } },
  test: {
    // Tests that start the CLI as a process run it built from the current sources, once per run.
    globalSetup: ["apps/runner/test/support/globalSetup.ts"],
    // The fast hostile-input tests run here too (they also run in the normal suite), so their
    // figures reach the table.
    include: [
      "apps/*/test/**/*.reliability.test.ts",
      "packages/*/test/**/*.reliability.test.ts",
      "apps/runner/test/hostile/**/*.test.ts",
    ],
    exclude: ["**/node_modules/**", "**/dist/**"],
    env: { PINPIPE_RELIABILITY_TALLY: tallyDirectory },
    // Two files at a time: most time goes to single-threaded CLI child processes, so the two cores
    // stay busy; memory figures are per process, so runs side by side do not skew them.
    fileParallelism: true,
    maxWorkers: 2,
    minWorkers: 1,
    testTimeout: 300_000,
    hookTimeout: 120_000,
    reporters: ["default", new ReliabilityTallyReporter(tallyDirectory)],
  },
});
