// The root vitest config sets `resolve.conditions` but not `ssr.resolve.conditions`, so under Vite 7 a
// test importing "@pinpipe/local-aws" resolves its (absent) dist/ build instead of its source. Going
// through the source path keeps these tests independent of a prior build.
export type { LocalServer } from "@pinpipe/local-aws";
export { startLocalKinesis, startLocalS3 } from "@pinpipe/local-aws";
