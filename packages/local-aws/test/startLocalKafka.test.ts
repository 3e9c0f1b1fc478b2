import { existsSync } from "node:fs";
import { describeWithPeer } from "@pinpipe/test-peers";
import { Admin } from "@platformatic/kafka";
import { afterAll, expect, it } from "vitest";
import { type LocalKafkaServer, startLocalKafka } from "../src/index";
import { acceptsConnections, isAlive } from "./processes";

describeWithPeer("kafka", "startLocalKafka", (kafka) => {
  const started: LocalKafkaServer[] = [];
  afterAll(async () => {
    await Promise.all(started.map((server) => server.stop()));
  });

  it("runs a real broker on a loopback port that creates topics, and frees port and folder on stop()", async () => {
    const server = await startLocalKafka({ classpath: kafka.classpath! });
    started.push(server);
    expect(server.brokers).toBe(`127.0.0.1:${server.port}`);
    expect(existsSync(server.directory)).toBe(true);

    const admin = new Admin({ clientId: "local-aws-test", bootstrapBrokers: [server.brokers] });
    try {
      await admin.createTopics({ topics: ["t.pin"], partitions: 3, replicas: 1 });
      const metadata = await admin.metadata({ topics: ["t.pin"] });
      expect(metadata.topics.get("t.pin")?.partitionsCount).toBe(3);
    } finally {
      await admin.close();
    }

    await server.stop();
    expect(isAlive(server.pid)).toBe(false);
    expect(await acceptsConnections(server.port)).toBe(false);
    expect(existsSync(server.directory)).toBe(false);
  }, 180_000);

  it("rejects invalid options before starting anything", async () => {
    await expect(startLocalKafka({ classpath: "" })).rejects.toThrow(/classpath/);
    await expect(startLocalKafka({ classpath: kafka.classpath!, heapMb: 16 })).rejects.toThrow(/heapMb/);
    await expect(startLocalKafka({ classpath: kafka.classpath!, messageMaxBytes: 1.5 })).rejects.toThrow(
      /messageMaxBytes/,
    );
  });

  it("reports why when the broker cannot start", async () => {
    await expect(startLocalKafka({ classpath: "/nonexistent/*", startTimeoutMs: 30_000 })).rejects.toThrow(
      /kafka: .*formatting the storage failed|could not/s,
    );
  }, 40_000);
});
