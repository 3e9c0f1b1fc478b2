/**
 * Thrown when a checkpoint cannot be restored: it is not JSON, not a window operator checkpoint,
 * damaged, or written under a different configuration. `path` points at the offending part.
 *
 * @example
 * try {
 *   restoreWindowOperator(config, "{}");
 * } catch (error) {
 *   if (error instanceof WindowStateError) console.error(error.path, error.message); // "format" …
 * }
 */
export class WindowStateError extends Error {
  override readonly name = "WindowStateError";
  readonly path: string;

  constructor(path: string, problem: string) {
    super(`invalid window operator checkpoint${path === "" ? "" : ` at ${path}`}: ${problem}`);
    this.path = path;
  }
}
