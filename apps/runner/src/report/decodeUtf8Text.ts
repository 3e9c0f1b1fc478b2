import { RunFolderError } from "./runFolderError";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * The UTF-8 text of a file's bytes (a leading byte order mark dropped); `where` names the file in
 * the error.
 *
 * @throws {RunFolderError} when the bytes are not valid UTF-8.
 * @example
 * decodeUtf8Text(new TextEncoder().encode("[]"), "results/q1.json"); // "[]"
 */
export function decodeUtf8Text(bytes: Uint8Array, where: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new RunFolderError(`${where} is not UTF-8 text`);
  }
}
