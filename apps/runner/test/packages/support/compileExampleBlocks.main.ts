// Run by exampleBlocks.test.ts in a child process: compiling ~600 examples takes the type checker
// many seconds, which must not block the test worker's event loop.
import { compileExampleBlocks } from "./compileExampleBlocks.js";
import { allExampleBlocks } from "./exampleBlocks.js";

const root = process.argv[2] ?? new URL("../../../../../", import.meta.url).pathname;
const blocks = allExampleBlocks(root);
const { diagnostics, calledFreeNames } = compileExampleBlocks(root, blocks);
process.stdout.write(
  JSON.stringify({
    blocks: blocks.length,
    diagnostics: diagnostics.map(
      ({ block, message }) => `${block.file.slice(root.length)}:${block.line}: ${message}`,
    ),
    calledFreeNames: [...calledFreeNames].map(([where, names]) => [where.slice(root.length), names]),
  }),
);
