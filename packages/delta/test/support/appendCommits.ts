// A writer process for the concurrency test: appends `count` commits of one file each to the table
// at `dir`, files named after `writer`, and prints how many lost races it retried past.
import { localDeltaStorage, writeTableCommit } from "../../src/index";

const [dir, writer, count] = process.argv.slice(2);
const storage = localDeltaStorage(dir!);
let retries = 0;
for (let i = 0; i < Number(count); i++) {
  const outcome = await writeTableCommit(
    storage,
    {
      fields: [
        { name: "ind", type: "long", nullable: false },
        { name: "writer", type: "string", nullable: true },
      ],
      partitionColumns: ["writer"],
    },
    {
      add: [
        {
          path: `writer=${writer}/part-${String(i).padStart(5, "0")}.parquet`,
          partitionValues: { writer: writer! },
          size: 1,
          stats: JSON.stringify({ numRecords: 1 }),
          modificationTime: 0,
        },
      ],
    },
  );
  retries += outcome.retries;
}
process.stdout.write(`${JSON.stringify({ retries })}\n`);
