import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type LocalServer, startLocalS3 } from "../src/index";
import { acceptsConnections, isAlive, waitUntilGone } from "./processes";

describe("startLocalS3", () => {
  const started: LocalServer[] = [];
  afterAll(async () => {
    await Promise.all(started.map((server) => server.stop()));
  });

  it("serves S3 on a loopback port with the requested buckets, then frees everything on stop()", async () => {
    const directory = await mkdtemp(join(tmpdir(), "local-aws-test-"));
    try {
      const server = await startLocalS3({ directory, buckets: ["raw-events"] });
      started.push(server);
      expect(server.directory).toBe(directory);
      expect(server.endpoint).toBe(`http://127.0.0.1:${server.port}`);

      // An anonymous ListBuckets is enough to see the real server and its configured bucket.
      const response = await fetch(`${server.endpoint}/`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain("<Name>raw-events</Name>");

      await server.stop();
      expect(isAlive(server.pid)).toBe(false);
      expect(await acceptsConnections(server.port)).toBe(false);
      // A directory the caller chose is the caller's: it keeps the data.
      expect(await readdir(directory)).toContain("raw-events");
      await server.stop(); // a second stop is harmless
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it("gives each server its own free port", async () => {
    const [a, b] = await Promise.all([startLocalS3(), startLocalS3()]);
    started.push(a, b);
    expect(a.port).not.toBe(b.port);
    expect(await acceptsConnections(a.port)).toBe(true);
    expect(await acceptsConnections(b.port)).toBe(true);
  });

  it("fails clearly when the requested port is taken, leaving nothing behind", async () => {
    const first = await startLocalS3();
    started.push(first);
    const directory = await mkdtemp(join(tmpdir(), "local-aws-test-"));
    try {
      await expect(startLocalS3({ port: first.port, directory })).rejects.toThrow(/s3rver.*EADDRINUSE/s);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it("rejects invalid ports and bucket names before starting anything", async () => {
    await expect(startLocalS3({ port: -1 })).rejects.toThrow(RangeError);
    await expect(startLocalS3({ port: 65_536 })).rejects.toThrow(RangeError);
    await expect(startLocalS3({ port: 1.5 })).rejects.toThrow(RangeError);
    await expect(startLocalS3({ buckets: ["Bad_Bucket"] })).rejects.toThrow(/invalid bucket name/);
    await expect(startLocalS3({ buckets: ["../up"] })).rejects.toThrow(/invalid bucket name/);
  });

  it("removes its own temporary directory on stop()", async () => {
    const server = await startLocalS3({ buckets: ["scratch"] });
    const put = await fetch(`${server.endpoint}/scratch/a.txt`, { method: "PUT", body: "hello" });
    expect(put.status).toBe(200);
    expect(server.directory.startsWith(tmpdir())).toBe(true);
    expect(await readdir(server.directory)).toContain("scratch");
    await server.stop();
    expect(existsSync(server.directory)).toBe(false);
    expect(await waitUntilGone(server.pid)).toBe(true);
  });
});
