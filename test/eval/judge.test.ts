// The eval judge: each kind of shared/eval/README.md, the four outcomes, and the question-line format.
import { describe, expect, it } from "vitest";
import { type EvalAnswer, judge, outcome } from "../../src/cli/eval/judge.js";
import { type EvalQuestion, parseQuestions } from "../../src/cli/eval/question.js";

const q = (line: Record<string, unknown>): EvalQuestion =>
  parseQuestions(JSON.stringify({ id: "q", dataset: "d.csv", question: "?", ...line }))[0]!;
const table = (columns: string[], rows: unknown[][], rest: Partial<EvalAnswer> = {}): EvalAnswer => ({
  result: { columns, rows },
  metrics: {},
  classification: "SQL_ONLY",
  error: null,
  ...rest,
});
const clarify: EvalAnswer = { result: null, metrics: {}, classification: "CLARIFY", error: null };

describe("judge", () => {
  it("value: passes on a cell or a metric within the relative tolerance, and on the fraction when pct", () => {
    const question = q({ kind: "value", value: 105.0825, tol: 0.005 });
    expect(judge(question, table(["avg"], [[105.1]]))).toBe(true);
    expect(judge(question, table(["avg"], [[106]]))).toBe(false);
    expect(judge(question, { result: null, metrics: { avg: "105.08" } })).toBe(true);
    const pct = q({ kind: "value", value: 43.8, pct: true });
    expect(judge(pct, table(["share"], [[0.438]]))).toBe(true);
    expect(judge(q({ kind: "value", value: 43.8 }), table(["share"], [[0.438]]))).toBe(false);
  });

  it("value: an expected zero passes within the absolute tolerance only", () => {
    const question = q({ kind: "value", value: 0, tol: 0.01 });
    expect(judge(question, table(["x"], [[0.005]]))).toBe(true);
    expect(judge(question, table(["x"], [[0.5]]))).toBe(false);
  });

  it("includes_value: passes when the value is anywhere among the rows", () => {
    const question = q({ kind: "includes_value", value: 55.9 });
    expect(
      judge(
        question,
        table(
          ["date", "precip"],
          [
            ["2014-01-01", 1.2],
            ["2015-12-08", 55.9],
          ],
        ),
      ),
    ).toBe(true);
    expect(judge(question, table(["date", "precip"], [["2014-01-01", 1.2]]))).toBe(false);
  });

  it("label: only the first row counts; case-insensitive; numbers as numbers; a date cell may start with it", () => {
    const question = q({ kind: "label", label: "USA" });
    expect(
      judge(
        question,
        table(
          ["origin", "n"],
          [
            ["usa", 254],
            ["Japan", 79],
          ],
        ),
      ),
    ).toBe(true);
    expect(
      judge(
        question,
        table(
          ["origin", "n"],
          [
            ["Japan", 79],
            ["USA", 254],
          ],
        ),
      ),
    ).toBe(false);
    expect(judge(q({ kind: "label", label: "1931" }), table(["year", "d"], [[1931, 3]]))).toBe(true);
    expect(judge(q({ kind: "label", label: 2008 }), table(["day", "d"], [["2008-10-09", 3]]))).toBe(true);
    expect(judge(q({ kind: "label", label: "2008" }), table(["n"], [[20081]]))).toBe(false);
  });

  it("label_any: the first row holds one of the labels (a month as 11, November or Nov)", () => {
    const question = q({ kind: "label_any", labels: [11, "November", "Nov"] });
    expect(judge(question, table(["month", "x"], [["november", 3]]))).toBe(true);
    expect(judge(question, table(["month", "x"], [[11, 3]]))).toBe(true);
    expect(judge(question, table(["month", "x"], [["2014-11-01", 3]]))).toBe(false);
    expect(
      judge(
        question,
        table(
          ["month", "x"],
          [
            ["October", 3],
            ["November", 2],
          ],
        ),
      ),
    ).toBe(false);
  });

  it("rows: every expected label with its value in some row", () => {
    const question = q({
      kind: "rows",
      rows: [
        ["Europe", 27.89],
        ["Japan", 30.45],
      ],
      tol: 0.005,
    });
    expect(
      judge(
        question,
        table(
          ["origin", "mpg"],
          [
            ["Japan", 30.4506],
            ["Europe", 27.8914],
            ["USA", 20.08],
          ],
        ),
      ),
    ).toBe(true);
    expect(judge(question, table(["origin", "mpg"], [["Japan", 30.4506]]))).toBe(false);
    expect(
      judge(
        question,
        table(
          ["origin", "mpg"],
          [
            ["Japan", 27.8914],
            ["Europe", 30.4506],
          ],
        ),
      ),
    ).toBe(false);
  });

  it("top: the first k rows each name one of the expected labels, in any order among them", () => {
    const question = q({
      kind: "top",
      k: 2,
      top: [
        ["a", 3],
        ["b", 3],
        ["c", 3],
      ],
    });
    expect(
      judge(
        question,
        table(
          ["x", "n"],
          [
            ["c", 3],
            ["a", 3],
            ["z", 1],
          ],
        ),
      ),
    ).toBe(true);
    expect(
      judge(
        question,
        table(
          ["x", "n"],
          [
            ["c", 3],
            ["z", 1],
          ],
        ),
      ),
    ).toBe(false);
    expect(judge(question, table(["x", "n"], [["a", 3]]))).toBe(false);
  });

  it("forecast: at least horizon rows, every one within the observed range widened by half its span", () => {
    const question = q({ kind: "forecast", horizon: 2, range: [100, 200] });
    expect(
      judge(
        question,
        table(
          ["day", "yhat"],
          [
            ["2001-04-01", 60],
            ["2001-04-02", 240],
          ],
        ),
      ),
    ).toBe(true);
    expect(
      judge(
        question,
        table(
          ["day", "yhat"],
          [
            ["2001-04-01", 150],
            ["2001-04-02", 400],
          ],
        ),
      ),
    ).toBe(false);
    expect(judge(question, table(["day", "yhat"], [["2001-04-01", 150]]))).toBe(false);
  });

  it("clarify: passes only when the answer asks back", () => {
    const question = q({ kind: "clarify" });
    expect(judge(question, clarify)).toBe(true);
    expect(judge(question, table(["n"], [[3]]))).toBe(false);
    expect(judge(question, { result: null, metrics: {}, classification: null, error: "no such column" })).toBe(false);
  });

  it("an answer that asks back never passes an answer kind, and a line without kind is not judged", () => {
    expect(judge(q({ kind: "value", value: 3 }), { ...clarify, metrics: { n: 3 } })).toBe(false);
    expect(judge(q({}), table(["n"], [[3]]))).toBeNull();
  });
});

