import { commands } from "./commands/index";
import { main } from "./main";

const code = await main(process.argv.slice(2), commands, {
  stdout: process.stdout,
  stderr: process.stderr,
  interactive: process.stderr.isTTY === true,
  cwd: process.cwd(),
  env: process.env,
});
process.exitCode = code;
