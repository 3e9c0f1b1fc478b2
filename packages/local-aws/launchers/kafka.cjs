"use strict";
// Runs one Apache Kafka broker (KRaft, broker and controller in one JVM) for startLocalKafka: options as
// JSON in argv[2] ({ java, classpath, directory, heapMb, brokerPort?, controllerPort? }; a directory
// whose storage is formatted already is started as it is, to restart a broker on its data), the
// broker's port printed on stdout as one
// JSON line once it serves, the JVM stopped when stdin closes (the parent is gone, even by SIGKILL) or on
// SIGTERM/SIGINT. The JVM cannot watch our stdin itself, so this process stands between them.
const { spawn, spawnSync } = require("node:child_process");
const { randomBytes } = require("node:crypto");
const { existsSync, rmSync, writeFileSync } = require("node:fs");
const { createServer } = require("node:net");
const { join } = require("node:path");

const options = JSON.parse(process.argv[2] ?? "{}");
const java = options.java ?? "java";
const directory = options.directory;
const READY_LINE = /Kafka Server started/;
const STOP_GRACE_MS = 4_000;
/** Ports asked for (a restart on the ports of a stopped broker): every attempt uses them. */
const fixedPorts =
  options.brokerPort === undefined ? undefined : [options.brokerPort, options.controllerPort];

function fail(message) {
  process.stderr.write(`kafka: ${message}\n`);
  process.exit(1);
}

/** Two ports the OS calls free right now (held together so they differ). */
function freePorts(count) {
  return new Promise((resolve, reject) => {
    const servers = [];
    const ports = [];
    const next = () => {
      if (servers.length === count) {
        let closed = 0;
        for (const server of servers) server.close(() => ++closed === count && resolve(ports));
        return;
      }
      const server = createServer();
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => {
        servers.push(server);
        ports.push(server.address().port);
        next();
      });
    };
    next();
  });
}

