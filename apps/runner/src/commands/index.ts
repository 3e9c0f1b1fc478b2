import type { Command } from "../command";
import { analyzeCommand } from "./analyze";

/** Every `pinpipe` subcommand, in the order `pinpipe --help` lists them. */
export const commands: readonly Command[] = [analyzeCommand];
