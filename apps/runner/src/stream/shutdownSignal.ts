/**
 * An abort signal raised by the first SIGINT or SIGTERM, for a graceful stop; `dispose` removes
 * the handlers again. While installed, a first signal no longer kills the process: the command
 * must stop by itself once `signal` is aborted. A second signal exits at once with code 130.
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
    // A second signal means "now": stop at once, as without the handlers (130 = killed by SIGINT).
    if (received !== undefined) process.exit(130);
    received = name;
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
