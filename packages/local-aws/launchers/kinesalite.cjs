"use strict";
// Runs kinesalite in its own process, like s3rver.cjs: options as JSON in argv[2], the bound port printed
// on stdout as one JSON line, exit when stdin closes.
const kinesalite = require("kinesalite");
const { watchParent } = require("./watchParent.cjs");

const options = JSON.parse(process.argv[2] ?? "{}");

const server = kinesalite({
  createStreamMs: options.createStreamMs,
  deleteStreamMs: options.deleteStreamMs,
  updateStreamMs: options.updateStreamMs,
  shardLimit: options.shardLimit,
});
server.on("error", (error) => {
  process.stderr.write(`kinesalite failed: ${error?.stack ?? error}\n`);
  process.exit(1);
});
server.listen(options.port ?? 0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
watchParent();
