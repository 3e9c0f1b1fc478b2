import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { createS3Client, generatePostLines, writeKafkaConnectLayout } from "@pinpipe/ingest";
import { type LocalS3Server, type LocalServer, startLocalKinesis, startLocalS3 } from "@pinpipe/local-aws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listFiles } from "../support/checkBatchOutput";
import { addCounts } from "../support/reliabilityTally";
import { type CliRun, runCli } from "../support/runCli";

const ACCESS_KEY_ID = "AKIAFAKEPINPIPE123456";
const SECRET_ACCESS_KEY = "fakeSecretPinpipe/abc123";
/** Every form a leaked secret could take in text: as is, URL-encoded, base64. */
const FORBIDDEN = [
  ACCESS_KEY_ID,
  SECRET_ACCESS_KEY,
  encodeURIComponent(SECRET_ACCESS_KEY),
  Buffer.from(SECRET_ACCESS_KEY).toString("base64"),
  "fakeSecretPinpipe",
];

const env: NodeJS.ProcessEnv = {
  ...process.env,
  AWS_ACCESS_KEY_ID: ACCESS_KEY_ID,
  AWS_SECRET_ACCESS_KEY: SECRET_ACCESS_KEY,
  AWS_REGION: "us-east-1",
  // Failing runs give up fast.
  AWS_MAX_ATTEMPTS: "2",
};

function leaks(text: string): string[] {
  return FORBIDDEN.filter((secret) => text.includes(secret));
}

