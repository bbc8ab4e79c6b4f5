// Superlative adjectives that name a quality and a direction: "the hottest day" ranks by temperature, highest
// first; "the cheapest" by price, lowest first. General English: which nouns an adjective measures.
import type { Direction } from "../intent.js";

interface Quality {
  /** Nouns the adjective measures, matched against column words. */
  nouns: string[];
  direction: Direction;
}

const QUALITIES: Record<string, Quality> = {
  hot: { nouns: ["temperature", "temp", "heat"], direction: "desc" },
  warm: { nouns: ["temperature", "temp", "heat"], direction: "desc" },
  cold: { nouns: ["temperature", "temp"], direction: "asc" },
  cool: { nouns: ["temperature", "temp"], direction: "asc" },
  heavy: { nouns: ["weight", "mass"], direction: "desc" },
  light: { nouns: ["weight", "mass"], direction: "asc" },
  expensive: { nouns: ["price", "cost"], direction: "desc" },
  pricey: { nouns: ["price", "cost"], direction: "desc" },
  costly: { nouns: ["price", "cost"], direction: "desc" },
  cheap: { nouns: ["price", "cost"], direction: "asc" },
  long: { nouns: ["length", "duration", "time"], direction: "desc" },
  short: { nouns: ["length", "duration", "time"], direction: "asc" },
  old: { nouns: ["age"], direction: "desc" },
  young: { nouns: ["age"], direction: "asc" },
  fast: { nouns: ["speed", "velocity"], direction: "desc" },
  quick: { nouns: ["speed", "velocity"], direction: "desc" },
  slow: { nouns: ["speed", "velocity"], direction: "asc" },
  tall: { nouns: ["height"], direction: "desc" },
  wet: { nouns: ["precipitation", "rainfall", "rain", "humidity"], direction: "desc" },
  rainy: { nouns: ["precipitation", "rainfall", "rain"], direction: "desc" },
  dry: { nouns: ["precipitation", "rainfall", "rain", "humidity"], direction: "asc" },
  windy: { nouns: ["wind"], direction: "desc" },
  calm: { nouns: ["wind"], direction: "asc" },
  rich: { nouns: ["income", "wealth", "gdp"], direction: "desc" },
  poor: { nouns: ["income", "wealth", "gdp"], direction: "asc" },
  deadly: { nouns: ["deaths", "fatalities"], direction: "desc" },
  populous: { nouns: ["population", "pop", "people"], direction: "desc" },
  loud: { nouns: ["noise", "volume"], direction: "desc" },
  quiet: { nouns: ["noise", "volume"], direction: "asc" },
  strong: { nouns: ["strength", "power"], direction: "desc" },
  weak: { nouns: ["strength", "power"], direction: "asc" },
};

/** The adjective a superlative is formed from: hottest → hot, heaviest → heavy, largest → large, finest → fine. */
export function superlativeBase(word: string): string[] {
  if (!/^[a-z]{4,}est$/.test(word)) return [];
  const stem = word.slice(0, -3);
  const bases = [stem, `${stem}e`];
  if (stem.endsWith("i")) bases.push(`${stem.slice(0, -1)}y`);
  if (stem.length >= 3 && stem.at(-1) === stem.at(-2)) bases.push(stem.slice(0, -1));
  return bases;
}

/** What a superlative measures and in which direction; null for words that are not known superlatives. */
export function superlative(word: string): (Quality & { base: string }) | null {
  for (const base of superlativeBase(word)) {
    const quality = QUALITIES[base];
    if (quality) return { ...quality, base };
  }
  return null;
}

/** Words in column names that mark the high end or the low end of a pair (temp_max / temp_min). */
export const HIGH_END = /^(max|maximum|high|highest|peak|top|upper)$/;
export const LOW_END = /^(min|minimum|low|lowest|bottom|lower)$/;
