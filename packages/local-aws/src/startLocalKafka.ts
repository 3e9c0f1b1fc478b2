import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LocalServer } from "./localServer";
import { startServerProcess } from "./startServerProcess";

/**
 * Options of {@link startLocalKafka}.
 *
 * @example
 * const options: LocalKafkaOptions = { classpath: "/repo/.peers/kafka/libs/*" };
 */
export interface LocalKafkaOptions {
  /** `java -cp` class path holding the Kafka broker's jars (the `kafka` peer's `classpath`). */
  readonly classpath: string;
  /** The Java launcher (default `java` on PATH); Kafka 4 brokers need Java 17 or newer. */
  readonly java?: string;
  /**
   * Where the broker keeps its logs and metadata (made if missing); kept after stop(). A folder a broker ran in before
   * is started as it is (its topics, records and committed offsets), not formatted again: with
   * `port` and `controllerPort` of that broker, this restarts it. Default: a temporary folder removed
   * on stop().
   */
  readonly directory?: string;
  /** The broker's port (default: a free one); give `controllerPort` too. */
  readonly port?: number;
  /** The KRaft controller's port (default: a free one); give `port` too. */
  readonly controllerPort?: number;
  /** Largest heap of the broker's JVM in MiB (default 512). */
  readonly heapMb?: number;
  /** Let producers create topics by naming them (default false: unknown topics are errors). */
  readonly autoCreateTopics?: boolean;
  /** The broker's `message.max.bytes` (default Kafka's own, 1048588). */
  readonly messageMaxBytes?: number;
  /** Milliseconds to wait for the broker to serve (default 120000: formatting and a JVM start, on a busy machine). */
  readonly startTimeoutMs?: number;
}

/**
 * A running local Kafka broker.
 *
 * @example
 * const kafka: LocalKafkaServer = await startLocalKafka({ classpath });
 * console.log(kafka.brokers); // e.g. "127.0.0.1:40123"
 */
export interface LocalKafkaServer extends LocalServer {
  /** Bootstrap servers for a client: `127.0.0.1:<port>`. */
  readonly brokers: string;
  /** Folder with the broker's configuration, logs and metadata. */
  readonly directory: string;
  /** The KRaft controller's port (with `port` and `directory`, what a restart needs). */
  readonly controllerPort: number;
}

function portOption(name: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 1 || value > 65_535) {
    throw new RangeError(`${name} must be a port from 1 to 65535, got ${String(value)}`);
  }
  return value;
}

/** The controller's port, from the configuration the launcher wrote. */
async function controllerPortOf(directory: string): Promise<number> {
  const properties = await readFile(join(directory, "server.properties"), "utf8");
  const port = /CONTROLLER:\/\/127\.0\.0\.1:(\d+)/.exec(properties)?.[1];
  if (port === undefined) throw new Error(`kafka: no controller listener in ${directory}/server.properties`);
  return Number(port);
}

/**
 * Starts a real Apache Kafka broker on 127.0.0.1: one KRaft node that is both broker and controller,
 * its storage formatted in a fresh folder, on free ports. A small Node process stands between this
 * process and the JVM, so the broker stops with its parent, even one killed by SIGKILL.
 *
 * To restart a broker (clients reconnect to the same address and find their topics), give it a
 * `directory`, stop it, and start it again with that directory and its `port` and `controllerPort`.
 *
 * @throws {RangeError} for an invalid option; the promise rejects with the broker's last log lines
 *   when it cannot start.
 * @example
 * const kafka = await startLocalKafka({ classpath: peer("kafka").classpath! });
 * const producer = new Producer({ clientId: "test", bootstrapBrokers: [kafka.brokers] });
 * // ... use it ...
 * await kafka.stop();
 * @example
 * const first = await startLocalKafka({ classpath, directory: "/tmp/k" });
 * await first.stop();
 * const again = await startLocalKafka({ classpath, directory: "/tmp/k", port: first.port, controllerPort: first.controllerPort });
 * again.brokers === first.brokers; // true
 */
export async function startLocalKafka(options: LocalKafkaOptions): Promise<LocalKafkaServer> {
  if (typeof options.classpath !== "string" || options.classpath === "") {
    throw new RangeError("classpath must name the Kafka broker's jars");
  }
  const heapMb = options.heapMb ?? 512;
  if (!Number.isInteger(heapMb) || heapMb < 128) {
    throw new RangeError(`heapMb must be an integer of at least 128, got ${String(options.heapMb)}`);
  }
  const messageMaxBytes = options.messageMaxBytes ?? 1_048_588;
  if (!Number.isInteger(messageMaxBytes) || messageMaxBytes < 1024) {
    throw new RangeError(
      `messageMaxBytes must be an integer of at least 1024, got ${String(messageMaxBytes)}`,
    );
  }
  const port = portOption("port", options.port);
  const controllerPort = portOption("controllerPort", options.controllerPort);
  if (
    (port === undefined) !== (controllerPort === undefined) ||
    (port !== undefined && port === controllerPort)
  ) {
    throw new RangeError("port and controllerPort go together, and differ");
  }
  const ownsDirectory = options.directory === undefined;
  const directory = options.directory ?? (await mkdtemp(join(tmpdir(), "pinpipe-kafka-")));
  if (!ownsDirectory) await mkdir(directory, { recursive: true });
  try {
    const server = await startServerProcess({
      launcher: "kafka.cjs",
      name: "kafka",
      options: {
        java: options.java ?? "java",
        classpath: options.classpath,
        directory,
        heapMb,
        messageMaxBytes,
        autoCreateTopics: options.autoCreateTopics === true,
        removeDirectoryOnExit: ownsDirectory,
        ...(port === undefined ? {} : { brokerPort: port, controllerPort }),
      },
      startTimeoutMs: options.startTimeoutMs ?? 120_000,
      ...(ownsDirectory ? { cleanup: () => rm(directory, { recursive: true, force: true }) } : {}),
    });
    const controller = await controllerPortOf(directory).catch(async (error: unknown) => {
      await server.stop();
      throw error;
    });
    return { ...server, brokers: `127.0.0.1:${server.port}`, directory, controllerPort: controller };
  } catch (error) {
    if (ownsDirectory) await rm(directory, { recursive: true, force: true });
    throw error;
  }
}