describe("credentials come from the AWS chain and appear in no output, log or error", () => {
  const root = mkdtempSync(join(tmpdir(), "pinpipe-secrets-"));
  const raw = join(root, "raw");
  let s3: LocalS3Server;
  let kinesis: LocalServer;
  let rude: Server;
  let rudeEndpoint = "";
  const runs: { name: string; run: CliRun }[] = [];

  beforeAll(async () => {
    s3 = await startLocalS3({ buckets: ["raw", "out"], directory: join(root, "s3") });
    kinesis = await startLocalKinesis({ createStreamMs: 0 });
    // A server that answers like AWS does to a bad signature: S3 sends 403 with the caller's key id
    // in <AWSAccessKeyId>; Kinesis says the token is invalid. Reached as "localhost", it also puts the
    // key id in the Kinesis message itself, as a misconfigured proxy might.
    rude = createServer((req, res) => {
      const keyId = /Credential=([^/]+)\//.exec(req.headers.authorization ?? "")?.[1] ?? "";
      req.resume();
      req.on("end", () => {
        if (req.headers["x-amz-target"] !== undefined) {
          const echo = req.headers.host?.startsWith("localhost") === true ? ` (key ${keyId})` : "";
          res.writeHead(400, { "content-type": "application/x-amz-json-1.1" });
          res.end(
            JSON.stringify({
              __type: "UnrecognizedClientException",
              message: `The security token included in the request is invalid.${echo}`,
            }),
          );
          return;
        }
        res.writeHead(403, { "content-type": "application/xml" });
        res.end(
          `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided. Check your key and signing method.</Message><AWSAccessKeyId>${keyId}</AWSAccessKeyId><StringToSign>AWS4-HMAC-SHA256 ${keyId}</StringToSign></Error>`,
        );
      });
    });
    await new Promise<void>((resolve) => rude.listen(0, "127.0.0.1", resolve));
    rudeEndpoint = `http://127.0.0.1:${(rude.address() as AddressInfo).port}`;
    mkdirSync(raw);
    const lines: Record<"pin" | "geo" | "user", string[]> = { pin: [], geo: [], user: [] };
    for (const post of generatePostLines({ seed: 5, count: 30 }))
      for (const table of ["pin", "geo", "user"] as const) lines[table].push(post[table]);
    for (const table of ["pin", "geo", "user"] as const)
      await writeKafkaConnectLayout(raw, "sec", table, lines[table], { partitions: 1, recordsPerObject: 10 });
  });
  afterAll(async () => {
    await s3?.stop();
    await kinesis?.stop();
    await new Promise<void>((resolve) => rude?.close(() => resolve()));
    rmSync(root, { recursive: true, force: true });
  });

  const out = (name: string): string => join(root, "out", name);
  const unreachable = "http://127.0.0.1:9";
  const streams = "sec-pin,sec-geo,sec-user";

  const commands: { name: string; args: () => string[]; ok: boolean }[] = [
    // Its own local servers, reached with the credentials of the environment like every command.
    {
      name: "demo",
      args: () => ["demo", "--posts", "60", "--shards", "1", "--out", out("demo")],
      ok: true,
    },
    { name: "analyze", args: () => ["analyze", raw, "--workers", "1"], ok: true },
    { name: "analyze, missing folder", args: () => ["analyze", join(root, "nowhere")], ok: false },
    {
      name: "emulate to S3",
      args: () => [
        "emulate",
        "--to",
        "s3",
        "--bucket",
        "raw",
        "--prefix",
        "emu",
        "--count",
        "5",
        "--sleep",
        "none",
        "--s3-endpoint",
        s3.endpoint,
      ],
      ok: true,
    },
    {
      name: "emulate to Kinesis",
      args: () => [
        "emulate",
        "--to",
        "kinesis",
        "--streams",
        streams,
        "--count",
        "5",
        "--sleep",
        "none",
        "--kinesis-endpoint",
        kinesis.endpoint,
      ],
      ok: true,
    },
    {
      name: "emulate, unreachable Kinesis",
      args: () => [
        "emulate",
        "--to",
        "kinesis",
        "--streams",
        streams,
        "--count",
        "2",
        "--sleep",
        "none",
        "--kinesis-endpoint",
        unreachable,
      ],
      ok: false,
    },
    {
      name: "emulate, Kinesis refusing the key",
      args: () => [
        "emulate",
        "--to",
        "kinesis",
        "--streams",
        streams,
        "--count",
        "2",
        "--sleep",
        "none",
        "--kinesis-endpoint",
        rudeEndpoint,
      ],
      ok: false,
    },
    {
      name: "batch from S3 to S3",
      args: () => [
        "batch",
        "--source",
        "s3://raw/emu",
        "--out",
        "s3://out/pinpipe",
        "--run-id",
        "sec",
        "--s3-endpoint",
        s3.endpoint,
      ],
      ok: true,
    },
    {
      name: "batch, local",
      args: () => ["batch", "--source", raw, "--out", out("batch"), "--run-id", "sec"],
      ok: true,
    },
    {
      name: "batch, unreachable S3",
      args: () => [
        "batch",
        "--source",
        "s3://raw/emu",
        "--out",
        out("batch-fail"),
        "--run-id",
        "x",
        "--s3-endpoint",
        unreachable,
      ],
      ok: false,
    },
    {
      name: "batch, S3 refusing the signature",
      args: () => [
        "batch",
        "--source",
        "s3://raw/emu",
        "--out",
        out("batch-rude"),
        "--run-id",
        "x",
        "--s3-endpoint",
        rudeEndpoint,
      ],
      ok: false,
    },
    { name: "report, local", args: () => ["report", out("batch"), "--run-id", "sec"], ok: true },
    {
      name: "report, S3",
      args: () => ["report", "s3://out/pinpipe", "--run-id", "sec", "--s3-endpoint", s3.endpoint],
      ok: true,
    },
    {
      name: "report, unreachable S3",
      args: () => ["report", "s3://out/pinpipe", "--s3-endpoint", unreachable],
      ok: false,
    },
    {
      name: "stream",
      args: () => [
        "stream",
        "--out",
        out("stream"),
        "--streams",
        streams,
        "--until-idle",
        "0.5",
        "--poll-ms",
        "50",
        "--kinesis-endpoint",
        kinesis.endpoint,
      ],
      ok: true,
    },
    {
      name: "stream, unreachable Kinesis",
      args: () => [
        "stream",
        "--out",
        out("stream-fail"),
        "--streams",
        streams,
        "--until-idle",
        "0.5",
        "--kinesis-endpoint",
        unreachable,
      ],
      ok: false,
    },
    {
      name: "stream, Kinesis refusing the key",
      args: () => [
        "stream",
        "--out",
        out("stream-rude"),
        "--streams",
        streams,
        "--until-idle",
        "0.5",
        "--kinesis-endpoint",
        rudeEndpoint,
      ],
      ok: false,
    },
  ];

  for (const command of commands) {
    it(`${command.name}: ${command.ok ? "succeeds" : "fails with a message"}, and never shows the key or secret`, async () => {
      const run = await runCli(command.args(), { env, timeoutMs: 120_000 });
      runs.push({ name: command.name, run });
      if (command.ok) expect(run.code, run.stderr).toBe(0);
      else {
        expect(run.code, run.stderr).not.toBe(0);
        expect(run.stderr).toMatch(/\S/);
      }
      expect(leaks(run.stdout), "stdout").toEqual([]);
      expect(leaks(run.stderr), run.stderr).toEqual([]);
    });
  }

  // Defence in depth (AWS's messages never hold the key): an endpoint that echoes the key id in its
  // message once had it printed as is; the CLI now masks known credential values.
  it("stream against an endpoint that echoes the key id in its error message: the CLI masks it", async () => {
    const echoing = rudeEndpoint.replace("127.0.0.1", "localhost");
    const run = await runCli(
      [
        "stream",
        "--out",
        out("stream-echo"),
        "--streams",
        streams,
        "--until-idle",
        "0.5",
        "--kinesis-endpoint",
        echoing,
      ],
      { env },
    );
    runs.push({ name: "stream, echoing endpoint", run });
    expect(run.code).not.toBe(0);
    expect(leaks(run.stderr)).toEqual([]);
  });

  it("no file any command wrote, locally or as an S3 object, holds the key or secret", () => {
    const files = listFiles(join(root, "out")).map((path) => join(root, "out", path));
    const objects = listFiles(join(root, "s3"))
      .filter((path) => !path.endsWith("._S3rver_metadata.json"))
      .map((path) => join(root, "s3", path));
    expect(files.length).toBeGreaterThan(10);
    // The demo's output is among them: its S3 server's files, the batch run with its report, the stream job.
    for (const part of ["demo/s3/", "demo/runs/demo/report.html", "demo/stream/"]) {
      expect(
        files.some((path) => path.includes(`/out/${part}`)),
        part,
      ).toBe(true);
    }
    expect(objects.length).toBeGreaterThan(10);
    const leaking = [...files, ...objects].filter(
      (path) => leaks(readFileSync(path).toString("latin1")).length > 0,
    );
    expect(leaking).toEqual([]);
    addCounts("secrets", {
      "CLI runs checked": runs.length,
      "failing runs checked": runs.filter(({ run }) => run.code !== 0).length,
      "output files checked": files.length + objects.length,
      leaks: leaking.length,
    });
  });

  it("the refusing S3 endpoint does hand the key id back in the SDK's error: the checks above could fail", async () => {
    const client = createS3Client({
      endpoint: rudeEndpoint,
      credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY },
      maxAttempts: 1,
    });
    const error = await client.send(new ListObjectsV2Command({ Bucket: "raw" })).then(
      () => undefined,
      (reason: unknown) => reason as Record<string, unknown>,
    );
    client.destroy();
    expect(error?.name).toBe("SignatureDoesNotMatch");
    expect(String(error?.AWSAccessKeyId)).toBe(ACCESS_KEY_ID);
  });
});
