import { Writable } from "node:stream";

/** Environment variables whose values are credentials and must never be printed. */
export const SECRET_ENV_VARIABLES = [
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
] as const;

/** Values shorter than this are not masked: they would mask ordinary words and numbers. */
const MIN_SECRET_LENGTH = 8;

/**
 * The credential values present in `env` (see {@link SECRET_ENV_VARIABLES}), longest first.
 *
 * @example
 * secretValues({ AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG" }); // ["wJalrXUtnFEMI/K7MDENG"]
 */
export function secretValues(env: NodeJS.ProcessEnv): string[] {
  const values = SECRET_ENV_VARIABLES.map((name) => env[name]).filter(
    (value): value is string => value !== undefined && value.length >= MIN_SECRET_LENGTH,
  );
  return [...new Set(values)].sort((a, b) => b.length - a.length);
}

/**
 * Replaces every occurrence of each secret in `text` with `***`.
 *
 * @example
 * redactSecrets("denied for AKIAFAKE12345678", ["AKIAFAKE12345678"]); // "denied for ***"
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) result = result.split(secret).join("***");
  return result;
}

/**
 * A stream that writes to `target` with the secrets masked. A server's error message may echo the
 * key id; the CLI prints such messages, so everything it prints passes through here. Commands write
 * whole lines, so a secret is never split across two writes.
 *
 * @example
 * const stderr = redactingStream(process.stderr, secretValues(process.env));
 */
export function redactingStream(
  target: NodeJS.WritableStream,
  secrets: readonly string[],
): NodeJS.WritableStream {
  if (secrets.length === 0) return target;
  return new Writable({
    decodeStrings: false,
    write(chunk: Buffer | string, _encoding, done) {
      const text = typeof chunk === "string" ? chunk : chunk.toString("utf8");
      target.write(redactSecrets(text, secrets), () => done());
    },
  });
}
