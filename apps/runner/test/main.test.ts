import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { CliError, type Command, type CommandContext, type CommandEntry } from "../src/command";
import { main } from "../src/main";
import { parseCommandArgs } from "../src/parseCommandArgs";

function context() {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = new PassThrough().on("data", (d) => out.push(String(d)));
  const stderr = new PassThrough().on("data", (d) => err.push(String(d)));
  const ctx: CommandContext = { stdout, stderr, interactive: false, cwd: process.cwd(), env: {} };
  return { ctx, out: () => out.join(""), err: () => err.join("") };
}

let echoLoads = 0;
const echoCommand: Command = {
  help: "Usage: pinpipe echo [--loud] <words...>",
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs("echo", args, { loud: { type: "boolean" } });
    if (positionals.length === 0) throw new CliError("pinpipe echo: nothing to echo", 2);
    if (positionals[0] === "boom") throw new Error("exploded\nwith a stack");
    const text = positionals.join(" ");
    ctx.stdout.write(`${values.loud ? text.toUpperCase() : text}\n`);
    return 0;
  },
};
const echo: CommandEntry = {
  name: "echo",
  summary: "prints its arguments",
  async load() {
    echoLoads += 1;
    return echoCommand;
  },
};

describe("pinpipe main", () => {
  it("runs a command", async () => {
    const c = context();
    expect(await main(["echo", "--loud", "hi"], [echo], c.ctx)).toBe(0);
    expect(c.out()).toBe("HI\n");
  });

  it("lists commands on --help and exits 0, but 2 with no command, without loading any", async () => {
    const loadsBefore = echoLoads;
    const c = context();
    expect(await main(["--help"], [echo], c.ctx)).toBe(0);
    expect(c.out()).toContain("echo  prints its arguments");
    expect(await main([], [echo], context().ctx)).toBe(2);
    expect(echoLoads).toBe(loadsBefore);
  });

  it("prints a command's help", async () => {
    const c = context();
    expect(await main(["echo", "--help"], [echo], c.ctx)).toBe(0);
    expect(c.out()).toContain("Usage: pinpipe echo");
  });

  it("reports usage errors as one line with exit code 2", async () => {
    const unknown = context();
    expect(await main(["nope"], [echo], unknown.ctx)).toBe(2);
    expect(unknown.err()).toBe('pinpipe: unknown command "nope" (see pinpipe --help)\n');
    const badFlag = context();
    expect(await main(["echo", "--shout", "x"], [echo], badFlag.ctx)).toBe(2);
    expect(badFlag.err()).toMatch(/^pinpipe echo: .*--shout.*\n$/);
    const missing = context();
    expect(await main(["echo"], [echo], missing.ctx)).toBe(2);
    expect(missing.err()).toBe("pinpipe echo: nothing to echo\n");
  });

  it("reports unexpected failures as one line with exit code 1", async () => {
    const c = context();
    expect(await main(["echo", "boom"], [echo], c.ctx)).toBe(1);
    expect(c.err()).toBe("pinpipe echo: exploded\n");
  });
});

describe("pinpipe main masks credentials", () => {
  const leakyCommand: Command = {
    help: "Usage: pinpipe leak",
    async run(_args, ctx) {
      ctx.stderr.write("progress for AKIAFAKEPINPIPE123456\n");
      throw new Error("endpoint said: bad key AKIAFAKEPINPIPE123456 / fakeSecretPinpipe/abc123");
    },
  };

  const leaky: CommandEntry = {
    name: "leak",
    summary: "prints and fails with the key in its messages",
    load: async () => leakyCommand,
  };

  it("replaces the environment's key id and secret in everything printed", async () => {
    const c = context();
    const env = {
      AWS_ACCESS_KEY_ID: "AKIAFAKEPINPIPE123456",
      AWS_SECRET_ACCESS_KEY: "fakeSecretPinpipe/abc123",
    };
    expect(await main(["leak"], [leaky], { ...c.ctx, env })).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(c.err()).toBe("progress for ***\npinpipe leak: endpoint said: bad key *** / ***\n");
  });

  it("leaves short values alone: they would mask ordinary text", async () => {
    const c = context();
    const shortKey: CommandEntry = {
      ...leaky,
      load: async () => ({
        help: leakyCommand.help,
        async run(_args, ctx) {
          ctx.stdout.write("id 42\n");
          return 0;
        },
      }),
    };
    expect(await main(["leak"], [shortKey], { ...c.ctx, env: { AWS_ACCESS_KEY_ID: "42" } })).toBe(0);
    expect(c.out()).toBe("id 42\n");
  });
});

describe("parseCommandArgs", () => {
  it("reports Node's multi-line parse errors as one line", () => {
    expect(() => parseCommandArgs("stream", ["--poll-ms", "-1"], { "poll-ms": { type: "string" } })).toThrow(
      /^pinpipe stream: [^\n]+ \(see pinpipe stream --help\)$/,
    );
  });
});
