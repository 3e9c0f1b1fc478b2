import { QUERY_NAMES } from "@pinpipe/analytics";
import { z } from "zod";
import { validateOutputPath } from "../output/validateOutputPath";
import { countsByNameSchema } from "./countsByNameSchema";

const count = z.number().int().nonnegative();

/** A path inside a run folder, as the output sinks accept it (relative, no `..`). */
const runRelativePath = z.string().superRefine((path, context) => {
  try {
    validateOutputPath(path);
  } catch (error) {
    context.addIssue({ code: "custom", message: (error as Error).message });
  }
});

const tableCounts = z.object({
  in: count,
  clean: count,
  rejected: count,
  duplicates: count,
  byRule: countsByNameSchema,
  byField: countsByNameSchema,
});

const resultEntry = z.object({ json: runRelativePath, csv: runRelativePath, rows: count });

/**
 * The zod schema of a batch run's `manifest.json` (format `pinpipe-batch/1`). Unknown keys are
 * dropped; option keys beyond `dedupe`, `median` and `ties` are kept (scalars only) so the report
 * can show options added later; `byRule` and `byField` keep every rule and field name, even
 * `__proto__` ({@link countsByNameSchema}).
 *
 * @example
 * const manifest = runManifestSchema.parse(JSON.parse(text)); // throws z.ZodError when invalid
 * manifest.counts.pin.clean; // 4112
 */
export const runManifestSchema = z.object({
  format: z.literal("pinpipe-batch/1"),
  runId: z.string().min(1),
  source: z.string(),
  options: z
    .object({ dedupe: z.boolean(), median: z.enum(["lower", "exact"]), ties: z.enum(["all", "first"]) })
    .catchall(z.union([z.string(), z.number(), z.boolean(), z.null()])),
  counts: z.object({ pin: tableCounts, geo: tableCounts, user: tableCounts }),
  files: z.array(
    z.object({
      path: runRelativePath,
      rows: count,
      bytes: count,
      sha256: z.string().regex(/^[0-9a-f]{64}$/i, "must be 64 hex digits"),
    }),
  ),
  results: z.object(Object.fromEntries(QUERY_NAMES.map((name) => [name, resultEntry])) as ResultEntries),
  /**
   * Source files of no table, with their sizes (absent = none); manifests written before the job
   * core counted their records instead, and still read.
   */
  skipped: z
    .array(
      z.union([z.object({ file: z.string(), bytes: count }), z.object({ file: z.string(), records: count })]),
    )
    .default([]),
});

type ResultEntries = { [Q in (typeof QUERY_NAMES)[number]]: typeof resultEntry };

/**
 * A validated batch run manifest.
 *
 * @example
 * const files: RunManifest["files"] = manifest.files;
 */
export type RunManifest = z.infer<typeof runManifestSchema>;
