#!/usr/bin/env node
// The `insightx` command: parses arguments and hands off to a command module.
import { Command } from "commander";
import { registerAskCommand } from "./commands/ask.js";
import { registerDataCommands } from "./commands/data.js";
import { registerDemoCommand } from "./commands/demo.js";
import { registerEvalCommand } from "./commands/eval.js";
import { registerPyCommand } from "./commands/py.js";

const program = new Command("insightx")
  .description("InsightX: chat with your data in Slack, and its operator's tools")
  .showHelpAfterError();

registerDataCommands(program);
registerAskCommand(program);
registerPyCommand(program);
registerDemoCommand(program);
registerEvalCommand(program);

await program.parseAsync(process.argv);
