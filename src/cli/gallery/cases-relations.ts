// Gallery cases about how values relate and spread: correlations (plain, by group, sampled) and distributions.
import {
  correlationPairsRecipe,
  correlationStatsRecipe,
  distributionValuesRecipe,
  fillRecipe,
  type RecipeInputs,
} from "../../charts/index.js";
import { quoteIdent } from "../../data/index.js";
import { type GalleryCase, UNITS } from "./case.js";
import { type GalleryData, numbersOf, tableOf } from "./gallery-data.js";

function correlation(
  name: string,
  question: string,
  file: string,
  columns: { x: string; y: string; group?: string },
  labels: Record<string, string>,
  title: string,
): GalleryCase {
  return {
    name,
    question,
    async build(data: GalleryData) {
      const inputs: RecipeInputs = { fragments: { source: data.table(file) }, identifiers: columns };
      const stats = await data.query(fillRecipe(correlationStatsRecipe, inputs, quoteIdent));
      const pairs = await data.query(fillRecipe(correlationPairsRecipe, inputs, quoteIdent));
      const { r, n, slope, intercept } = numbersOf(stats);
      return {
        kind: "correlation",
        stats: { r: r!, n: n!, slope: slope!, intercept: intercept! },
        evidence: { pairs: { table: tableOf(pairs), ...columns } },
        answer: tableOf(stats),
        presentation: { title, units: UNITS, labels },
      };
    },
  };
}

function distribution(name: string, question: string, group: string | undefined, title: string): GalleryCase {
  return {
    name,
    question,
    async build(data: GalleryData) {
      const cars = data.table("cars.json");
      const identifiers = { value: "Horsepower", ...(group ? { group } : {}) };
      const values = await data.query(
        fillRecipe(distributionValuesRecipe, { fragments: { source: cars }, identifiers }, quoteIdent),
      );
      const answer = await data.query(
        `SELECT avg("Horsepower") AS mean, median("Horsepower") AS median, count("Horsepower") AS n,
           min("Horsepower") AS min, max("Horsepower") AS max, stddev_samp("Horsepower") AS std FROM ${cars}`,
      );
      const { mean, median, n } = numbersOf(answer);
      return {
        kind: "distribution",
        stats: { mean: mean!, median: median!, n: n! },
        evidence: { values: { table: tableOf(values), value: "Horsepower", ...(group ? { group } : {}) } },
        answer: tableOf(answer),
        presentation: { title, units: UNITS },
      };
    },
  };
}

export const RELATION_CASES: GalleryCase[] = [
  correlation(
    "correlation",
    "What is the correlation between weight and miles per gallon?",
    "cars.json",
    { x: "Weight_in_lbs", y: "Miles_per_Gallon" },
    { Weight_in_lbs: "Weight", Miles_per_Gallon: "Miles per gallon" },
    "Heavier cars go fewer miles per gallon",
  ),
  correlation(
    "correlation-by-group",
    "How does horsepower relate to miles per gallon, by origin?",
    "cars.json",
    { x: "Horsepower", y: "Miles_per_Gallon", group: "Origin" },
    { Miles_per_Gallon: "Miles per gallon" },
    "Miles per gallon against horsepower, by origin",
  ),
  correlation(
    "correlation-sampled",
    "Is a flight's delay related to its distance?",
    "flights-20k.json",
    { x: "distance", y: "delay" },
    { distance: "Distance", delay: "Delay" },
    "Flight delay against distance",
  ),
  distribution("distribution", "Summary statistics of horsepower", undefined, "Distribution of horsepower"),
  distribution("distribution-by-group", "Compare horsepower across origins", "Origin", "Horsepower by origin"),
];
