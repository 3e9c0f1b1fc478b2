import { describe, expect, it } from "vitest";
import { LOCAL_DUMMY_CREDENTIALS, resolveAwsClientSettings } from "../../src/index";

describe("resolveAwsClientSettings", () => {
  it("talks to AWS with the SDK's own lookups when nothing is set", () => {
    expect(resolveAwsClientSettings("s3", { env: {} })).toEqual({ customEndpoint: false });
  });

  it("prefers the option, then the service's variable, then AWS_ENDPOINT_URL", () => {
    const env = {
      AWS_ENDPOINT_URL: "http://127.0.0.1:1000",
      AWS_ENDPOINT_URL_S3: "http://127.0.0.1:2000",
      AWS_ENDPOINT_URL_KINESIS: "http://127.0.0.1:3000",
    };
    expect(resolveAwsClientSettings("s3", { env, endpoint: "http://127.0.0.1:9" }).endpoint).toBe(
      "http://127.0.0.1:9",
    );
    expect(resolveAwsClientSettings("s3", { env }).endpoint).toBe("http://127.0.0.1:2000");
    expect(resolveAwsClientSettings("kinesis", { env }).endpoint).toBe("http://127.0.0.1:3000");
    expect(resolveAwsClientSettings("kinesis", { env: { AWS_ENDPOINT_URL: "http://h:1" } }).endpoint).toBe(
      "http://h:1",
    );
  });

  it("ignores endpoint variables when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true, but not the option", () => {
    const env = { AWS_ENDPOINT_URL: "http://127.0.0.1:1000", AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "true" };
    expect(resolveAwsClientSettings("s3", { env }).endpoint).toBeUndefined();
    expect(resolveAwsClientSettings("s3", { env, endpoint: "http://127.0.0.1:5" }).endpoint).toBe(
      "http://127.0.0.1:5",
    );
  });

  it("defaults region and dummy credentials for a local endpoint with nothing configured", () => {
    const settings = resolveAwsClientSettings("kinesis", { env: {}, endpoint: "http://127.0.0.1:4567" });
    expect(settings).toEqual({
      endpoint: "http://127.0.0.1:4567",
      customEndpoint: true,
      region: "us-east-1",
      credentials: LOCAL_DUMMY_CREDENTIALS,
    });
  });

  it("keeps configured region and credential sources for a local endpoint", () => {
    const env = { AWS_REGION: "eu-west-1", AWS_PROFILE: "dev" };
    const settings = resolveAwsClientSettings("s3", { env, endpoint: "http://localhost:4568" });
    expect(settings.region).toBe("eu-west-1");
    expect(settings.credentials).toBeUndefined();
    for (const name of [
      "AWS_ACCESS_KEY_ID",
      "AWS_WEB_IDENTITY_TOKEN_FILE",
      "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    ]) {
      const withSource = resolveAwsClientSettings("s3", {
        env: { [name]: "x" },
        endpoint: "http://localhost:1",
      });
      expect(withSource.credentials).toBeUndefined();
    }
  });

  it("treats an explicit AWS endpoint as AWS: no defaults invented", () => {
    const settings = resolveAwsClientSettings("s3", {
      env: {},
      endpoint: "https://s3.eu-west-1.amazonaws.com",
    });
    expect(settings).toEqual({ endpoint: "https://s3.eu-west-1.amazonaws.com", customEndpoint: false });
  });

  it("passes explicit credentials and retry settings through", () => {
    const credentials = { accessKeyId: "A", secretAccessKey: "B" };
    const settings = resolveAwsClientSettings("kinesis", {
      env: {},
      endpoint: "http://127.0.0.1:1",
      credentials,
      maxAttempts: 7,
      retryMode: "adaptive",
    });
    expect(settings.credentials).toEqual(credentials);
    expect(settings.maxAttempts).toBe(7);
    expect(settings.retryMode).toBe("adaptive");
  });

  it("rejects malformed endpoints and retry settings", () => {
    expect(() => resolveAwsClientSettings("s3", { env: {}, endpoint: "not a url" })).toThrow(/not a URL/);
    expect(() => resolveAwsClientSettings("s3", { env: {}, endpoint: "ftp://x" })).toThrow(/http or https/);
    expect(() => resolveAwsClientSettings("s3", { env: { AWS_ENDPOINT_URL: "::" } })).toThrow(/not a URL/);
    expect(() => resolveAwsClientSettings("s3", { env: {}, maxAttempts: 0 })).toThrow(/maxAttempts/);
    expect(() => resolveAwsClientSettings("s3", { env: {}, maxAttempts: 2.5 })).toThrow(/maxAttempts/);
    const badMode = { env: {}, retryMode: "legacy" } as unknown as Parameters<
      typeof resolveAwsClientSettings
    >[1];
    expect(() => resolveAwsClientSettings("s3", badMode)).toThrow(/retryMode/);
  });
});
