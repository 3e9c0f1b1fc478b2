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
