import type { Command } from "../command";
import { analyzeCommand } from "./analyze";
import { emulateCommand } from "./emulate";
import { reportCommand } from "./report";

/** Every `pinpipe` subcommand, in the order `pinpipe --help` lists them. */
export const commands: readonly Command[] = [analyzeCommand, emulateCommand, reportCommand];
