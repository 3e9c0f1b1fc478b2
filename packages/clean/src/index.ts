/** Public API of @pinpipe/clean. */
export {};
