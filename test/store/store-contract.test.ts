// One contract suite for the Store, run on embedded PGlite always and on PostgreSQL when DATABASE_URL is set.
import { afterAll, beforeAll, describe, it } from "vitest";
import { type Backend, openPglite, openPostgres, probePostgres } from "./backends.js";
import { coreContract } from "./contract-core.js";
import { memoryContract } from "./contract-memory.js";
import { tracesContract } from "./contract-traces.js";
import { pgliteOnly } from "./pglite-only.js";

function contract(open: () => Promise<Backend>, extra?: (get: () => Backend) => void): void {
  let backend: Backend | undefined;
  const get = () => {
    if (!backend) throw new Error("the backend did not open");
    return backend;
  };
  beforeAll(async () => {
    backend = await open();
  });
  afterAll(async () => {
    await backend?.cleanup();
  });
  describe("migrations, sessions, datasets, transactions", () => coreContract(get));
  describe("conversations, insights, schedules, key stats", () => memoryContract(get));
  describe("traces and statistics", () => tracesContract(get));
  if (extra) describe("specific to this backend", () => extra(get));
}

describe("store contract on PGlite", () => contract(openPglite, pgliteOnly));

const required = process.env.INSIGHTX_REQUIRE_SERVERS === "1";
const probe = await probePostgres();

if (probe.state === "reachable") {
  describe("store contract on PostgreSQL", () => contract(() => openPostgres(probe.url)));
} else if (required) {
  describe("store contract on PostgreSQL", () => {
    it("reaches PostgreSQL at DATABASE_URL (INSIGHTX_REQUIRE_SERVERS=1)", () => {
      throw new Error(
        probe.state === "unset"
          ? "DATABASE_URL is unset but INSIGHTX_REQUIRE_SERVERS=1 requires the PostgreSQL half of the store contract"
          : `PostgreSQL at DATABASE_URL is unreachable: ${probe.error}`,
      );
    });
  });
} else {
  const reason = probe.state === "unset" ? "DATABASE_URL is unset" : `DATABASE_URL unreachable: ${probe.error}`;
  console.warn(`store contract on PostgreSQL skipped: ${reason}`);
  describe.skip(`store contract on PostgreSQL (skipped: ${reason})`, () => {
    it("runs the store contract on PostgreSQL", () => undefined);
  });
}