function serverProperties(brokerPort, controllerPort) {
  return [
    "process.roles=broker,controller",
    "node.id=1",
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${brokerPort},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${brokerPort}`,
    "controller.listener.names=CONTROLLER",
    "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
    "inter.broker.listener.name=PLAINTEXT",
    `log.dirs=${join(directory, "data")}`,
    // One broker: every internal topic has one replica.
    "offsets.topic.replication.factor=1",
    "offsets.topic.num.partitions=3",
    "transaction.state.log.replication.factor=1",
    "transaction.state.log.min.isr=1",
    "share.coordinator.state.topic.replication.factor=1",
    "share.coordinator.state.topic.min.isr=1",
    // A group's first member gets its partitions at once instead of after 3 s, and members may ask
    // for short sessions, so tests see a dead member's partitions move in a second or two.
    "group.initial.rebalance.delay.ms=0",
    "group.min.session.timeout.ms=1000",
    // Topics are created on purpose (with their partition counts), never by a typo in a client.
    `auto.create.topics.enable=${options.autoCreateTopics === true}`,
    `message.max.bytes=${options.messageMaxBytes ?? 1048588}`,
    "",
  ].join("\n");
}

// Warnings and errors go to stderr (its tail explains a failed start); one INFO logger to stdout says
// when the broker serves.
const LOG4J2 = [
  "rootLogger.level=WARN",
  "rootLogger.appenderRef.err.ref=ERR",
  "appender.err.type=Console",
  "appender.err.name=ERR",
  "appender.err.target=SYSTEM_ERR",
  "appender.err.layout.type=PatternLayout",
  "appender.err.layout.pattern=%d %p %c: %m%n",
  "appender.out.type=Console",
  "appender.out.name=OUT",
  "appender.out.target=SYSTEM_OUT",
  "appender.out.layout.type=PatternLayout",
  "appender.out.layout.pattern=%m%n",
  "logger.ready.name=kafka.server.KafkaRaftServer",
  "logger.ready.level=INFO",
  "logger.ready.additivity=false",
  "logger.ready.appenderRef.out.ref=OUT",
  "",
].join("\n");

let broker;
let stopping = false;

function stop() {
  if (stopping) return;
  stopping = true;
  if (broker === undefined || broker.exitCode !== null || broker.signalCode !== null) process.exit(0);
  broker.kill("SIGTERM");
  const force = setTimeout(() => broker.kill("SIGKILL"), STOP_GRACE_MS);
  broker.once("exit", () => {
    clearTimeout(force);
    process.exit(0);
  });
}

process.stdin.on("end", stop);
process.stdin.on("error", stop);
process.stdin.resume();
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
// Last resort when this process dies some other way: never leave the JVM behind. The folder goes too
// when it was a temporary one (the parent may have been killed and cannot remove it).
process.on("exit", () => {
  broker?.kill("SIGKILL");
  if (options.removeDirectoryOnExit === true) rmSync(directory, { recursive: true, force: true });
});

/**
 * Formats a fresh storage folder (or keeps one formatted before: a restart) and starts the JVM on
 * new free ports or the ports asked for; resolves true once it serves, false when it failed to start
 * in a way a new attempt can fix (a port taken between choosing and binding it, or not yet released
 * by the broker that had it, a fatal start-up error), after killing it.
 */
async function attempt(number) {
  const [brokerPort, controllerPort] = fixedPorts ?? (await freePorts(2));
  const properties = join(directory, "server.properties");
  const log4j = join(directory, "log4j2.properties");
  const formattedBefore = existsSync(join(directory, "data", "meta.properties"));
  if (!formattedBefore) rmSync(join(directory, "data"), { recursive: true, force: true });
  writeFileSync(properties, serverProperties(brokerPort, controllerPort));
  writeFileSync(log4j, LOG4J2);
  // A test broker: the quick-starting JIT tier and the serial collector keep start-up short and the
  // CPU it takes small on a busy machine.
  const jvm = [
    `-Xmx${options.heapMb ?? 512}m`,
    "-XX:TieredStopAtLevel=1",
    "-XX:+UseSerialGC",
    "-Djava.awt.headless=true",
    `-Dlog4j2.configurationFile=${log4j}`,
    "-cp",
    options.classpath,
  ];
  // A cluster id is 16 random bytes in URL-safe base64, as `kafka-storage random-uuid` prints.
  if (!formattedBefore) {
    const clusterId = randomBytes(16).toString("base64url");
    const formatted = spawnSync(
      java,
      [...jvm, "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", properties],
      { encoding: "utf8" },
    );
    if (formatted.error) fail(`could not run ${java}: ${formatted.error.message}`);
    if (formatted.status !== 0)
      fail(`formatting the storage failed:\n${formatted.stdout}${formatted.stderr}`);
  }
  if (stopping) process.exit(0);

  broker = spawn(java, [...jvm, "kafka.Kafka", properties], { stdio: ["ignore", "pipe", "pipe"] });
  const current = broker;
  return new Promise((resolve) => {
    let settled = false;
    const retry = (why) => {
      if (settled) return;
      settled = true;
      process.stderr.write(
        `kafka: start attempt ${number} failed (${why}); trying again ${fixedPorts === undefined ? "on new ports" : "on the same ports in a second"}\n`,
      );
      current.kill("SIGKILL");
      current.once("exit", () =>
        fixedPorts === undefined ? resolve(false) : setTimeout(() => resolve(false), 1_000),
      );
    };
    current.once("error", (error) => fail(`could not start the broker: ${error.message}`));
    current.once("exit", (code, signal) => {
      if (stopping) return;
      if (!settled) {
        settled = true;
        resolve(false);
        return;
      }
      if (settled === "ready") fail(`the broker exited (code ${code}, signal ${signal})`);
    });
    let out = "";
    current.stdout.setEncoding("utf8");
    current.stdout.on("data", (chunk) => {
      if (settled) return;
      out += chunk;
      if (!READY_LINE.test(out)) return;
      settled = "ready";
      process.stdout.write(`${JSON.stringify({ port: brokerPort, controllerPort })}\n`);
      resolve(true);
    });
    current.stderr.setEncoding("utf8");
    current.stderr.on("data", (chunk) => {
      process.stderr.write(chunk);
      if (!settled && RETRYABLE_FAILURE.test(chunk)) retry(RETRYABLE_FAILURE.exec(chunk)[0]);
    });
  });
}

const RETRYABLE_FAILURE =
  /Fatal error during (?:broker|controller|KafkaServer) startup|Address already in use|BindException/;
// Fixed ports may stay taken a little while after the broker that had them stopped.
const ATTEMPTS = fixedPorts === undefined ? 3 : 10;

async function main() {
  if (typeof directory !== "string") fail("options.directory is required");
  if (typeof options.classpath !== "string") fail("options.classpath is required");
  for (let number = 1; number <= ATTEMPTS; number++) {
    if (await attempt(number)) return;
    if (stopping) process.exit(0);
  }
  fail(`the broker did not start in ${ATTEMPTS} attempts`);
}

main().catch((error) => fail(error?.stack ?? String(error)));
