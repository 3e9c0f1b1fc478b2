import type { Command } from "../command";
import { analyzeCommand } from "./analyze";
import { batchCommand } from "./batch";
import { emulateCommand } from "./emulate";
import { reportCommand } from "./report";
import { streamCommand } from "./stream";

/** Every `pinpipe` subcommand, in the order `pinpipe --help` lists them. */
export const commands: readonly Command[] = [
  analyzeCommand,
  batchCommand,
  emulateCommand,
  reportCommand,
  streamCommand,
];
