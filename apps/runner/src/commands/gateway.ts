import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { createKinesisClient, IngestInputError, parseKafkaBrokers } from "@pinpipe/ingest";
import { DEFAULT_CREATE_STREAM_SHARDS, parseApiKeys } from "@pinpipe/ingest/gateway";
import { CliError, type Command, type CommandContext } from "../command";
import { httpUrlOption } from "../emulate/emulateOptionValues";
import { listenAddress } from "../gateway/listenAddress";
import { type GatewaySettings, runGateway } from "../gateway/runGateway";
import { parseByteSize } from "../parseByteSize";
import { parseCommandArgs } from "../parseCommandArgs";
import { integerOption, numberOption } from "../stream/parseNumberOption";
import { listenForShutdown } from "../stream/shutdownSignal";

const HELP = `Usage: pinpipe gateway [--listen <host:port>] [--stage <name>] [--brokers <h:p,...>]
                       [--kinesis-endpoint <url>] [options]

The HTTP front door of the original pipeline, so its producers run unchanged: the Confluent REST
Proxy v2 produce API onto Kafka and the API Gateway Kinesis proxy routes onto Kinesis, under an
optional stage (as https://<api-id>.execute-api.<region>.amazonaws.com/<stage>).

Routes (under /<stage> when --stage is given):
  POST /topics/{topic}            REST Proxy v2 produce: Content-Type application/vnd.kafka.json.v2+json
                                  (values stored as their JSON text) or ...binary.v2+json (base64),
                                  body {"records":[{"value":...,"key"?:...,"partition"?:n}]}; answers
                                  {"offsets":[{partition,offset,error_code,error}],...} or the proxy's
                                  {"error_code","message"} (40401 unknown topic, 40402 partition,
                                  415/40601 content type/Accept, 422xx bad records, 50002/50003 Kafka)
  GET /streams                    Kinesis ListStreams
  GET|POST|DELETE /streams/{s}    DescribeStream, CreateStream (ShardCount from the body, default
                                  --default-shards), DeleteStream
  PUT /streams/{s}/record         PutRecord from {"Data":<JSON>,"PartitionKey":"..."}
  PUT /streams/{s}/records        PutRecords from {"records":[{"data":<JSON>,"partition-key":"..."}]}
                                  (Data is stored as its JSON text; the stream comes from the path;
                                  Kinesis's answers and errors are passed through)
  GET /health, GET /ping          200 {"status":"ok"} (503 while draining); no API key needed
  Anything else answers 403 {"message":"Missing Authentication Token"}, as API Gateway does.

Backends:
  --brokers <h:p,...>        Kafka bootstrap brokers for /topics (default none: /topics answers 503).
                             Topics are never created: an unknown topic is 404/40401
  --kinesis-endpoint <url>   Kinesis endpoint for /streams (default: the AWS SDK's, e.g.
                             AWS_ENDPOINT_URL_KINESIS or AWS)
  --default-shards <n>       Shards of a stream created without ShardCount (default ${DEFAULT_CREATE_STREAM_SHARDS}, as the
                             API's CreateStream mapping template)

Listening:
  --listen <host:port>       Address to listen on (default 127.0.0.1:8080; port 0 picks a free one)
  --stage <name>             Serve every route under /<name> (default: at the root)
  --tls-cert <file>          PEM certificate (chain): serve HTTPS (needs --tls-key)
  --tls-key <file>           PEM private key of --tls-cert

Production limits:
  --api-keys-file <file>     Require x-api-key: one key a line, "<name> <key>" or "<key>" (20 to 128
                             printable characters; # comments). Missing or wrong: 403 Forbidden
  --rate <requests/s>        Per-client token bucket (per API key, else per client address); over
                             it: 429 Too Many Requests with Retry-After (default: no limit)
  --burst <n>                Requests a client may make at once (default: one second of --rate)
  --max-body <size>          Largest request body, e.g. 10MiB (default 10MiB, API Gateway's): 413
  --request-timeout <s>      Seconds a request's headers and body may take to arrive (default 30): 408
  --idle-timeout <s>         Seconds an idle keep-alive connection is kept (default 5)
  --integration-timeout <s>  Seconds Kafka or Kinesis may take to answer (default 29, API Gateway's):
                             504
  --drain-timeout <s>        On SIGTERM/SIGINT, seconds to finish requests in flight before cutting
                             them (default 30)
  -h, --help                 Show this help

Each request is logged to stdout as one JSON line (time, requestId, method, path without query,
route, status, ms, bytes in/out, client address, API key name, records); never a key, header or body.
Notices go to stderr. SIGTERM or SIGINT: stop accepting, finish requests in flight, exit 0.
Exit codes: 0 stopped by a signal, 1 failure, 2 usage error.`;

const OPTIONS = {
  listen: { type: "string" },
  stage: { type: "string" },
  brokers: { type: "string" },
  "kinesis-endpoint": { type: "string" },
  "default-shards": { type: "string" },
  "tls-cert": { type: "string" },
  "tls-key": { type: "string" },
  "api-keys-file": { type: "string" },
  rate: { type: "string" },
  burst: { type: "string" },
  "max-body": { type: "string" },
  "request-timeout": { type: "string" },
  "idle-timeout": { type: "string" },
  "integration-timeout": { type: "string" },
  "drain-timeout": { type: "string" },
} as const;

