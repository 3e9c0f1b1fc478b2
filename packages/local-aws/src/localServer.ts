/**
 * A local emulator server running in a child process on 127.0.0.1.
 *
 * @example
 * ```ts
 * const server: LocalServer = await startLocalS3();
 * console.log(server.endpoint); // "http://127.0.0.1:41234"
 * await server.stop();
 * ```
 */
export interface LocalServer {
  /** Base URL for an AWS SDK client's `endpoint`, e.g. `http://127.0.0.1:41234`. */
  readonly endpoint: string;
  /** The TCP port the server listens on (on 127.0.0.1). */
  readonly port: number;
  /** Process id of the child process that runs the server. */
  readonly pid: number;
  /** Stops the server process and frees its port and files; safe to call more than once. */
  stop(): Promise<void>;
}
