/** Letters, digits, `.`, `_` and `-`, starting with a letter or digit: one safe path segment. */
const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/**
 * Checks a run id, which names the run's folder (`runs/<run-id>/`): 1 to 128 characters among
 * letters, digits, `.`, `_` and `-`, starting with a letter or a digit (so never `.`, `..` or a
 * hidden name), hence safe as a path segment on every file system and as an S3 key segment.
 *
 * @throws {RangeError} saying what a run id may hold.
 * @example
 * validateRunId("2026-11-23"); // "2026-11-23"
 * validateRunId("../x"); // throws RangeError
 */
export function validateRunId(runId: string): string {
  if (!RUN_ID.test(runId)) {
    throw new RangeError(
      `run id must be 1-128 letters, digits, ".", "_" or "-", starting with a letter or digit, got ${JSON.stringify(runId)}`,
    );
  }
  return runId;
}

/**
 * The default run id: the UTC date of `now` as `YYYY-MM-DD`, so a daily schedule gets one run
 * folder per day and a retry on the same day replaces it.
 *
 * @example
 * defaultRunId(new Date("2026-11-23T23:30:00-05:00")); // "2026-11-24"
 */
export function defaultRunId(now: Date): string {
  return now.toISOString().slice(0, 10);
}
