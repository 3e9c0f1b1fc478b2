import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import type { S3Client } from "@aws-sdk/client-s3";
import { createS3Client } from "@pinpipe/ingest";
import { type LocalS3Server, startLocalS3 } from "@pinpipe/local-aws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommandContext } from "../../src/command";
import { commands } from "../../src/commands/index";
import { main } from "../../src/main";
import { LocalOutputSink, S3OutputSink } from "../../src/output/index";
import { writeFile, writeRunFolder } from "./runFolderFixture";

let s3: LocalS3Server;
let client: S3Client;
let sink: S3OutputSink;
let local = "";

beforeAll(async () => {
  s3 = await startLocalS3({ buckets: ["lake"] });
  client = createS3Client({ endpoint: s3.endpoint, env: {} });
  sink = new S3OutputSink(client, "lake", "pinpipe");
  // A finished run and a later unfinished one (no manifest), copied to S3 file by file.
  local = writeRunFolder("2026-11-23");
  writeFile(local, "runs/2026-11-24/results/q1.json", "[]\n");
  const files = new LocalOutputSink(local);
  for (const path of await files.list("")) await sink.put(path, (await files.get(path))!);
});
afterAll(async () => {
  client?.destroy();
  await s3?.stop();
  rmSync(local, { recursive: true, force: true });
});

async function report(args: readonly string[], env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const err: string[] = [];
  const context: CommandContext = {
    stdout: new PassThrough().on("data", (d) => out.push(String(d))),
    stderr: new PassThrough().on("data", (d) => err.push(String(d))),
    interactive: false,
    cwd: local,
    env,
  };
  const code = await main(["report", ...args], commands, context);
  return { code, out: out.join(""), err: err.join("") };
}

describe("pinpipe report s3://bucket/prefix", () => {
  it("reports the latest finished run on S3 and writes the report next to it", async () => {
    const result = await report(["s3://lake/pinpipe", "--s3-endpoint", s3.endpoint], {});
    expect(result).toEqual({ code: 0, out: "s3://lake/pinpipe/runs/2026-11-23/report.html\n", err: "" });
    const html = new TextDecoder().decode(await sink.get("runs/2026-11-23/report.html"));
    expect(html).toContain("<title>pinpipe run 2026-11-23</title>");
    expect(html).toContain("<code>s3://lake/pinpipe/runs/2026-11-23</code>");
  });

  it("takes the endpoint from AWS_ENDPOINT_URL and writes a local --output file", async () => {
    const result = await report(["s3://lake/pinpipe/", "--output", "report.html"], {
      AWS_ENDPOINT_URL: s3.endpoint,
    });
    expect(result).toEqual({ code: 0, out: `${join(local, "report.html")}\n`, err: "" });
    expect(readFileSync(join(local, "report.html"), "utf8")).toContain('data-chart="q1"');
  });

  it("fails with one line when the S3 prefix holds no finished run or an invalid manifest", async () => {
    const empty = await report(["s3://lake/elsewhere", "--s3-endpoint", s3.endpoint], {});
    expect(empty).toEqual({
      code: 1,
      out: "",
      err: "pinpipe report: no finished run in s3://lake/elsewhere/runs/ (a run is finished once its manifest.json is written)\n",
    });
    await sink.put("runs/2026-11-25/manifest.json", '{"format":"pinpipe-batch/1","runId":"2026-11-25"}');
    const invalid = await report(["s3://lake/pinpipe", "--s3-endpoint", s3.endpoint], {});
    expect(invalid.code).toBe(1);
    expect(invalid.err).toMatch(
      /^pinpipe report: s3:\/\/lake\/pinpipe\/runs\/2026-11-25\/manifest\.json is not a valid pinpipe-batch\/1 manifest: source: [^\n]*\n$/,
    );
  });
});
