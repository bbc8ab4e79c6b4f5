#!/usr/bin/env node
// The `insightx` command: reads ./.env, then hands the arguments to the program (each command loads on use).
import { existsSync } from "node:fs";
import { buildProgram } from "./program.js";

// `insightx … | head` closes stdout early: stop printing, but finish the command (its trace, its store writes).
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
});

// Settings from ./.env when present (the environment wins: loadEnvFile never overrides).
if (existsSync(".env")) process.loadEnvFile(".env");

await buildProgram().parseAsync(process.argv);
