// The DuckDB client's values, loaded with require: an ESM import of this CommonJS package makes Node lex its
// ~120 files for named exports on every start (~100 ms of each CLI command); require loads them once.
import { createRequire } from "node:module";
import type * as DuckDB from "@duckdb/node-api";

const duckdb = createRequire(import.meta.url)("@duckdb/node-api") as typeof DuckDB;

export const { DuckDBInstance, JSDuckDBValueConverter } = duckdb;
