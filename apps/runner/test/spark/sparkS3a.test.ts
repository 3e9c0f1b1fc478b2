import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { QUERY_NAMES } from "@pinpipe/analytics";
import { createS3Client } from "@pinpipe/ingest";
import { type LocalS3Server, startLocalS3 } from "@pinpipe/local-aws";
import { describeWithPeer } from "@pinpipe/test-peers";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runBatch } from "../../src/batch/runBatch";
import { LocalOutputSink } from "../../src/output/index";
import { pipelineSqlBundle } from "../../src/sql/pipelineSql";
import { rowMultiset, TABLES } from "../core/jobRunners";
import { sqlTestCorpus } from "../sql/sqlCorpus";
import {
  deltaRows,
  kafkaConnectObjects,
  multisetDifference,
  parquetRowsUnder,
  rejectedKeys,
} from "./sparkOutputs";
import { SparkSession } from "./sparkSession";

const LINE_LIMIT = 1024;
/** A small corpus: this test is about the s3a:// paths, sparkJob.test.ts covers the cleaning at size. */
const POSTS = 300;

describeWithPeer("spark", "spark/pinpipe_job.py on s3a:// (a local S3 server)", (spark) => {
  describeWithPeer("spark-delta", "with the Delta jars of the spark-delta peer", (deltaJars) => {
    describeWithPeer("spark-s3a", "and hadoop-aws with the AWS SDK v2 of the spark-s3a peer", (s3a) => {
      const root = mkdtempSync(join(tmpdir(), "pinpipe-spark-s3a-"));
      const bundle = join(root, "bundle.json");
      let s3: LocalS3Server;
      let client: S3Client;
      let session: SparkSession;

      const getText = async (bucket: string, key: string): Promise<string> => {
        const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return object.Body!.transformToString("utf8");
      };
      const keysUnder = async (bucket: string, prefix: string): Promise<string[]> => {
        const keys: string[] = [];
        let token: string | undefined;
        do {
          const page = await client.send(
            new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
          );
          keys.push(...(page.Contents ?? []).map((object) => object.Key!));
          token = page.NextContinuationToken;
        } while (token !== undefined);
        return keys.sort();
      };

      beforeAll(async () => {
        s3 = await startLocalS3({ buckets: ["raw", "lake"] });
        client = createS3Client({ endpoint: s3.endpoint, env: {} });
        for (const { key, body } of kafkaConnectObjects(sqlTestCorpus(23, POSTS), 200, 200)) {
          await client.send(new PutObjectCommand({ Bucket: "raw", Key: `landing/${key}`, Body: body }));
        }
        writeFileSync(bundle, JSON.stringify(pipelineSqlBundle("spark", undefined, LINE_LIMIT)));
        // The settings a user gives Spark for an S3-compatible endpoint (docs/spark.md).
        session = await SparkSession.start(spark, join(deltaJars.home, "libs"), {
          jarDirs: [join(s3a.home, "libs")],
          conf: {
            "spark.hadoop.fs.s3a.endpoint": s3.endpoint,
            "spark.hadoop.fs.s3a.endpoint.region": "us-east-1",
            "spark.hadoop.fs.s3a.path.style.access": "true",
            "spark.hadoop.fs.s3a.connection.ssl.enabled": "false",
            "spark.hadoop.fs.s3a.aws.credentials.provider":
              "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
            "spark.hadoop.fs.s3a.access.key": "pinpipe-test",
            "spark.hadoop.fs.s3a.secret.key": "pinpipe-test",
            // Over http the SDK's S3 signer uploads aws-chunked bodies (SigV4 streaming), which S3
            // decodes and s3rver stores as sent, chunk headers included; this V4 signer sends the
            // whole payload's SHA-256 in x-amz-content-sha256 instead (UNSIGNED-PAYLOAD over https).
            "spark.hadoop.fs.s3a.signing-algorithm": "AWS4UnsignedPayloadSignerType",
            // A failing request fails the test now rather than after S3A's minutes of retries.
            "spark.hadoop.fs.s3a.attempts.maximum": "2",
            "spark.hadoop.fs.s3a.retry.limit": "2",
          },
        });
      }, 300_000);

      afterAll(async () => {
        await session?.stop();
        client?.destroy();
        await s3?.stop();
        rmSync(root, { recursive: true, force: true });
      });

      it("reads the raw topics from s3a://, writes Delta tables, rejects and results to s3a://, equal to pinpipe batch's on the same objects", async () => {
        const run = await session.runJob([
          "--source",
          "s3a://raw/landing",
          "--out",
          "s3a://lake/spark/",
          "--sql",
          bundle,
          "--dedupe",
        ]);
        // pinpipe batch reads the same objects through its own S3 client.
        const batchOut = join(root, "batch");
        const manifest = await runBatch({
          source: { kind: "s3", bucket: "raw", prefix: "landing" },
          s3Client: () => client,
          out: new LocalOutputSink(batchOut),
          runId: "s3a",
          dedupe: true,
          median: "lower",
          ties: "all",
          threads: 1,
          limits: { maxLineBytes: LINE_LIMIT, maxDecompressedBytes: 1024 ** 3 },
        });
        const runDir = join(batchOut, "runs", "s3a");

        const counts = JSON.parse(await getText("lake", "spark/counts.json")).counts;
        expect(counts).toEqual(run.counts);
        for (const table of TABLES) {
          const { in: total, clean, rejected, duplicates, byReason } = manifest.counts[table];
          expect(counts[table], `${table} counts`).toEqual({
            in: total,
            clean,
            rejected,
            duplicates,
            byReason,
          });
        }
        expect(manifest.counts.pin.rejected).toBeGreaterThan(0);

        for (const name of QUERY_NAMES) {
          expect(await getText("lake", `spark/results/${name}.json`), `results/${name}.json`).toBe(
            readFileSync(join(runDir, "results", `${name}.json`), "utf8"),
          );
        }

        for (const table of TABLES) {
          // The Delta table on S3, its log included, read back by Spark through s3a.
          const name = `pinpipe_${table}_table`;
          expect(await keysUnder("lake", `spark/tables/${name}/_delta_log/`)).toContain(
            `spark/tables/${name}/_delta_log/00000000000000000000.json`,
          );
          const delta = await session.readDelta(`s3a://lake/spark/tables/${name}`);
          const expectedRows = await parquetRowsUnder(join(runDir, "tables", table));
          expect(multisetDifference(rowMultiset(deltaRows(delta)), rowMultiset(expectedRows)), table).toEqual(
            {
              extra: [],
              missing: [],
            },
          );

          const rejectedObjects = (await keysUnder("lake", `spark/rejected/${table}/`)).filter((key) =>
            key.endsWith(".json"),
          );
          const sparkRejected = await Promise.all(rejectedObjects.map((key) => getText("lake", key)));
          expect(
            multisetDifference(
              rejectedKeys(sparkRejected),
              rejectedKeys([readFileSync(join(runDir, "rejected", `${table}.ndjson`), "utf8")]),
            ),
            `${table} rejected`,
          ).toEqual({ extra: [], missing: [] });
        }
      }, 300_000);
    });
  });
});
