"use strict";
// Runs s3rver in its own process so that `--openssl-legacy-provider` (needed for its DES continuation
// tokens under OpenSSL 3) is set at start-up. Options come as JSON in argv[2]; the bound port is printed
// on stdout as one JSON line. The process exits when stdin closes, so it dies with its parent.
const { rmSync } = require("node:fs");
const S3rver = require("s3rver");
const AWSAccount = require("s3rver/lib/models/account");
const { watchParent } = require("./watchParent.cjs");

const options = JSON.parse(process.argv[2] ?? "{}");

// s3rver knows only the key id "S3RVER" and never checks SigV4 signatures; accepting every key id lets
// clients that have real AWS credentials configured talk to the local server unchanged.
const knownAccount = AWSAccount.registry.get.bind(AWSAccount.registry);
AWSAccount.registry.get = (accessKeyId) => knownAccount(accessKeyId) ?? AWSAccount.DUMMY_ACCOUNT;

const server = new S3rver({
  address: "127.0.0.1",
  port: options.port ?? 0,
  directory: options.directory,
  silent: true,
  configureBuckets: (options.buckets ?? []).map((name) => ({ name })),
});

// S3 refuses a PutObject with `If-None-Match: *` when the key exists (412 PreconditionFailed) and a
// conditional write racing another one to the same key (409 ConditionalRequestConflict); Delta
// commits rely on it. s3rver 3.7.1 ignores the header, so this middleware, run before s3rver's own,
// enforces it for path-style requests. Keys being written conditionally are held in a set, so the
// check and the write cannot interleave with another conditional write of the key.
const conditionalKeys = new Set();
function s3Error(ctx, status, code, message) {
  ctx.status = status;
  ctx.type = "application/xml";
  ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
}
server.middleware.unshift(async (ctx, next) => {
  if (ctx.method !== "PUT" || ctx.get("if-none-match") !== "*" || ctx.get("x-amz-copy-source") !== "") {
    return next();
  }
  const [, bucket = "", ...rest] = ctx.path.split("/");
  const key = rest.map(decodeURIComponent).join("/");
  if (bucket === "" || key === "") return next();
  const id = `${bucket}/${key}`;
  if (conditionalKeys.has(id)) {
    return s3Error(
      ctx,
      409,
      "ConditionalRequestConflict",
      "A conditional request to this key is in progress.",
    );
  }
  conditionalKeys.add(id);
  try {
    if (await server.store.existsObject(bucket, key)) {
      return s3Error(
        ctx,
        412,
        "PreconditionFailed",
        "At least one of the pre-conditions you specified did not hold",
      );
    }
    await next();
  } finally {
    conditionalKeys.delete(id);
  }
});

server.run().then(
  (address) => {
    process.stdout.write(`${JSON.stringify({ port: address.port })}\n`);
  },
  (error) => {
    process.stderr.write(`s3rver failed to start: ${error?.stack ?? error}\n`);
    process.exit(1);
  },
);
// A temporary folder is removed by this process itself, which also covers a parent killed by SIGKILL.
if (options.removeDirectoryOnExit) {
  process.on("exit", () => rmSync(options.directory, { recursive: true, force: true }));
}
watchParent();
