// Channels are isolated: each sees only its own tables, and forgetting one leaves the others untouched.
import { existsSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UserInputError } from "../../src/util/errors.js";
import { type Harness, openHarness } from "./harness.js";

const ALPHA = { teamId: "T1", channelId: "C-ALPHA" };
const BETA = { teamId: "T1", channelId: "C-BETA" };
const OTHER_TEAM = { teamId: "T2", channelId: "C-ALPHA" };

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
  await h.ingest(await h.fixture("sales.csv", "region,amount\nnorth,1\nsouth,2\n"), "sales.csv", ALPHA);
  await h.ingest(await h.fixture("payroll.csv", "name,salary\nann,100\n"), "payroll.csv", BETA);
  await h.ingest(await h.fixture("sales2.csv", "region,amount\neast,7\n"), "sales.csv", OTHER_TEAM);
});
afterEach(async () => {
  await h.cleanup();
});

describe("channel isolation", () => {
  it("lists only the channel's own tables", async () => {
    expect((await h.engine.datasets(ALPHA)).map((d) => d.tableName)).toEqual(["sales"]);
    expect((await h.engine.datasets(BETA)).map((d) => d.tableName)).toEqual(["payroll"]);
    expect(await h.duckdbTables(ALPHA)).toEqual(["insightx_meta.datasets", "main.sales"]);
    expect(await h.duckdbTables(BETA)).toEqual(["insightx_meta.datasets", "main.payroll"]);
  });

  it("cannot query another channel's table", async () => {
    await expect(h.engine.query(ALPHA, "SELECT * FROM payroll")).rejects.toThrow(/payroll does not exist/);
    await expect(h.engine.dna(ALPHA, "payroll")).rejects.toBeInstanceOf(UserInputError);
    expect((await h.engine.query(BETA, "SELECT salary FROM payroll")).rows).toEqual([[100]]);
  });

  it("keeps the same channel id in another team apart", async () => {
    expect((await h.engine.query(ALPHA, "SELECT sum(amount) FROM sales")).rows).toEqual([[3]]);
    expect((await h.engine.query(OTHER_TEAM, "SELECT sum(amount) FROM sales")).rows).toEqual([[7]]);
    expect(h.engine.databases.pathFor(ALPHA)).not.toBe(h.engine.databases.pathFor(OTHER_TEAM));
  });

  it("gives channel ids that differ only in odd characters different files", () => {
    const paths = ["C/1", "C_1", "C:1", "C 1"].map((channelId) =>
      h.engine.databases.pathFor({ teamId: "T", channelId }),
    );
    expect(new Set(paths).size).toBe(4);
    for (const file of paths) expect(file.startsWith(h.dir)).toBe(true);
  });

  it("forget removes the channel's tables and file, and leaves other channels alone", async () => {
    const file = h.engine.databases.pathFor(ALPHA);
    expect(existsSync(file)).toBe(true);
    await h.engine.forget(ALPHA);
    expect(existsSync(file)).toBe(false);
    expect(await h.engine.datasets(ALPHA)).toEqual([]);
    await expect(h.engine.query(ALPHA, "SELECT * FROM sales")).rejects.toThrow(/sales does not exist/);
    expect((await h.engine.datasets(BETA)).map((d) => d.tableName)).toEqual(["payroll"]);
    expect((await h.engine.query(OTHER_TEAM, "SELECT count(*) FROM sales")).rows).toEqual([[1]]);

    const [again] = await h.ingest(await h.fixture("sales.csv", "region,amount\nwest,5\n"), "sales.csv", ALPHA);
    expect(again).toMatchObject({ tableName: "sales", version: 1, previousVersionTable: null });
  });

  it("serves queries in one channel while another ingests", async () => {
    const rows = `id,v\n${Array.from({ length: 50_000 }, (_, i) => `${i},${i % 7}`).join("\n")}\n`;
    const ingesting = h.ingest(await h.fixture("big.csv", rows), "big.csv", BETA);
    const answers = await Promise.all([1, 2, 3].map(() => h.engine.query(ALPHA, "SELECT count(*) FROM sales")));
    expect(answers.map((a) => a.rows)).toEqual([[[2]], [[2]], [[2]]]);
    expect((await ingesting)[0]!.rowCount).toBe(50_000);
  });
});
