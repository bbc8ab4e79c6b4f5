// Result tables built from vega-datasets cars.json, aggregated in JS the way SQL would return them.
import { readFileSync } from "node:fs";
import type { ResultTable } from "../../src/charts/index.js";

interface Car {
  Name: string;
  Miles_per_Gallon: number | null;
  Cylinders: number;
  Displacement: number;
  Horsepower: number | null;
  Weight_in_lbs: number;
  Acceleration: number;
  Year: string;
  Origin: string;
}

const carsFile = new URL("../../node_modules/vega-datasets/data/cars.json", import.meta.url);
export const cars: Car[] = JSON.parse(readFileSync(carsFile, "utf8"));

function mean(values: (number | null)[]): number {
  const present = values.filter((value): value is number => value !== null);
  return present.reduce((sum, value) => sum + value, 0) / present.length;
}

function groupBy<K>(key: (car: Car) => K): Map<K, Car[]> {
  const groups = new Map<K, Car[]>();
  for (const car of cars) groups.set(key(car), [...(groups.get(key(car)) ?? []), car]);
  return groups;
}

/** SELECT Origin, avg(Horsepower) AS avg_horsepower GROUP BY Origin */
export function avgHorsepowerByOrigin(): ResultTable {
  const rows = [...groupBy((car) => car.Origin)].map(([origin, group]) => [
    origin,
    mean(group.map((c) => c.Horsepower)),
  ]);
  return { columns: ["Origin", "avg_horsepower"], types: ["VARCHAR", "DOUBLE"], rows };
}

/** SELECT date_trunc('year', Year) AS model_year, count(*) AS car_count GROUP BY 1 ORDER BY 1 */
export function carsPerYear(): ResultTable {
  const rows = [...groupBy((car) => car.Year.slice(0, 10))].map(([year, group]) => [year, BigInt(group.length)]);
  return { columns: ["model_year", "car_count"], types: ["DATE", "BIGINT"], rows };
}

/** SELECT year(Year) AS year, Origin, avg(Miles_per_Gallon) AS avg_mpg GROUP BY 1, 2 */
export function avgMpgByYearAndOrigin(): ResultTable {
  const rows = [...groupBy((car) => `${car.Year.slice(0, 4)}|${car.Origin}`)].map(([key, group]) => {
    const [year, origin] = key.split("|");
    return [BigInt(year!), origin, mean(group.map((c) => c.Miles_per_Gallon))];
  });
  return { columns: ["year", "Origin", "avg_mpg"], types: ["BIGINT", "VARCHAR", "DOUBLE"], rows };
}

/** SELECT Horsepower, Miles_per_Gallon, Origin FROM cars */
export function horsepowerVsMpg(): ResultTable {
  return {
    columns: ["Horsepower", "Miles_per_Gallon", "Origin"],
    types: ["BIGINT", "DOUBLE", "VARCHAR"],
    rows: cars.map((car) => [car.Horsepower, car.Miles_per_Gallon, car.Origin]),
  };
}

/** SELECT Displacement FROM cars */
export function displacements(): ResultTable {
  return { columns: ["Displacement"], types: ["DOUBLE"], rows: cars.map((car) => [car.Displacement]) };
}

/** SELECT Name, max(Weight_in_lbs) AS Weight_in_lbs GROUP BY Name LIMIT n: many long labels. */
export function weightByName(limit: number): ResultTable {
  const rows = [...groupBy((car) => car.Name)]
    .map(([name, group]) => [name, Math.max(...group.map((c) => c.Weight_in_lbs))])
    .slice(0, limit);
  return { columns: ["Name", "Weight_in_lbs"], types: ["VARCHAR", "INTEGER"], rows };
}

/** SELECT Origin, Cylinders, count(*) AS cars GROUP BY 1, 2 */
export function countByOriginAndCylinders(): ResultTable {
  const rows = [...groupBy((car) => `${car.Origin}|${car.Cylinders}`)].map(([key, group]) => {
    const [origin, cylinders] = key.split("|");
    return [origin, `${cylinders} cylinders`, group.length];
  });
  return { columns: ["Origin", "cylinder_class", "cars"], types: ["VARCHAR", "VARCHAR", "BIGINT"], rows };
}
