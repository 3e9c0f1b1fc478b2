/** Public API of @pinpipe/local-aws. */
export {};
