/**
 * An abort signal raised by the first SIGINT or SIGTERM, for a graceful stop; `dispose` removes
 * the handlers again. While installed, the signals no longer kill the process: the command must
 * stop by itself once `signal` is aborted.
 *
 * @example
 * const shutdown = listenForShutdown();
 * try { await run({ signal: shutdown.signal }); } finally { shutdown.dispose(); }
 */
export function listenForShutdown(): {
  readonly signal: AbortSignal;
  /** The signal received, if any. */
  readonly received: () => NodeJS.Signals | undefined;
  readonly dispose: () => void;
} {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const onSignal = (name: NodeJS.Signals): void => {
    received ??= name;
    controller.abort(new Error(`received ${name}`));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    signal: controller.signal,
    received: () => received,
    dispose: () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    },
  };
}
