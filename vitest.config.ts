import { defineConfig } from "vitest/config";

export default defineConfig({
  // Workspace packages resolve to their TypeScript source, so tests need no build first.
  // Tests run in Vite's SSR environment, which takes its own resolve conditions.
  resolve: { conditions: ["@pinpipe/source"] },
  ssr: { resolve: { conditions: ["@pinpipe/source"] } },
  test: {
    include: ["packages/*/{src,test}/**/*.test.ts", "apps/*/{src,test}/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**", "**/*.reliability.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
