#!/usr/bin/env node
// The `insightx` command: parses arguments and hands off to a command module.
import { Command } from "commander";
import { registerDataCommands } from "./commands/data.js";

const program = new Command("insightx")
  .description("InsightX: chat with your data in Slack, and its operator's tools")
  .showHelpAfterError();

registerDataCommands(program);

await program.parseAsync(process.argv);
