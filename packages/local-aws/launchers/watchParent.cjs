"use strict";
// The parent holds our stdin pipe open for as long as it lives; end-of-file means it stopped (even by
// SIGKILL, which gives it no chance to clean up), so the server must not outlive it.
exports.watchParent = function watchParent() {
  process.stdin.on("end", () => process.exit(0));
  process.stdin.on("error", () => process.exit(0));
  process.stdin.resume();
  process.on("SIGTERM", () => process.exit(0));
  process.on("SIGINT", () => process.exit(0));
};
