import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type KinesisClient,
} from "@aws-sdk/client-kinesis";

/**
 * Every record of a Kinesis stream as text, read from the trim horizon of each shard.
 *
 * @example
 * const texts = await streamTexts(kinesis, "gw-pin");
 */
export async function streamTexts(kinesis: KinesisClient, stream: string): Promise<string[]> {
  const description = await kinesis.send(new DescribeStreamCommand({ StreamName: stream }));
  const texts: string[] = [];
  for (const shard of description.StreamDescription?.Shards ?? []) {
    let iterator = (
      await kinesis.send(
        new GetShardIteratorCommand({
          StreamName: stream,
          ShardId: shard.ShardId!,
          ShardIteratorType: "TRIM_HORIZON",
        }),
      )
    ).ShardIterator;
    for (;;) {
      const page = await kinesis.send(new GetRecordsCommand({ ShardIterator: iterator! }));
      for (const record of page.Records ?? []) texts.push(new TextDecoder().decode(record.Data));
      if ((page.Records ?? []).length === 0) break;
      iterator = page.NextShardIterator;
    }
  }
  return texts;
}
