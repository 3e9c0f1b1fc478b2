import { defineConfig } from "tsup";

export default defineConfig({
  entry: { cli: "src/cli.ts" },
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
