import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: { compilerOptions: { customConditions: [] } },
  sourcemap: true,
  clean: true,
  // The CommonJS build gets an import.meta.url shim: the package finds its launchers from it.
  shims: true,
  target: "node20",
});
