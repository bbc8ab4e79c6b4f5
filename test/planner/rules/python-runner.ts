// Runs planner Python the way the worker does — `df` from a result table (dates as datetimes) — with /usr/bin/python3.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const HARNESS = `
import json, sys
import pandas as pd
from insightx_worker.convert import to_jsonable
spec = json.load(open(sys.argv[1]))
df = pd.DataFrame(spec["rows"], columns=spec["columns"])
for name, kind in zip(spec["columns"], spec["types"]):
    if kind.startswith("DATE") or kind.startswith("TIMESTAMP"):
        df[name] = pd.to_datetime(df[name])
scope = {"df": df}
exec(open(sys.argv[2]).read(), scope)
print(json.dumps(to_jsonable(scope.get("result"))[0]))
`;

export interface SqlTable {
  columns: string[];
  types: string[];
  rows: unknown[][];
}

/** The converted `result` of `code` run over `table`; throws with Python's stderr when it fails. */
export function runPython(code: string, table: SqlTable): unknown {
  const dir = mkdtempSync(path.join(tmpdir(), "offline-py-"));
  try {
    writeFileSync(path.join(dir, "table.json"), JSON.stringify(table));
    writeFileSync(path.join(dir, "code.py"), code);
    writeFileSync(path.join(dir, "harness.py"), HARNESS);
    const out = execFileSync(
      "/usr/bin/python3",
      [path.join(dir, "harness.py"), path.join(dir, "table.json"), path.join(dir, "code.py")],
      {
        env: { PATH: "/usr/bin:/bin", PYTHONPATH: path.resolve("src/sandbox/python") },
        encoding: "utf8",
        timeout: 60_000,
      },
    );
    return JSON.parse(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
