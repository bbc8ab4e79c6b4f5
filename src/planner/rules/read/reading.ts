// Reads a question over one table into what it said (measures, groups, filters, numbers, cues) using only the
// table's Data DNA and general English; every word read is claimed in the ledger.
import type { ColumnProfile, DataDna } from "../../../data/index.js";
import type { Agg, Direction, Filter, Grain, GroupKey } from "../intent.js";
import { superlative } from "./adjectives.js";
import { defaultEntity, namesRows, readEntity, tableWords } from "./entity.js";
import { type FilterScan, monthFilters, numericFilters, useToken, valueFilters, yearFilters } from "./filters.js";
import { groupCandidates, mentionAfter, readGroup } from "./groups.js";
import { Ledger } from "./ledger.js";
import { findMentions, type Mention } from "./mentions.js";
import { stem } from "./text.js";
import { aggCue, directionCue, horizonCue, questionTokens, topN } from "./tokens.js";
import {
  AGG_WORDS,
  ASC_WORDS,
  BAD_WORDS,
  CATEGORY_NOUNS,
  DESC_WORDS,
  FUNCTION_WORDS,
  GOOD_WORDS,
  STOP_WORDS,
} from "./vocabulary.js";

/** What one question said about one table; kinds read their intent from it. */
export interface Reading {
  question: string;
  dna: DataDna;
  tokens: string[];
  /** Question words not read by a mention, filter or number ("" where read): where kind cues are looked for. */
  free: string[];
  ledger: Ledger;
  mentions: Mention[];
  /** Measure columns said, in order (the one ranked by first). */
  measures: string[];
  /** Other columns said (dimensions, statuses) not used as a group or filter. */
  dims: string[];
  /** "how many people": the first measure is counted by adding it up. */
  countedMeasure: boolean;
  /** "how many countries": a column whose distinct values are counted. */
  countedColumn: string | null;
  /** Measures said together with the first ("horsepower and weight"), aggregated side by side. */
  joinedMeasures: string[];
  group: GroupKey | null;
  /** A second grouping ("by symbol and year"). */
  splitBy: GroupKey | null;
  rankBy: string | null;
  filters: Filter[];
  /** Filters that set the scene ("in Seattle") rather than name what is counted. */
  context: Set<Filter>;
  top: number | null;
  /** The question asks "which …" (or "what <thing> …", "the hottest day"): a label answer. */
  which: boolean;
  agg: Agg | null;
  direction: { direction: Direction; word: string } | null;
  entity: string;
  horizon: number | null;
  grain: Grain | null;
  /** How much of the question this table explains; used to pick a table. */
  score: number;
  /** Values the question names that several columns hold, without saying which ("SEA": origin or destination). */
  ambiguous: Array<{ text: string; value: string; columns: string[] }>;
}

const RANKING_WORDS = new Set(
  [...DESC_WORDS, ...ASC_WORDS, ...GOOD_WORDS, ...BAD_WORDS].filter((w) => w.endsWith("est")),
);

const columnOf = (dna: DataDna, name: string | null | undefined): ColumnProfile | undefined =>
  dna.columns.find((c) => c.name === name);

/** Whether the question counts rows or shares of them ("how many", "number of", "percentage") before reading it. */
function countingCue(tokens: string[]): boolean {
  const at = (i: number, ...words: string[]) => words.every((w, k) => tokens[i + k] === w);
  return tokens.some(
    (t, i) =>
      at(i, "how", "many") ||
      at(i, "number", "of") ||
      /^(count|counts|percentage|percent|share|proportion|fraction|ratio|pct)$/.test(t),
  );
}

