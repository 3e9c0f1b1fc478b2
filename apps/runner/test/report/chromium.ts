import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Where Debian's `chromium` package puts the browser. */
export const CHROMIUM = "/usr/bin/chromium";

/** Whether headless Chromium can be run here. */
export const chromiumAvailable = existsSync(CHROMIUM);

/**
 * Runs headless Chromium once with `args` (e.g. `--dump-dom <url>`) in a fresh profile and home,
 * with nothing reaching the network, and resolves to its stdout and stderr. Console messages of
 * the page are logged to stderr (`--enable-logging=stderr`).
 */
export function runChromium(args: readonly string[]): Promise<{ stdout: string; stderr: string }> {
  const home = mkdtempSync(join(tmpdir(), "pinpipe-chromium-"));
  const flags = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
    `--user-data-dir=${join(home, "profile")}`,
  ];
  return new Promise((resolve, reject) => {
    execFile(
      CHROMIUM,
      [...flags, ...args],
      { timeout: 30_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, HOME: home } },
      (error, stdout, stderr) => {
        rmSync(home, { recursive: true, force: true });
        if (error) reject(new Error(`chromium failed: ${error.message}\n${stderr}`));
        else resolve({ stdout, stderr });
      },
    );
  });
}

/** The page's console messages (errors, warnings, CSP violations, logs) in Chromium's stderr. */
export function consoleMessages(stderr: string): string[] {
  return stderr.split("\n").filter((line) => /CONSOLE[(:]/.test(line));
}
