/** Public API of @pinpipe/ingest. */
export {};
