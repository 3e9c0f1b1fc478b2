import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // Workspace packages resolve to their TypeScript source, so tests need no build first.
    conditions: ["@pinpipe/source"],
  },
  test: {
    include: ["packages/*/{src,test}/**/*.test.ts", "apps/*/{src,test}/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**", "**/*.reliability.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
