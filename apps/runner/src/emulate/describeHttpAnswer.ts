/** Longest piece of a non-JSON answer body quoted in an error. */
const QUOTED_CHARS = 200;

/**
 * Describes an answer for an error message: the status and what the server said. JSON error bodies
 * of a REST proxy (`{"error_code":40401,"message":"..."}`) and of API Gateway or Kinesis
 * (`{"message":"..."}`, `{"__type":"...","Message":"..."}`) give their message and code; any other
 * body is quoted (first line, shortened).
 *
 * @example
 * describeHttpAnswer(404, "Not Found", '{"error_code":40401,"message":"Topic not found."}');
 * // '404 Not Found: Topic not found. (error_code 40401)'
 */
export function describeHttpAnswer(status: number, statusText: string, body: string): string {
  const head = `${status}${statusText === "" ? "" : ` ${statusText}`}`;
  let said = "";
  try {
    const document: unknown = JSON.parse(body);
    if (typeof document === "object" && document !== null && !Array.isArray(document)) {
      const { message, Message, error_code, __type } = document as Record<string, unknown>;
      const text = typeof message === "string" ? message : typeof Message === "string" ? Message : "";
      const code =
        typeof error_code === "number"
          ? `error_code ${error_code}`
          : typeof __type === "string"
            ? __type
            : "";
      said = code === "" ? text : text === "" ? code : `${text} (${code})`;
    }
  } catch {
    // Not JSON: quote the body itself.
  }
  if (said === "") {
    const line = body.trim().split("\n", 1)[0] ?? "";
    said = line.length > QUOTED_CHARS ? `${line.slice(0, QUOTED_CHARS)}...` : line;
  }
  return said === "" ? head : `${head}: ${said}`;
}
