import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/gateway.ts"],
  format: ["esm", "cjs"],
  dts: { compilerOptions: { customConditions: [] } },
  sourcemap: true,
  clean: true,
  target: "node20",
});
