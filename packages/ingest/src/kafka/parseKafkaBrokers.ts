import { IngestInputError } from "../kafkaConnect/ingestInputError";

const BROKER = /^(\[[0-9a-fA-F:.]+\]|[a-zA-Z0-9.-]+):([0-9]{1,5})$/;

/**
 * Reads a bootstrap broker list, `host:port` entries separated by commas (as `--brokers` takes it
 * and Kafka's `bootstrap.servers`), into the entries a client takes. Spaces around entries are
 * ignored; an IPv6 host goes in brackets.
 *
 * @throws {IngestInputError} for an empty list, an entry without a port or a port outside 1..65535.
 * @example
 * parseKafkaBrokers("127.0.0.1:9092, broker-2:9092"); // ["127.0.0.1:9092", "broker-2:9092"]
 * parseKafkaBrokers("localhost"); // throws: "localhost" is not host:port
 */
export function parseKafkaBrokers(text: string): string[] {
  const entries = text
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  if (entries.length === 0)
    throw new IngestInputError("parseKafkaBrokers", "the broker list is empty (expected host:port,...)");
  for (const entry of entries) {
    const match = BROKER.exec(entry);
    const port = match === null ? Number.NaN : Number(match[2]);
    if (match === null || !(port >= 1 && port <= 65_535)) {
      throw new IngestInputError(
        "parseKafkaBrokers",
        `broker ${JSON.stringify(entry)} is not host:port with a port in 1..65535`,
      );
    }
  }
  return entries;
}
