// What only the embedded backend needs: one shared instance per directory, transactions one at a time,
// and a clear error instead of a hang. Run on the contract suite's PGlite database to avoid a second initdb.
import path from "node:path";
import { beforeAll, expect, it } from "vitest";
import { openPgliteDb } from "../../src/store/index.js";
import type { Backend } from "./backends.js";

export function pgliteOnly(get: () => Backend): void {
  beforeAll(async () => {
    await get().store.db.exec("CREATE TABLE counter (n integer NOT NULL); INSERT INTO counter VALUES (0);");
  });

  it("shares one instance per directory, closed only when its last user closes", async () => {
    const { store, config } = get();
    const second = await openPgliteDb(path.join(config.DATA_DIR, "pglite", ".")); // same folder, spelled differently
    await second.query("UPDATE counter SET n = n + 0");
    await second.close();
    await second.close(); // closing twice is harmless
    expect(await store.db.query("SELECT n FROM counter")).toEqual([{ n: 0 }]);
  });

  it("runs overlapping transactions one after another, so read-then-write loses no update", async () => {
    const { db } = get().store;
    await Promise.all(
      Array.from({ length: 8 }, () =>
        db.transaction(async (tx) => {
          const [row] = await tx.query<{ n: number }>("SELECT n FROM counter");
          await new Promise((resolve) => setTimeout(resolve, 2));
          await tx.query("UPDATE counter SET n = $1", [row!.n + 1]);
        }),
      ),
    );
    expect(await db.query("SELECT n FROM counter")).toEqual([{ n: 8 }]);
  });

  it("refuses a query on the outer handle inside a transaction instead of hanging", async () => {
    const { db } = get().store;
    await expect(
      db.transaction(async () => {
        await db.query("SELECT 1");
      }),
    ).rejects.toMatchObject({ code: "store_outer_query_in_transaction" });
    expect(await db.query("SELECT 1 AS one")).toEqual([{ one: 1 }]);
  });
}
