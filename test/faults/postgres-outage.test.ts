// Fault: PostgreSQL is unreachable for a while (a TCP proxy the test cuts); questions are still answered and
// their traces are written once it is back.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRuntime, type Runtime } from "../../src/app/index.js";
import { loadConfig } from "../../src/config/index.js";
import { withStoreFallback } from "../../src/jobs/index.js";
import { runQuestion } from "../../src/pipeline/index.js";
import { TraceWriter, tracedQuestion } from "../../src/trace/index.js";
import { createLogger } from "../../src/util/logger.js";
import { waitFor } from "../jobs/redis-probe.js";
import { probePostgres, urlWithSchema } from "../store/backends.js";
import { startTcpProxy, type TcpProxy } from "./servers.js";

const probe = await probePostgres();
const required = process.env.INSIGHTX_REQUIRE_SERVERS === "1";
const REF = { teamId: "T1", channelId: "C1" };
const CARS = path.resolve("node_modules/vega-datasets/data/cars.json");

describe.skipIf(probe.state !== "reachable" && !required)("PostgreSQL briefly unreachable", () => {
  let proxy: TcpProxy;
  let admin: pg.Client;
  let runtime: Runtime;
  let dir: string;
  const schema = `test_${randomUUID().replaceAll("-", "")}`;

  beforeAll(async () => {
    if (probe.state !== "reachable") throw new Error(`PostgreSQL at DATABASE_URL is required: ${probe.state}`);
    const target = new URL(probe.url);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    admin = new pg.Client({ connectionString: probe.url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA "${schema}"`);
    const proxied = new URL(urlWithSchema(probe.url, schema));
    proxied.host = `127.0.0.1:${proxy.port}`;
    dir = await mkdtemp(path.join(os.tmpdir(), "insightx-pgfault-"));
    const config = loadConfig({
      DATA_DIR: dir,
      DATABASE_URL: proxied.toString(),
      LOG_LEVEL: "silent",
      LLM_API_KEYS: "",
    });
    runtime = await createRuntime({ config, logger: createLogger("silent") });
    await runtime.engine.ingest(REF, { path: CARS, name: "cars.json" });
  });
  afterAll(async () => {
    await runtime?.close();
    await proxy?.close();
    await admin?.query(`DROP SCHEMA "${schema}" CASCADE`).catch(() => undefined);
    await admin?.end();
    await rm(dir, { recursive: true, force: true });
  });

  it("answers while the database is away and writes the traces once it is back", async () => {
    const writer = new TraceWriter({ traces: runtime.store.traces, logger: createLogger("silent"), flushMs: 100 });
    const warm = await runQuestion(runtime.pipelineDeps({ renderCharts: false }), {
      ref: REF,
      question: "average Horsepower by Origin",
    });
    expect(warm.answer.final).not.toBeNull();

    proxy.cut();
    const ids: string[] = [];
    for (const question of ["average Horsepower by Origin", "count of cars by Cylinders"]) {
      const deps = await withStoreFallback(runtime.pipelineDeps({ renderCharts: false }));
      const { tracer, events } = tracedQuestion(deps, { ref: REF, question }, { sink: writer });
      let final = null;
      for await (const event of events) if (event.type === "final_response") final = event.data;
      tracer.finish();
      ids.push(tracer.id);
      expect(final?.text, question).toBeTruthy();
    }
    await writer.flush();
    expect(writer.pending).toBeGreaterThan(0);

    proxy.restore();
    await waitFor(
      async () => {
        await writer.flush();
        return writer.pending === 0;
      },
      30_000,
      "the buffered traces to be written",
    );
    const rows = await admin.query(`SELECT id, status FROM "${schema}".traces WHERE id = ANY($1)`, [ids]);
    expect(rows.rows.map((r) => r.status)).toEqual(["completed", "completed"]);
    const steps = await admin.query(`SELECT count(*)::int AS n FROM "${schema}".trace_steps WHERE trace_id = ANY($1)`, [
      ids,
    ]);
    expect(steps.rows[0].n).toBeGreaterThanOrEqual(8);
    await writer.close();
  }, 90_000);
});
