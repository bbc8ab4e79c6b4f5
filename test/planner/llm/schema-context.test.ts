import { describe, expect, it } from "vitest";
import { TurnLog } from "../../../src/planner/index.js";
import { planPrompt, sqlRepairPrompt, tablesBlock } from "../../../src/planner/llm/prompt-parts.js";
import { SCHEMA_BUDGET_CHARS, schemaContext } from "../../../src/planner/llm/schema-context.js";
import { column, dateColumn, table, textColumn } from "./dna.js";

/** Twenty wide tables: sixty columns each, with long names, as a channel of exports ends up. */
function wideChannel() {
  return Array.from({ length: 20 }, (_, t) =>
    table(`export_${t}_${"quarterly_".repeat(2)}`, [
      dateColumn(`booked_on_${t}`, "2021-01-01", "2024-06-30"),
      ...Array.from({ length: 58 }, (_, c) => column(`metric_${t}_${c}_${"long_descriptive_suffix_".repeat(2)}`)),
      textColumn(
        `segment_${t}`,
        Array.from({ length: 30 }, (_, v) => `segment value ${v}`),
      ),
    ]),
  );
}

const countries = Array.from({ length: 180 }, (_, i) => `Country ${String(i).padStart(3, "0")}`);
const shipments = table("shipments", [
  dateColumn("shipped_at", "2023-01-01", "2024-05-31"),
  column("weight_kg"),
  textColumn("destination_country", countries),
  column("freight_cost"),
]);

describe("the schema the model sees", () => {
  it("keeps a channel of 20 wide tables within the stated budget, every table named", () => {
    const tables = [...wideChannel(), shipments];
    const schema = schemaContext("What was the total freight cost to Country 042 last month?", tables);
    expect(schema.text.length).toBeLessThanOrEqual(SCHEMA_BUDGET_CHARS);
    for (const dna of tables) expect(schema.text).toContain(JSON.stringify(dna.table));
    expect(schema.omittedColumns).toBeGreaterThan(0);
  });

  it("puts the table and columns the question is about first, with the filter column's values in full", () => {
    const schema = schemaContext("What was the total freight cost to Country 042 last month?", [
      ...wideChannel(),
      shipments,
    ]);
    expect(schema.text.startsWith('TABLE "shipments"')).toBe(true);
    const block = schema.text.split("\n\n")[0] ?? "";
    expect(block).toMatch(/"freight_cost" DOUBLE measure/);
    expect(block).toContain("values (all 180, exact spelling)");
    expect(block).toContain('"Country 179"');
    expect(block).toContain('dates: "shipped_at" 2023-01-01 → 2024-05-31');
  });

  it("lists the relationships between tables", () => {
    const orders = table("orders", [textColumn("customer_id", ["c1", "c2"]), column("total")], {
      relationships: [
        {
          from: { table: "orders", column: "customer_id" },
          to: { table: "customers", column: "id" },
          matchRate: 1,
          cardinality: "many-to-one",
          checkedRows: 2,
          distinctChecked: 2,
          distinctMatched: 2,
        },
      ],
    });
    const customers = table("customers", [textColumn("id", ["c1", "c2"]), textColumn("region", ["North", "South"])]);
    expect(schemaContext("total by region", [orders, customers]).text).toContain(
      '- "orders"."customer_id" → "customers"."id" (many-to-one, 100% of values found)',
    );
  });

  it("gives the repair exactly the schema the plan saw, and the plan today's date", () => {
    const context = { tables: [...wideChannel(), shipments], history: [], insights: [], log: new TurnLog() };
    const question = "Total freight cost by destination?";
    const block = tablesBlock(question, context);
    const plan = planPrompt(question, context, new Date("2024-06-10T08:00:00Z"));
    const repair = sqlRepairPrompt(
      question,
      context,
      { sql: "SELECT 1", error: "x" },
      null,
      new Date("2024-06-10T08:00:00Z"),
    );
    expect(plan).toContain(block);
    expect(repair).toContain(block);
    expect(plan).toContain("Today is 2024-06-10 (Monday, UTC).");
    expect(block).toContain(`within ${SCHEMA_BUDGET_CHARS.toLocaleString("en-US")} characters`);
  });
});
