import { Writable } from "node:stream";

/**
 * A writable stream that keeps what is written to it, so the demo can run a command and read its
 * stdout (a path, a summary) instead of printing it.
 *
 * @example
 * const out = captureOutput();
 * out.stream.write("hello\n");
 * out.text(); // "hello\n"
 */
export function captureOutput(): { stream: Writable; text(): string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString("utf8") };
}
