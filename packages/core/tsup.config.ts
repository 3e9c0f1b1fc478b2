import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/flush.ts"],
  format: ["esm", "cjs"],
  dts: { compilerOptions: { customConditions: [] } },
  sourcemap: true,
  clean: true,
  target: "node20",
});
