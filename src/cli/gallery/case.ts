// One gallery entry: a question of one answer kind over vega-datasets files, and how its chart request is built.
import type { ChartRequest } from "../../charts/index.js";
import type { GalleryData } from "./gallery-data.js";

export interface GalleryCase {
  /** File name stem of its PNG. */
  name: string;
  /** The question it stands for, as a person would ask it. */
  question: string;
  build(data: GalleryData): Promise<ChartRequest>;
}

/** What the gallery reports for one case. */
export interface GalleryEntry {
  name: string;
  question: string;
  /** The kind the case asked for and the one drawn ("table" when its evidence was unusable). */
  kind: string;
  drawn: string;
  /** PNG file name in the output folder; null when there is no image. */
  file: string | null;
  note: string | null;
  /** Set when the case could not be computed (e.g. no Python sandbox). */
  error: string | null;
  renderMs: number;
}

/** Units of the vega-datasets columns the cases draw, as their documentation gives them (a channel's glossary). */
export const UNITS: Record<string, string> = {
  temp_max: "°C",
  temp_min: "°C",
  precipitation: "mm",
  Weight_in_lbs: "lbs",
  Horsepower: "hp",
  Miles_per_Gallon: "mpg",
  avg_mpg: "mpg",
  delay: "min",
  distance: "mi",
  price: "$",
  avg_price: "$",
  rate: "%",
  days: "days",
};
