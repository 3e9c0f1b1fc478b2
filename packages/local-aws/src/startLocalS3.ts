import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LocalServer } from "./localServer";
import { startServerProcess } from "./startServerProcess";
import { validatePort } from "./validatePort";

/**
 * Options of {@link startLocalS3}.
 *
 * @example
 * ```ts
 * const options: LocalS3Options = { buckets: ["raw"], port: 0 };
 * ```
 */
export interface LocalS3Options {
  /** Where objects are stored; kept after stop(). Default: a fresh temporary folder removed on stop(). */
  readonly directory?: string;
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Buckets created before the server reports ready. */
  readonly buckets?: readonly string[];
  /** Milliseconds to wait for the server to start (default 20000). */
  readonly startTimeoutMs?: number;
}

/**
 * A running local S3 server and the folder that holds its buckets.
 *
 * @example
 * ```ts
 * const s3: LocalS3Server = await startLocalS3();
 * console.log(s3.directory); // e.g. "/tmp/pinpipe-s3rver-Xy12ab"
 * ```
 */
export interface LocalS3Server extends LocalServer {
  /** Folder with the buckets' files (a temporary one, removed on stop(), unless `directory` was given). */
  readonly directory: string;
}

/**
 * Starts a real S3-compatible server (s3rver) on 127.0.0.1 in a child process. The server accepts any
 * access key id and does not check signatures; use path-style addressing (`forcePathStyle`).
 * Conditional creates behave as on S3, which s3rver alone does not do: a PutObject with
 * `If-None-Match: *` gets 412 PreconditionFailed when the key exists, and 409
 * ConditionalRequestConflict while another conditional write of the key is in progress (a
 * middleware of the launcher, `launchers/s3rver.cjs`; Delta commits depend on it).
 *
 * @example
 * ```ts
 * const s3 = await startLocalS3({ buckets: ["raw"] });
 * const client = new S3Client({ endpoint: s3.endpoint, forcePathStyle: true, region: "us-east-1" });
 * // ... use the client ...
 * await s3.stop();
 * ```
 */
export async function startLocalS3(options: LocalS3Options = {}): Promise<LocalS3Server> {
  const port = validatePort(options.port);
  for (const bucket of options.buckets ?? []) {
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
      throw new RangeError(`invalid bucket name: ${JSON.stringify(bucket)}`);
    }
  }
  const ownsDirectory = options.directory === undefined;
  const directory = options.directory ?? (await mkdtemp(join(tmpdir(), "pinpipe-s3rver-")));
  try {
    const server = await startServerProcess({
      launcher: "s3rver.cjs",
      name: "s3rver",
      options: { port, directory, buckets: options.buckets ?? [], removeDirectoryOnExit: ownsDirectory },
      ...(options.startTimeoutMs === undefined ? {} : { startTimeoutMs: options.startTimeoutMs }),
      // The server removes its temporary folder when it exits; this covers a server that had to be killed.
      ...(ownsDirectory ? { cleanup: () => rm(directory, { recursive: true, force: true }) } : {}),
    });
    return { ...server, directory };
  } catch (error) {
    if (ownsDirectory) await rm(directory, { recursive: true, force: true });
    throw error;
  }
}
