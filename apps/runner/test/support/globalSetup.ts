import type { TestProject } from "vitest/node";
import { buildTestCli } from "./testCliBuild";

declare module "vitest" {
  export interface ProvidedContext {
    /** The `cli.js` of the CLI built from the current sources for this run (see `buildTestCli`). */
    pinpipeCli: string;
  }
}

/**
 * Vitest global setup: builds the CLI once per run, before any test file starts, and hands its
 * path to the tests (`inject("pinpipeCli")`, through `testCli`).
 *
 * @example
 * // vitest.config.ts
 * test: { globalSetup: ["apps/runner/test/support/globalSetup.ts"] }
 */
export default function setup(project: TestProject): void {
  project.provide("pinpipeCli", buildTestCli());
}
