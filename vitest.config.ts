import { defineConfig } from "vitest/config";

export default defineConfig({
  // Workspace packages resolve to their TypeScript source, so tests need no build first.
  // Tests run in Vite's SSR environment, which takes its own resolve conditions.
  resolve: { conditions: ["@pinpipe/source"] },
  ssr: { resolve: { conditions: ["@pinpipe/source"] } },
  test: {
    // Tests that start the CLI as a process run it built from the current sources, once per run.
    globalSetup: ["apps/runner/test/support/globalSetup.ts"],
    include: ["packages/*/{src,test}/**/*.test.ts", "apps/*/{src,test}/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**", "**/*.reliability.test.ts", "**/*.packages.test.ts"],
    // Two files at a time on two cores (Vitest's default is one fewer worker than cores): most
    // integration tests wait on child processes and local servers, so the cores stay busy.
    fileParallelism: true,
    maxWorkers: 2,
    minWorkers: 1,
    testTimeout: 30_000,
    // Silences the AWS SDK's per-process notice about Node 20 (see apps/runner/src/cli.ts).
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    hookTimeout: 60_000,
  },
});
