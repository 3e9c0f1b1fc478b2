import type { Command } from "../command";
import { analyzeCommand } from "./analyze";
import { batchCommand } from "./batch";
import { connectS3Command } from "./connectS3";
import { demoCommand } from "./demo";
import { emulateCommand } from "./emulate";
import { gatewayCommand } from "./gateway";
import { optimizeCommand } from "./optimize";
import { reportCommand } from "./report";
import { sqlCommand } from "./sql";
import { streamCommand } from "./stream";
import { vacuumCommand } from "./vacuum";

/** Every `pinpipe` subcommand, in the order `pinpipe --help` lists them. */
export const commands: readonly Command[] = [
  demoCommand,
  analyzeCommand,
  batchCommand,
  connectS3Command,
  emulateCommand,
  gatewayCommand,
  optimizeCommand,
  reportCommand,
  sqlCommand,
  streamCommand,
  vacuumCommand,
];