export function readQuestion(question: string, dna: DataDna, tokens = questionTokens(question)): Reading {
  const ledger = new Ledger(tokens);
  const found = findMentions(tokens, dna, question);
  const mentions = found.filter((m) => !m.ambiguous);
  for (const m of mentions) claimMention(ledger, m);
  const scan: FilterScan = { filters: [], context: new Set(), usedTokens: new Set(), usedMentions: new Set(), ledger };
  const horizon = horizonCue(tokens);
  const top = topN(tokens.map((t, i) => (horizon?.indexes.includes(i) ? "" : t)));
  if (horizon) for (const i of [...horizon.indexes, ...horizon.cue]) useToken(scan, i, { as: "horizon", n: horizon.n });
  if (top)
    for (const i of [top.index, ...(top.cue === null ? [] : [top.cue])]) useToken(scan, i, { as: "top", n: top.n });
  for (const m of mentions) if (horizon?.indexes.includes(m.start)) scan.usedMentions.add(m);

  numericFilters(tokens, mentions, dna, scan);
  yearFilters(tokens, mentions, dna, scan);
  monthFilters(tokens, mentions, dna, scan);
  const entity = readEntity(tokens, mentions, dna, scan.usedTokens);
  for (const i of entity.cue) ledger.claim(i, { as: "count" });
  for (const i of entity.indexes) ledger.claim(i, { as: "entity" });
  const isMeasure = (m: Mention) => m.kind === "column" && columnOf(dna, m.column)?.role === "measure";

  const counting = countingCue(tokens) && entity.measure === null;
  let group: GroupKey | null = null;
  let groupMention: Mention | null = null;
  let rankBy: string | null = null;
  const open = mentions.filter((m) => !scan.usedMentions.has(m));
  for (const m of groupCandidates(tokens, open, scan.usedTokens, top?.index ?? null)) {
    if (entity.indexes.includes(m.start) || scan.usedMentions.has(m)) continue;
    const read = readGroup(dna, m, counting || open.some((x) => x !== m && isMeasure(x)));
    if (!read) continue;
    if (read.kind === "rank-by") {
      if (rankBy) continue;
      rankBy = read.measure;
    } else if (group) continue;
    else [group, groupMention] = [read.key, m];
    scan.usedMentions.add(m);
  }
  const splitBy = groupMention ? secondGroup(dna, tokens, open, groupMention, scan) : null;
  if (groupMention?.kind === "column") claimMemberNoun(tokens, mentions, groupMention, scan);
  valueFilters(tokens, mentions, scan);
  claimTableWords(tokens, mentions, dna, scan);

  const measureMentions = mentions.filter((m) => isMeasure(m) && !scan.usedMentions.has(m));
  const measures = [...new Set([...(rankBy ? [rankBy] : []), ...measureMentions.map((m) => m.column!)])];
  const covered = (i: number) => mentions.some((m) => m.start <= i && i < m.end) || scan.usedTokens.has(i);
  const free = tokens.map((t, i) => (covered(i) ? "" : t));
  const grainMention = mentions.find(
    (m) => m.kind === "grain" && !scan.usedMentions.has(m) && !entity.indexes.includes(m.start),
  );
  const firstMeasure = entity.measure?.column ?? measures[0] ?? null;
  const direction = readDirection(free, firstMeasure, mentions, ledger);
  const agg = aggCue(free);
  free.forEach((t, i) => {
    if (t !== "" && AGG_WORDS[t]) ledger.claim(i, { as: "agg", agg: AGG_WORDS[t]! });
  });
  const superlatives = new Set(mentions.filter((m) => m.direction).map((m) => m.start));
  const score =
    mentions.reduce((sum, m) => sum + m.score * (m.kind === "grain" ? 0.2 : 1), 0) + (tableNamed(tokens, dna) ? 1 : 0);
  return {
    question,
    dna,
    tokens,
    free,
    ledger,
    mentions,
    dims: mentions
      .filter((m) => m.kind === "column" && !isMeasure(m) && !scan.usedMentions.has(m))
      .map((m) => m.column!),
    measures: entity.measure ? [entity.measure.column!, ...measures] : measures,
    countedMeasure: entity.measure !== null,
    countedColumn: entity.column?.column ?? null,
    joinedMeasures: joined(tokens, measureMentions),
    group,
    splitBy,
    rankBy,
    filters: scan.filters,
    context: scan.context,
    top: top?.n ?? null,
    which: tokens.some(
      (t, i) =>
        t === "which" ||
        ((t === "what" || t === "who") && !STOP_WORDS.has(tokens[i + 1] ?? "is")) ||
        // "the hottest day", "the heaviest car": a superlative naming a thing asks for that thing.
        ((RANKING_WORDS.has(t) || superlatives.has(i)) &&
          free[i + 1] !== undefined &&
          free[i + 1] !== "" &&
          !STOP_WORDS.has(free[i + 1]!)) ||
        ((RANKING_WORDS.has(t) || superlatives.has(i)) &&
          (mentions.some((m) => m.kind === "grain" && m.start === i + 1) ||
            ledger.placements(i + 1).some((p) => p.as === "entity"))),
    ),
    agg,
    direction,
    entity: entity.word ?? defaultEntity(dna),
    horizon: horizon?.n ?? null,
    grain: (horizon?.grain ?? grainMention?.grain ?? null) as Grain | null,
    score,
    ambiguous: found.flatMap((m) =>
      m.ambiguous ? [{ text: m.text, value: m.value ?? m.text, columns: m.ambiguous }] : [],
    ),
  };
}

function claimMention(ledger: Ledger, m: Mention): void {
  if (m.kind === "grain") ledger.claimSpan(m.start, m.end, { as: "grain", grain: m.grain! });
  else if (m.kind === "value") ledger.claimSpan(m.start, m.end, { as: "value", column: m.column!, value: m.value! });
  else ledger.claimSpan(m.start, m.end, { as: "column", column: m.column! });
  if (m.direction) ledger.claimSpan(m.start, m.end, { as: "direction", direction: m.direction });
}

