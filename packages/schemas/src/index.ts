/** Public API of @pinpipe/schemas. */
export {};
