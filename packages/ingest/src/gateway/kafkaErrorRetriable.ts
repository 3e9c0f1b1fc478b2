/**
 * Whether a Kafka client error may pass if the request is sent again: the client marks such errors
 * (and the errors of each attempt they nest) with `canRetry`, e.g. a disconnect, a timeout or a
 * leader election; anything unmarked counts as final.
 *
 * @example
 * isRetriableKafkaError(Object.assign(new Error("timeout"), { canRetry: true })); // true
 * isRetriableKafkaError(new Error("record too large")); // false
 */
export function isRetriableKafkaError(error: unknown): boolean {
  const pending: unknown[] = [error];
  for (let seen = 0; pending.length > 0 && seen < 50; seen++) {
    const current = pending.pop() as { canRetry?: unknown; errors?: unknown; cause?: unknown } | null;
    if (typeof current !== "object" || current === null) continue;
    if (current.canRetry === true) return true;
    if (Array.isArray(current.errors)) pending.push(...current.errors);
    if (current.cause !== undefined) pending.push(current.cause);
  }
  return false;
}
