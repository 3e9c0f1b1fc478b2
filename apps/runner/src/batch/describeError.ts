/**
 * One line saying what went wrong: the error's first message line, else its code or name (a
 * refused connection can surface as an `AggregateError` with an empty message but a `code`).
 *
 * @example
 * describeError(new Error("NoSuchBucket: The specified bucket does not exist\n  at …")); // "NoSuchBucket: The specified bucket does not exist"
 * describeError(Object.assign(new AggregateError([], ""), { code: "ECONNREFUSED" })); // "ECONNREFUSED"
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const first = error.message.split("\n")[0]?.trim() ?? "";
  if (first !== "") return first;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && code !== "" ? code : error.name;
}
