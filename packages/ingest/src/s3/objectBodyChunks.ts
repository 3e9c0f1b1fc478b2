import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";

/**
 * A piece of an object's body: its bytes, and whether they were inflated from gzip (only those count
 * against a decompressed-size limit).
 *
 * @example
 * ```ts
 * const chunk: BodyChunk = { bytes: Buffer.from('{"ind":1}\n'), inflated: true };
 * ```
 */
export interface BodyChunk {
  readonly bytes: Buffer;
  readonly inflated: boolean;
}

const GZIP_MAGIC = [0x1f, 0x8b] as const;

/**
 * Streams an S3 object body as Buffers, gunzipped when the key says `.json.gz` (`gzipByName`) or the
 * bytes start like gzip. Errors of the body or of gunzip reject the iteration; stopping early (a
 * `break`) destroys both, so a gzip bomb left half-read costs nothing more.
 *
 * @example
 * ```ts
 * for await (const { bytes, inflated } of objectBodyChunks(response.Body as Readable, key.endsWith(".gz"))) {
 *   splitter.push(bytes);
 * }
 * ```
 */
export async function* objectBodyChunks(body: Readable, gzipByName: boolean): AsyncGenerator<BodyChunk> {
  const iterator = body[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return;
  const head = Buffer.from(first.value as Uint8Array);
  if (!gzipByName && !(head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1])) {
    yield { bytes: head, inflated: false };
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      yield { bytes: Buffer.from(next.value as Uint8Array), inflated: false };
    }
    return;
  }
  const gunzip = createGunzip();
  const drainedOrClosed = (): Promise<void> =>
    new Promise((resolve) => {
      const done = (): void => {
        gunzip.off("drain", done);
        gunzip.off("close", done);
        resolve();
      };
      gunzip.on("drain", done);
      gunzip.on("close", done);
    });
  // Feeds the body into gunzip by hand, so an error on either side ends the iteration below.
  const feed = (async () => {
    try {
      let chunk: Buffer | undefined = head;
      while (chunk !== undefined && !gunzip.destroyed) {
        if (!gunzip.write(chunk)) await drainedOrClosed();
        const next = await iterator.next();
        chunk = next.done ? undefined : Buffer.from(next.value as Uint8Array);
      }
      if (!gunzip.destroyed) gunzip.end();
    } catch (error) {
      gunzip.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  })();
  try {
    for await (const chunk of gunzip) yield { bytes: chunk as Buffer, inflated: true };
  } finally {
    gunzip.destroy();
    // Ends a pending read of the body, so the feeder finishes.
    body.destroy();
    await feed;
  }
}