type Values = ReturnType<typeof parseCommandArgs<typeof OPTIONS>>["values"];

const usage = (message: string) =>
  new CliError(`pinpipe gateway: ${message} (see pinpipe gateway --help)`, 2);

async function readOptionFile(context: CommandContext, name: string, path: string): Promise<Buffer> {
  try {
    return await readFile(resolve(context.cwd, path));
  } catch (error) {
    throw new CliError(`pinpipe gateway: cannot read --${name} ${path}: ${(error as Error).message}`, 1);
  }
}

const seconds = (values: Values, name: keyof Values, fallback: number): number =>
  Math.round(numberOption("gateway", name, values[name], 0, 86_400, fallback) * 1000);

/** Reads and checks every option, so a mistake is reported before anything listens. */
async function readSettings(values: Values, context: CommandContext): Promise<GatewaySettings> {
  const { host, port } = listenAddress(values.listen ?? "127.0.0.1:8080");
  if (values.stage !== undefined && !/^[A-Za-z0-9_-]{1,128}$/.test(values.stage)) {
    throw usage(`--stage must be 1 to 128 of A-Z a-z 0-9 _ -, got ${JSON.stringify(values.stage)}`);
  }
  if ((values["tls-cert"] === undefined) !== (values["tls-key"] === undefined)) {
    throw usage("--tls-cert and --tls-key go together");
  }
  if (values.burst !== undefined && values.rate === undefined) throw usage("--burst needs --rate");
  let brokers: string[] | undefined;
  try {
    brokers = values.brokers === undefined ? undefined : parseKafkaBrokers(values.brokers);
  } catch (error) {
    if (error instanceof IngestInputError) throw usage(`--brokers: ${error.message}`);
    throw error;
  }
  const endpoint =
    values["kinesis-endpoint"] === undefined
      ? undefined
      : httpUrlOption("kinesis-endpoint", values["kinesis-endpoint"]);
  let apiKeys: GatewaySettings["apiKeys"];
  if (values["api-keys-file"] !== undefined) {
    const text = (await readOptionFile(context, "api-keys-file", values["api-keys-file"])).toString("utf8");
    try {
      apiKeys = parseApiKeys(text);
    } catch (error) {
      throw new CliError(
        `pinpipe gateway: --api-keys-file ${values["api-keys-file"]}: ${(error as Error).message}`,
        1,
      );
    }
  }
  const rate = numberOption("gateway", "rate", values.rate, 0, 1_000_000, undefined);
  const burst = integerOption("gateway", "burst", values.burst, 1, 1_000_000, undefined);
  let maxBodyBytes: number | undefined;
  if (values["max-body"] !== undefined) {
    try {
      maxBodyBytes = parseByteSize(values["max-body"]);
    } catch (error) {
      throw usage(`--max-body: ${(error as Error).message}`);
    }
    if (maxBodyBytes < 1) throw usage("--max-body must be at least 1 byte");
  }
  const timeouts = {
    requestTimeoutMs: seconds(values, "request-timeout", 30),
    idleTimeoutMs: seconds(values, "idle-timeout", 5),
    integrationTimeoutMs: seconds(values, "integration-timeout", 29),
    drainTimeoutMs: seconds(values, "drain-timeout", 30),
  };
  const defaultShardCount = integerOption(
    "gateway",
    "default-shards",
    values["default-shards"],
    1,
    10_000,
    DEFAULT_CREATE_STREAM_SHARDS,
  );
  const tls =
    values["tls-cert"] === undefined || values["tls-key"] === undefined
      ? undefined
      : {
          cert: await readOptionFile(context, "tls-cert", values["tls-cert"]),
          key: await readOptionFile(context, "tls-key", values["tls-key"]),
        };
  return {
    host,
    port,
    ...(values.stage === undefined ? {} : { stage: values.stage }),
    ...(brokers === undefined ? {} : { brokers }),
    ...(apiKeys === undefined ? {} : { apiKeys }),
    ...(rate === undefined
      ? {}
      : { rate: { ratePerSecond: rate, ...(burst === undefined ? {} : { burst }) } }),
    ...(maxBodyBytes === undefined ? {} : { maxBodyBytes }),
    ...timeouts,
    defaultShardCount,
    ...(tls === undefined ? {} : { tls }),
    // Created last: every option above is checked before a client exists.
    kinesis: createKinesisClient(endpoint === undefined ? {} : { endpoint }),
  };
}

/** `pinpipe gateway`: the REST Proxy v2 and API Gateway Kinesis front door on real Kafka and Kinesis. */
export const gatewayCommand: Command = {
  help: HELP,
  async run(args, context) {
    const { values, positionals } = parseCommandArgs("gateway", args, OPTIONS);
    if (positionals.length > 0) throw usage(`unexpected argument ${JSON.stringify(positionals[0])}`);
    const settings = await readSettings(values, context);
    const shutdown = listenForShutdown();
    try {
      await runGateway(
        settings,
        shutdown.signal,
        (line) => context.stdout.write(`${line}\n`),
        (line) => context.stderr.write(`${line}\n`),
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new CliError(`pinpipe gateway: ${message}`, 1);
    } finally {
      shutdown.dispose();
    }
    return 0;
  },
};
