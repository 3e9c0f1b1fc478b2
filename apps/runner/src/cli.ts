import { commands } from "./commands/index";
import { main } from "./main";

// The SDK warns on every run under Node 20 about its releases after January 2027; the CLI's SDK
// version is fixed by its lockfile, so the notice is noise in job logs. Set the variable to "false"
// to see it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

// `pinpipe analyze dir | head` closes stdout early: that ends the output, it is not a failure.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

const code = await main(process.argv.slice(2), commands, {
  stdout: process.stdout,
  stderr: process.stderr,
  interactive: process.stderr.isTTY === true,
  cwd: process.cwd(),
  env: process.env,
});
process.exitCode = code;
