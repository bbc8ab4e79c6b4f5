// Every gallery case, in the order the gallery shows them, and the vega-datasets files they read.
import type { GalleryCase } from "./case.js";
import { GROUP_CASES } from "./cases-groups.js";
import { RELATION_CASES } from "./cases-relations.js";
import { TIME_CASES } from "./cases-time.js";

export const GALLERY_FILES = [
  "cars.json",
  "seattle-weather.csv",
  "stocks.csv",
  "flights-20k.json",
  "unemployment-across-industries.json",
];

export const GALLERY_CASES: GalleryCase[] = [...RELATION_CASES, ...TIME_CASES, ...GROUP_CASES];
