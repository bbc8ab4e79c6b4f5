// The question kinds in priority order: the first that reads a question and places every word answers it.
// A new kind is one file in this folder and one line here.
import type { BaseIntent } from "../intent.js";
import type { QuestionKind } from "../kind.js";
import { aggregate } from "./aggregate.js";
import { anomalies } from "./anomalies.js";
import { comparison } from "./comparison.js";
import { correlation } from "./correlation.js";
import { count } from "./count.js";
import { countDistinct } from "./count-distinct.js";
import { distribution } from "./distribution.js";
import { forecast } from "./forecast.js";
import { lookup } from "./lookup.js";
import { ranking } from "./ranking.js";
import { rate } from "./rate.js";
import { share } from "./share.js";
import { summary } from "./summary.js";
import { trend } from "./trend.js";

// Each entry is a QuestionKind of its own intent type; the list holds them by their common base.
export const KINDS: readonly QuestionKind<BaseIntent>[] = [
  forecast,
  summary,
  anomalies,
  correlation,
  distribution,
  comparison,
  rate,
  share,
  countDistinct,
  count,
  trend,
  ranking,
  aggregate,
  lookup,
];

const BY_NAME = new Map(KINDS.map((kind) => [kind.name, kind]));

/** The kind an intent belongs to; undefined for an intent of a kind no longer registered. */
export function kindOf(intent: BaseIntent): QuestionKind<BaseIntent> | undefined {
  return BY_NAME.get(intent.kind);
}
