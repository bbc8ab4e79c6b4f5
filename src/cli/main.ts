#!/usr/bin/env node
// The `insightx` command: reads ./.env, then hands the arguments to the program (each command loads on use).
import { existsSync } from "node:fs";
import { buildProgram } from "./program.js";

// Settings from ./.env when present (the environment wins: loadEnvFile never overrides).
if (existsSync(".env")) process.loadEnvFile(".env");

await buildProgram().parseAsync(process.argv);
