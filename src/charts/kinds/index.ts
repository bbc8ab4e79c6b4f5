// Every answer kind's chart, registered in one list: a new kind is one file and one line here.
import type { AnswerKind, RequestOf } from "../request/chart-request.js";
import { anomaliesKind } from "./anomalies.js";
import { correlationKind } from "./correlation.js";
import { distributionKind } from "./distribution.js";
import { forecastKind } from "./forecast.js";
import type { ChartKind } from "./kind.js";
import { rankingKind } from "./ranking.js";
import { scalarKind } from "./scalar.js";
import { shareKind } from "./share.js";
import { tableKind } from "./table.js";
import { trendKind } from "./trend.js";
import { twoKeysKind } from "./two-keys.js";

export type KindRegistry = { [K in AnswerKind]: ChartKind<RequestOf<K>> };

export const CHART_KINDS: KindRegistry = {
  correlation: correlationKind,
  forecast: forecastKind,
  anomalies: anomaliesKind,
  share: shareKind,
  ranking: rankingKind,
  trend: trendKind,
  distribution: distributionKind,
  two_keys: twoKeysKind,
  scalar: scalarKind,
  table: tableKind,
};

export type { ChartKind, Drawing } from "./kind.js";
