import { defineConfig } from "vitest/config";

// npm run test:packages: the pack-and-import test (issue 17). It builds, packs and npm-installs every
// published package, so it runs on its own after `npm run check:packages`, not in `npm test`.
export default defineConfig({
  resolve: { conditions: ["@pinpipe/source"] },
  ssr: { resolve: { conditions: ["@pinpipe/source"] } },
  test: {
    include: ["apps/*/test/**/*.packages.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**"],
    testTimeout: 300_000,
    hookTimeout: 1_800_000,
  },
});
