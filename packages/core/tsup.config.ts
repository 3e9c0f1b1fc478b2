import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/flush.ts"],
  format: ["esm"],
  dts: { compilerOptions: { customConditions: [] } },
  sourcemap: true,
  clean: true,
  target: "node20",
});
