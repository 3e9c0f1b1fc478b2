import type { Command } from "../command";

/** Every `pinpipe` subcommand, in the order `pinpipe --help` lists them. */
export const commands: readonly Command[] = [];
