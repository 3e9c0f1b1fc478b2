import { defineConfig } from "tsup";

export default defineConfig({
  // The analyze worker has its own small entry: loading the whole CLI in each worker costs ~1 s of CPU.
  entry: { cli: "src/cli.ts", analyzeWorker: "src/analyze/analyzeWorkerEntry.ts" },
  format: ["esm"],
  sourcemap: true,
  clean: true,
  target: "node20",
  banner: { js: "#!/usr/bin/env node" },
  // Bundle the workspace packages from source so the CLI runs without building them first.
  noExternal: [/^@pinpipe\//],
  esbuildOptions(options) {
    options.conditions = ["@pinpipe/source"];
  },
});