describe("outcome", () => {
  const value = q({ kind: "value", value: 3 });
  it("sorts answers into right, wrong without asking back, clarified and error", () => {
    expect(outcome(value, table(["n"], [[3]]))).toBe("right");
    expect(outcome(value, table(["n"], [[4]]))).toBe("wrong");
    expect(outcome(value, clarify)).toBe("clarified");
    expect(outcome(value, { result: null, metrics: {}, classification: "SQL_ONLY", error: "timed out" })).toBe("error");
    expect(outcome(q({}), table(["n"], [[3]]))).toBe("unjudged");
  });

  it("counts numbers shown for a question that should be declined as wrong, and asking back as right", () => {
    const decline = q({ kind: "clarify" });
    expect(outcome(decline, clarify)).toBe("right");
    expect(outcome(decline, table(["n"], [[3]]))).toBe("wrong");
  });

  it("an error is never right, even when a partial table would pass", () => {
    expect(outcome(value, table(["n"], [[3]], { error: "Python failed" }))).toBe("error");
  });
});

describe("question lines", () => {
  it("reads datasets and turns, keeping dataset and question as the first file and the judged turn", () => {
    const [line] = parseQuestions(
      JSON.stringify({
        id: "t",
        datasets: ["airports.csv", "flights-airport.csv"],
        turns: ["flights by origin", "only from texas"],
        kind: "label",
        label: "DFW",
      }),
    );
    expect(line).toMatchObject({
      datasets: ["airports.csv", "flights-airport.csv"],
      turns: ["flights by origin", "only from texas"],
      dataset: "airports.csv",
      question: "only from texas",
    });
    const [single] = parseQuestions('{"id":"s","dataset":"cars.json","question":"How many cars?","kind":"clarify"}');
    expect(single).toMatchObject({ datasets: ["cars.json"], turns: ["How many cars?"], kind: "clarify" });
  });

  it("refuses a line with a line number and the reason: missing fields, both forms, unknown kind, repeated id", () => {
    expect(() => parseQuestions('{"id":"a","question":"?","kind":"clarify"}', "f.jsonl")).toThrow(
      /f\.jsonl line 1 .*`dataset` or `datasets`/,
    );
    expect(() => parseQuestions('{"id":"a","dataset":"x","question":"?","turns":["?"],"kind":"clarify"}')).toThrow(
      /`question` or `turns`/,
    );
    expect(() => parseQuestions('\n{"id":"a","dataset":"x","question":"?","kind":"guess"}')).toThrow(/line 2 .*kind/);
    expect(() => parseQuestions('{"id":"a","dataset":"x","question":"?","kind":"value"}')).toThrow(/value/);
    const line = '{"id":"a","dataset":"x","question":"?","kind":"clarify"}';
    expect(() => parseQuestions(`${line}\n${line}`)).toThrow(/line 2 repeats the id a/);
    expect(() => parseQuestions("{not json")).toThrow(/line 1 is not JSON/);
  });
});
