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
    include: ["apps/*/test/**/*.reliability.test.ts", "packages/*/test/**/*.reliability.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**"],
    env: { PINPIPE_RELIABILITY_TALLY: tallyDirectory },
    // Crash loops and memory measurements must not compete for the two cores.
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 120_000,
    reporters: ["default", new ReliabilityTallyReporter(tallyDirectory)],
  },
});
