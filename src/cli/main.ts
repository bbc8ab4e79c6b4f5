#!/usr/bin/env node
// The `insightx` command: parses arguments and hands off to a command module.
import { existsSync } from "node:fs";
import { Command } from "commander";
import { registerAskCommand } from "./commands/ask.js";
import { registerDataCommands } from "./commands/data.js";
import { registerDemoCommand } from "./commands/demo.js";
import { registerDigestCommand } from "./commands/digest.js";
import { registerEvalCommand } from "./commands/eval.js";
import { registerGalleryCommand } from "./commands/gallery.js";
import { registerPyCommand } from "./commands/py.js";
import { registerStartCommand } from "./commands/start.js";
import { registerStatsCommand } from "./commands/stats.js";
import { registerWorkerCommand } from "./commands/worker.js";

// Settings from ./.env when present (the environment wins: loadEnvFile never overrides).
if (existsSync(".env")) process.loadEnvFile(".env");

const program = new Command("insightx")
  .description("InsightX: chat with your data in Slack, and its operator's tools")
  .showHelpAfterError();

registerDataCommands(program);
registerAskCommand(program);
registerPyCommand(program);
registerDemoCommand(program);
registerEvalCommand(program);
registerGalleryCommand(program);
registerStartCommand(program);
registerWorkerCommand(program);
registerDigestCommand(program);
registerStatsCommand(program);

await program.parseAsync(process.argv);
