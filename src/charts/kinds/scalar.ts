// One number: the number is the answer, so there is no image.
import type { ScalarRequest } from "../request/chart-request.js";
import type { ChartKind } from "./kind.js";

export const scalarKind: ChartKind<ScalarRequest> = {
  kind: "scalar",
  shows: "a single number",
  drawnAs: "no chart: the number is the answer",
  source: "none",
  types: () => [],
  draw: () => ({ unusable: "a single number makes no chart" }),
};
