import { type LocalKafkaServer, startLocalKafka } from "@pinpipe/local-aws";
import type { Peer } from "@pinpipe/test-peers";
import { afterAll, beforeAll } from "vitest";

/**
 * One real broker for the tests of a file: started before them, stopped after them.
 *
 * @example
 * const broker = useKafkaBroker(kafka);
 * it("...", () => console.log(broker().brokers));
 */
export function useKafkaBroker(
  kafka: Peer,
  options: { messageMaxBytes?: number } = {},
): () => LocalKafkaServer {
  let server: LocalKafkaServer | undefined;
  beforeAll(async () => {
    server = await startLocalKafka({ classpath: kafka.classpath!, ...options });
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (server === undefined) throw new Error("the broker did not start");
    return server;
  };
}
