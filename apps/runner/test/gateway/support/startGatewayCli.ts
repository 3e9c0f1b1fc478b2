import { type CliChild, startCli } from "../../stream/runCli";

/**
 * Starts `pinpipe gateway --listen 127.0.0.1:0 ...args` as a child process and waits for its
 * "listening on <url>" notice.
 *
 * @example
 * const { child, url } = await startGatewayCli(["--brokers", brokers]);
 * child.process.kill("SIGTERM");
 */
export async function startGatewayCli(args: readonly string[]): Promise<{ child: CliChild; url: string }> {
  const child = startCli(["gateway", "--listen", "127.0.0.1:0", ...args]);
  const url = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const match = /listening on (\S+)/.exec(child.stderr());
      if (match !== null) {
        child.process.stderr?.off("data", check);
        resolve(match[1]!);
      }
    };
    child.process.stderr?.on("data", check);
    child.exited.then(({ code }) =>
      reject(new Error(`pinpipe gateway exited with ${code}: ${child.stderr()}`)),
    );
  });
  return { child, url };
}
