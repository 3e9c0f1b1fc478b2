import {
  BucketAlreadyOwnedByYou,
  type BucketLocationConstraint,
  CreateBucketCommand,
  HeadBucketCommand,
  NotFound,
  type S3Client,
} from "@aws-sdk/client-s3";

/**
 * Creates a bucket unless it exists already; returns whether it created it. Outside us-east-1 AWS needs
 * the region as LocationConstraint, which is taken from the client.
 *
 * @example
 * ```ts
 * await ensureS3Bucket({ client, bucket: "pinpipe-raw" });
 * ```
 */
export async function ensureS3Bucket(options: {
  readonly client: S3Client;
  readonly bucket: string;
}): Promise<boolean> {
  const { client, bucket } = options;
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucket }));
    return false;
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (!(error instanceof NotFound) && status !== 404) throw error;
  }
  const region = await client.config.region();
  try {
    await client.send(
      new CreateBucketCommand({
        Bucket: bucket,
        ...(region === "us-east-1"
          ? {}
          : { CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint } }),
      }),
    );
    return true;
  } catch (error) {
    // Created meanwhile by another run of ours.
    if (error instanceof BucketAlreadyOwnedByYou) return false;
    throw error;
  }
}
