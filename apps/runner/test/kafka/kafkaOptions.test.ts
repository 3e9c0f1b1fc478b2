import { describe, expect, it } from "vitest";
import { commands } from "../../src/commands/index";
import { main } from "../../src/main";
import { runEmulateCommand } from "../emulate/emulatorExpectations";
import { memoryContext } from "../stream/commandContext";

async function runStreamCommand(...args: string[]) {
  const io = memoryContext();
  const code = await main(["stream", ...args], commands, io.context);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

describe("Kafka options of emulate and stream (usage errors, before any connection)", () => {
  it("emulate --to kafka needs valid --brokers and refuses options of other sinks", async () => {
    expect((await runEmulateCommand("--to", "kafka")).stderr).toMatch(/--to kafka needs --brokers/);
    const bad = await runEmulateCommand("--to", "kafka", "--brokers", "localhost");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--brokers: broker "localhost" is not host:port/);
    const foreign = await runEmulateCommand("--to", "kafka", "--brokers", "127.0.0.1:9092", "--bucket", "b");
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toMatch(/--bucket is for --to s3, not --to kafka/);
    const elsewhere = await runEmulateCommand(
      "--to",
      "dir",
      "--out",
      "/tmp/x",
      "--brokers",
      "127.0.0.1:9092",
    );
    expect(elsewhere.stderr).toMatch(/--brokers is for --to kafka, not --to dir/);
  });

  it("stream --source kafka needs --brokers and --group and refuses Kinesis options", async () => {
    const noBrokers = await runStreamCommand("--source", "kafka", "--out", "/tmp/x", "--group", "g");
    expect(noBrokers.code).toBe(2);
    expect(noBrokers.stderr).toMatch(/--source kafka needs --brokers/);
    const noGroup = await runStreamCommand(
      "--source",
      "kafka",
      "--out",
      "/tmp/x",
      "--brokers",
      "127.0.0.1:9092",
    );
    expect(noGroup.stderr).toMatch(/--source kafka needs --group/);
    const kinesisOption = await runStreamCommand(
      "--source",
      "kafka",
      "--out",
      "/tmp/x",
      "--brokers",
      "127.0.0.1:9092",
      "--group",
      "g",
      "--streams",
      "a,b,c",
    );
    expect(kinesisOption.stderr).toMatch(/--streams is not for --source kafka/);
    const kafkaOption = await runStreamCommand("--out", "/tmp/x", "--group", "g");
    expect(kafkaOption.code).toBe(2);
    expect(kafkaOption.stderr).toMatch(/--group is not for --source kinesis/);
  });

  it("stream --source kafka says which brokers it cannot reach (exit 1)", async () => {
    const unreachable = await runStreamCommand(
      "--source",
      "kafka",
      "--out",
      "/tmp/x",
      "--brokers",
      "127.0.0.1:1",
      "--group",
      "g",
    );
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(/cannot reach the Kafka brokers 127\.0\.0\.1:1: connect ECONNREFUSED/);
  }, 60_000);
});
