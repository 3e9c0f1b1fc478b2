/**
 * Why a source could not be read (missing, unreachable, an object that cannot be read whole); the
 * message is one line for the user.
 *
 * @example
 * throw new SourceError("source /data/raw does not exist");
 */
export class SourceError extends Error {
  override readonly name = "SourceError";
}