/**
 * The direction said in words ("highest", "worst", or a superlative whose measure is named elsewhere: "the
 * longest delay"), else the one a superlative column mention carries ("the hottest day"). Every direction word
 * is claimed.
 */
function readDirection(
  free: string[],
  measure: string | null,
  mentions: Mention[],
  ledger: Ledger,
): Reading["direction"] {
  free.forEach((t, i) => {
    if (t === "") return;
    const word = directionCue([t], measure);
    const adjective = word ? null : superlative(t);
    if (word) ledger.claim(i, { as: "direction", direction: word.direction });
    else if (adjective) ledger.claim(i, { as: "direction", direction: adjective.direction });
  });
  const said = directionCue(free, measure);
  if (said) return said;
  const adjective = free.map((t) => (t === "" ? null : superlative(t))).find((q) => q !== null);
  if (adjective) return { direction: adjective.direction, word: `${adjective.base}est` };
  const named = mentions.find((m) => m.direction);
  return named ? { direction: named.direction!, word: named.text } : null;
}

/**
 * "which 5 origin airports", "the weather type with …": one noun right after the grouped column, before a verb or
 * the end, names what the column's values are; it is read with the column. Category nouns ("type", "kind") are
 * read so wherever they follow the column.
 */
function claimMemberNoun(tokens: string[], mentions: Mention[], group: Mention, scan: FilterScan): void {
  const i = group.end;
  const noun = tokens[i];
  if (noun === undefined || scan.usedTokens.has(i) || mentions.some((m) => m.start <= i && i < m.end)) return;
  if (!/^[a-z]{3,}$/.test(noun) || STOP_WORDS.has(noun)) return;
  const next = tokens[i + 1];
  const beforeVerb = next === undefined || FUNCTION_WORDS.has(next);
  if (!CATEGORY_NOUNS.has(noun) && !beforeVerb) return;
  useToken(scan, i, { as: "column", column: group.column! });
}

/**
 * Words naming the table itself ("cars", "the flights") are read as its rows, and so is a grain word when one row
 * stands for one period ("the hottest day" in a table of days).
 */
function claimTableWords(tokens: string[], mentions: Mention[], dna: DataDna, scan: FilterScan): void {
  const words = tableWords(dna);
  const free = (i: number) => {
    const mention = mentions.find((m) => m.start <= i && i < m.end);
    // "the warmest year" in a table of years: the time column's own name names the rows too.
    const timeWord =
      mention?.kind === "column" && mention.column === dna.timeColumn && mention.end - mention.start === 1;
    return i < tokens.length && !scan.usedTokens.has(i) && (!mention || mention.kind === "grain" || timeWord);
  };
  tokens.forEach((t, i) => {
    if (!free(i)) return;
    if (words.has(stem(t)) || namesRows(t, dna)) scan.ledger.claim(i, { as: "entity" });
    // "bird strikes" for a table named birdstrikes: a compound said as two words.
    else if (free(i + 1) && words.has(stem(`${t}${tokens[i + 1]}`))) {
      scan.ledger.claim(i, { as: "entity" });
      scan.ledger.claim(i + 1, { as: "entity" });
    }
  });
}

/** Measures after the first joined to the one before by "and" or a comma-free list ("horsepower and weight"). */
function joined(tokens: string[], measures: Mention[]): string[] {
  const out: string[] = [];
  for (let k = 1; k < measures.length; k++) {
    const between = tokens.slice(measures[k - 1]!.end, measures[k]!.start);
    if (between.length !== 1 || between[0] !== "and") break;
    out.push(measures[k]!.column!);
  }
  return [...new Set(out)].filter((m) => m !== measures[0]?.column);
}

/** "by symbol and year": a second grouping joined to the first by "and". */
function secondGroup(
  dna: DataDna,
  tokens: string[],
  open: Mention[],
  first: Mention,
  scan: FilterScan,
): GroupKey | null {
  if (tokens[first.end] !== "and") return null;
  const m = mentionAfter(tokens, open, first.end, scan.usedTokens);
  if (!m || scan.usedMentions.has(m)) return null;
  const read = readGroup(dna, m, true);
  if (read?.kind !== "group" || read.key.column === (first.column ?? "")) return null;
  scan.usedMentions.add(m);
  return read.key;
}

function tableNamed(tokens: string[], dna: DataDna): boolean {
  const words = dna.table.toLowerCase().split(/[^a-z0-9]+/);
  return tokens.some((t) => t.length > 2 && words.some((w) => w === t || `${w}s` === t || w === `${t}s`));
}
