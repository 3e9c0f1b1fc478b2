/** The Kafka client library's module. */
export type KafkaClientModule = typeof import("@platformatic/kafka");

let loading: Promise<KafkaClientModule> | undefined;

/**
 * Imports the Kafka client on first use. Importing it takes about a second, which every command
 * that loads this package would otherwise pay at start-up, Kafka or not.
 *
 * @example
 * const { Admin } = await loadKafkaClient();
 */
export function loadKafkaClient(): Promise<KafkaClientModule> {
  loading ??= import("@platformatic/kafka");
  return loading;
}
