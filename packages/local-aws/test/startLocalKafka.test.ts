import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeWithPeer } from "@pinpipe/test-peers";
import { Admin, Consumer, Producer } from "@platformatic/kafka";
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

  it("restarts a stopped broker on its folder and ports: the same address, topics and records", async () => {
    const directory = await mkdtemp(join(tmpdir(), "pinpipe-kafka-restart-"));
    try {
      const first = await startLocalKafka({ classpath: kafka.classpath!, directory });
      started.push(first);
      expect(first.controllerPort).not.toBe(first.port);
      const producer = new Producer({ clientId: "restart-test", bootstrapBrokers: [first.brokers] });
      const admin = new Admin({ clientId: "restart-test", bootstrapBrokers: [first.brokers] });
      await admin.createTopics({ topics: ["r.pin"], partitions: 2, replicas: 1 });
      await admin.close();
      await producer.send({
        messages: [0, 1, 2, 3, 4].map((i) => ({
          topic: "r.pin",
          value: Buffer.from(`{"index":${i}}`),
          partition: i % 2,
        })),
      });
      await producer.close();
      const committer = new Consumer({
        clientId: "restart-test",
        groupId: "g",
        bootstrapBrokers: [first.brokers],
      });
      const offsetsOf = async (consumer: Consumer) =>
        (await consumer.listOffsets({ topics: ["r.pin"] })).get("r.pin");
      expect(await offsetsOf(committer)).toEqual([3n, 2n]);
      await committer.close();
      await first.stop();
      expect(isAlive(first.pid)).toBe(false);
      expect(await acceptsConnections(first.port)).toBe(false);
      expect(existsSync(join(directory, "data", "meta.properties"))).toBe(true);

      const again = await startLocalKafka({
        classpath: kafka.classpath!,
        directory,
        port: first.port,
        controllerPort: first.controllerPort,
      });
      started.push(again);
      expect(again.brokers).toBe(first.brokers);
      expect(again.controllerPort).toBe(first.controllerPort);
      expect(again.pid).not.toBe(first.pid);
      // The records written before the stop are still there, at the same offsets.
      const reader = new Consumer({
        clientId: "restart-test",
        groupId: "g2",
        bootstrapBrokers: [again.brokers],
      });
      try {
        expect(await offsetsOf(reader)).toEqual([3n, 2n]);
      } finally {
        await reader.close();
      }
      await again.stop();
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  }, 240_000);

  it("rejects invalid options before starting anything", async () => {
    await expect(startLocalKafka({ classpath: "" })).rejects.toThrow(/classpath/);
    await expect(startLocalKafka({ classpath: kafka.classpath!, heapMb: 16 })).rejects.toThrow(/heapMb/);
    await expect(startLocalKafka({ classpath: kafka.classpath!, messageMaxBytes: 1.5 })).rejects.toThrow(
      /messageMaxBytes/,
    );
    await expect(startLocalKafka({ classpath: kafka.classpath!, port: 9092 })).rejects.toThrow(/go together/);
    await expect(
      startLocalKafka({ classpath: kafka.classpath!, port: 9092, controllerPort: 70_000 }),
    ).rejects.toThrow(/controllerPort must be a port/);
  });

  it("reports why when the broker cannot start", async () => {
    await expect(startLocalKafka({ classpath: "/nonexistent/*", startTimeoutMs: 30_000 })).rejects.toThrow(
      /kafka: .*formatting the storage failed|could not/s,
    );
  }, 40_000);
});
