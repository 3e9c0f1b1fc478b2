/** Public API of @pinpipe/analytics. */
export {};
