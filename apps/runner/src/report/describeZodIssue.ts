import type { z } from "zod";

/**
 * One line naming where a zod validation failed first and why, e.g. `counts.pin.in: Invalid input:
 * expected number, received string` (with `(+2 more problems)` when there are more).
 *
 * @example
 * describeZodIssue(runManifestSchema.safeParse({}).error!); // "format: Invalid input: expected \"pinpipe-batch/1\" (+6 more problems)"
 */
export function describeZodIssue(error: z.ZodError): string {
  const [first, ...rest] = error.issues;
  if (first === undefined) return "invalid";
  const where = first.path.length === 0 ? "(top level)" : first.path.map(String).join(".");
  const more = rest.length === 0 ? "" : ` (+${rest.length} more problem${rest.length === 1 ? "" : "s"})`;
  return `${where}: ${first.message.split("\n")[0]}${more}`;
}
