// Word-level text helpers for matching questions to columns and values: tokens, stems, name splitting.

/** Words, numbers and joined forms like "pg-13", "thriller/suspense", "3.5". */
const TOKEN = /[a-z0-9$%]+(?:[-'./&][a-z0-9]+)*/g;

export function tokenize(text: string): string[] {
  return (text.toLowerCase().replace(/[’‘]/g, "'").match(TOKEN) ?? []).map((t) => t.replace(/'s$/, ""));
}

/** Light plural/verb stemming: "deaths" → "death", "cities" → "city", "rated" → "rate", "boxes" → "box". */
export function stem(word: string): string {
  let w = word.toLowerCase();
  if (w.length <= 3) return w;
  if (w.endsWith("ies") && w.length > 4) return `${w.slice(0, -3)}y`;
  if (/(ss|us|is)$/.test(w)) return w;
  if (/(ches|shes|xes|sses|zes)$/.test(w)) return w.slice(0, -2);
  if (w.endsWith("s")) return w.slice(0, -1);
  if (w.endsWith("ing") && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith("ed") && w.length > 4) w = w.slice(0, -2);
  else return w;
  return w.length > 3 && w.at(-1) === w.at(-2) ? w.slice(0, -1) : w;
}

/**
 * Adjective and inflected forms of a value word: sun → sunny, rain → rainy, snow → snowing, and the regular
 * demonyms of place names: Japan → Japanese, Europe → European, China → Chinese, Italy → Italian.
 */
export function valueForms(value: string): string[] {
  const v = value.toLowerCase();
  const last = v.at(-1) ?? "";
  const forms = [v, `${v}s`, `${v}es`, `${v}y`, `${v}${last}y`, `${v}ing`, `${v}ed`, `${v}d`, `${v}${last}ing`];
  if (v.endsWith("e")) forms.push(`${v.slice(0, -1)}y`, `${v.slice(0, -1)}ing`);
  if (v.endsWith("y")) forms.push(`${v.slice(0, -1)}ies`);
  if (v.length >= 4) {
    const base = /[aeiouy]$/.test(v) ? v.slice(0, -1) : v;
    forms.push(`${v}n`, `${v}an`, `${v}ese`, `${v}ian`, `${base}an`, `${base}ese`, `${base}ian`, `${base}ish`);
  }
  return forms;
}

/** Letters that start each word of a name, fillers included: Miles_per_Gallon → "mpg". */
export function initialism(name: string): string {
  return nameWords(name)
    .map((word) => word[0] ?? "")
    .join("");
}

/**
 * Whether a short word abbreviates a longer one: its letters appear in order, the first one first, and it has at
 * most one vowel ("hp" horsepower, "qty" quantity, "amt" amount, "wt" weight).
 */
export function abbreviates(short: string, word: string): boolean {
  if (short.length < 2 || short.length > 4 || short.length >= word.length || short[0] !== word[0]) return false;
  if ((short.match(/[aeiou]/g) ?? []).length > 1 || !/^[a-z]+$/.test(short)) return false;
  let at = 1;
  for (const ch of short.slice(1)) {
    at = word.indexOf(ch, at) + 1;
    if (at === 0) return false;
  }
  return true;
}

/** Words that carry no meaning of their own inside a column name. */
const NAME_FILLER = new Set(["of", "per", "in", "the", "a", "an", "and", "to", "for", "by", "at", "on", "with"]);

/** Unit words that may trail a column name ("Weight_in_lbs", "Running Time min") and need not be said. */
export const UNIT_WORDS = new Set([
  "lbs",
  "lb",
  "kg",
  "g",
  "mm",
  "cm",
  "km",
  "m",
  "min",
  "mins",
  "sec",
  "secs",
  "usd",
  "eur",
  "pct",
  "ms",
  "hrs",
  "hr",
]);

/** Splits a column name into lower-case words: camelCase, snake_case, spaces; "(g)"-style units dropped. */
export function nameWords(name: string): string[] {
  const withoutUnits = name.replace(/\([^)]*\)|\[[^\]]*\]/g, " ");
  const spaced = withoutUnits.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2");
  return tokenize(spaced.replace(/[_./-]+/g, " "));
}

/** The words of a column name a person would say: filler and unit words removed (units kept if nothing else). */
export function contentWords(name: string): { required: string[]; optional: string[] } {
  const words = nameWords(name).filter((w) => !NAME_FILLER.has(w));
  const required = words.filter((w) => !UNIT_WORDS.has(w));
  const optional = words.filter((w) => UNIT_WORDS.has(w));
  return required.length > 0 ? { required, optional } : { required: optional, optional: [] };
}

/** Readable words for a column: "Miles_per_Gallon" → "miles per gallon", "Body Mass (g)" → "body mass". */
export function humanize(name: string): string {
  const spaced = name
    .replace(/\([^)]*\)|\[[^\]]*\]/g, " ")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/[_]+/g, " ");
  const words = spaced.split(/\s+/).filter((w) => w.length > 0);
  // Acronyms (IMDB, CO2, US) keep their capitals; ordinary words are lower-cased.
  const shown = words.map((w) => (/^[A-Z0-9$]{2,}$/.test(w) && /[A-Z]/.test(w) ? w : w.toLowerCase()));
  return shown.length > 0 ? shown.join(" ") : name;
}

/** A SQL alias: lower snake case, at most 48 characters, never starting with a digit. */
export function aliasOf(...parts: string[]): string {
  const text = parts
    .map((p) => nameWords(p).join("_"))
    .filter((p) => p.length > 0)
    .join("_")
    .replace(/[^a-z0-9_]/g, "_")
    .replace(/_+/g, "_")
    .replace(/^_|_$/g, "")
    .slice(0, 48);
  if (text.length === 0) return "value";
  return /^[0-9]/.test(text) ? `v_${text}` : text;
}

export function plural(word: string): string {
  if (/s$/.test(word)) return word;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}
