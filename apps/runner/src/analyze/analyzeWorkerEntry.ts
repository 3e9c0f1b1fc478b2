/**
 * Entry of analyze worker threads started from TypeScript sources (tests, `tsx src/cli.ts`): it
 * loads only the reading code, not every CLI command and its SDKs. The bundled CLI has one file,
 * so there its workers run `cli.js` itself (see `spawnAnalyzeWorker`).
 */
import { isAnalyzeWorker, serveAnalyzeWorker } from "./analyzeWorker";

if (isAnalyzeWorker()) await serveAnalyzeWorker();
