import { IngestInputError } from "../kafkaConnect/ingestInputError";
import { isKafkaTopic, type SourceTable } from "../kafkaConnect/kafkaTopic";

/**
 * The pipeline's three topics under a prefix, as the original emulator named them (the prefix was
 * the user id of the AWS account): `<prefix>.pin`, `<prefix>.geo`, `<prefix>.user`.
 *
 * @throws {IngestInputError} when a name would not be a legal Kafka topic.
 * @example
 * kafkaTopicNames("0a1b"); // { pin: "0a1b.pin", geo: "0a1b.geo", user: "0a1b.user" }
 */
export function kafkaTopicNames(prefix: string): Readonly<Record<SourceTable, string>> {
  const names = { pin: `${prefix}.pin`, geo: `${prefix}.geo`, user: `${prefix}.user` } as const;
  if (prefix === "" || !isKafkaTopic(names.user)) {
    throw new IngestInputError(
      "kafkaTopicNames",
      `topic prefix ${JSON.stringify(prefix)} does not make legal Kafka topics (1 to 244 of a-z A-Z 0-9 . _ -)`,
    );
  }
  return names;
}
