import { describe, expect, it } from "vitest";
import { commands } from "../../src/commands/index";
import { listenAddress } from "../../src/gateway/listenAddress";
import { main } from "../../src/main";
import { memoryContext } from "../stream/commandContext";

async function run(...args: string[]) {
  const io = memoryContext();
  const code = await main(["gateway", ...args], commands, io.context);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

describe("pinpipe gateway options", () => {
  it("--help documents every option and route", async () => {
    const { code, stdout } = await run("--help");
    expect(code).toBe(0);
    for (const option of [
      "--listen",
      "--stage",
      "--brokers",
      "--kinesis-endpoint",
      "--default-shards",
      "--tls-cert",
      "--tls-key",
      "--api-keys-file",
      "--rate",
      "--burst",
      "--max-body",
      "--request-timeout",
      "--idle-timeout",
      "--integration-timeout",
      "--drain-timeout",
    ]) {
      expect(stdout).toContain(option);
    }
    for (const route of ["POST /topics/{topic}", "GET /streams", "PUT /streams/{s}/record", "GET /health"]) {
      expect(stdout).toContain(route);
    }
  });

  it("is listed by pinpipe --help", async () => {
    const io = memoryContext();
    await main(["--help"], commands, io.context);
    expect(io.stdout()).toMatch(/\n {2}gateway +serve the original producers' HTTP APIs/);
  });

  it("refuses bad options with one line and exit code 2, before listening", async () => {
    const cases: [string[], RegExp][] = [
      [["--listen", "8080"], /--listen must be host:port/],
      [["--listen", "127.0.0.1:70000"], /--listen must be host:port/],
      [["--stage", "a/b"], /--stage must be 1 to 128/],
      [["--brokers", "localhost"], /--brokers: .*is not host:port/],
      [["--kinesis-endpoint", "ftp://x"], /--kinesis-endpoint must be an http or https URL/],
      [["--tls-cert", "c.pem"], /--tls-cert and --tls-key go together/],
      [["--burst", "5"], /--burst needs --rate/],
      [["--rate", "0"], /--rate must be a number above 0/],
      [["--max-body", "lots"], /--max-body: /],
      [["--request-timeout=-1"], /--request-timeout must be a number above 0/],
      [["--default-shards", "0"], /--default-shards must be an integer from 1/],
      [["extra"], /unexpected argument "extra"/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await run(...args);
      expect(code, args.join(" ")).toBe(2);
      expect(stderr).toMatch(message);
      expect(stderr.trimEnd().split("\n"), stderr).toHaveLength(1);
    }
  });

  it("fails with exit code 1 naming the file for an unreadable or malformed API keys file", async () => {
    const missing = await run("--api-keys-file", "/no/such/keys.txt");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read --api-keys-file \/no\/such\/keys\.txt/);
  });
});

describe("listenAddress", () => {
  it("reads host:port, bracketed IPv6 and port 0", () => {
    expect(listenAddress("0.0.0.0:8080")).toEqual({ host: "0.0.0.0", port: 8080 });
    expect(listenAddress("[::1]:0")).toEqual({ host: "::1", port: 0 });
    expect(listenAddress("localhost:443")).toEqual({ host: "localhost", port: 443 });
  });
});
