// Turns a question into an Intent over one table, using only the table's Data DNA and general English cues.
import type { ColumnProfile, DataDna } from "../../data/index.js";
import { aggCue, directionCue, horizonCue, kindCue, questionTokens, topN } from "./cues.js";
import { defaultEntity, readEntity } from "./entity.js";
import { type FilterScan, numericFilters, valueFilters, yearFilters } from "./filters.js";
import { groupCandidates, mentionAfter, readGroup } from "./groups.js";
import { findMentions, type Mention } from "./mentions.js";
import { chooseKind, type ParseState } from "./parse-kind.js";
import type { Grain, GroupKey, Intent } from "./types.js";
import { unknownNames } from "./unknown-values.js";
import { ASC_WORDS, BAD_WORDS, DESC_WORDS, GOOD_WORDS, STOP_WORDS } from "./vocabulary.js";

const RANKING_WORDS = new Set(
  [...DESC_WORDS, ...ASC_WORDS, ...GOOD_WORDS, ...BAD_WORDS].filter((w) => w.endsWith("est")),
);

export interface Parsed {
  intent: Intent | null;
  /** How much of the question this table explains; used to pick a table. */
  score: number;
  /** Why parsing failed, when it did. */
  reason: string;
  /** Names the question gives that match nothing in this table ("China" in a table without countries). */
  unknown: string[];
}

const columnOf = (dna: DataDna, name: string | null | undefined): ColumnProfile | undefined =>
  dna.columns.find((c) => c.name === name);

export function parseQuestion(question: string, dna: DataDna): Parsed {
  const tokens = questionTokens(question);
  const mentions = findMentions(tokens, dna, question);
  const scan: FilterScan = { filters: [], context: new Set(), usedTokens: new Set(), usedMentions: new Set() };
  const horizon = horizonCue(tokens);
  const top = topN(tokens.map((t, i) => (horizon?.indexes.includes(i) ? "" : t)));
  for (const i of [...(horizon?.indexes ?? []), ...(top ? [top.index] : [])]) scan.usedTokens.add(i);
  for (const m of mentions) if (horizon?.indexes.includes(m.start)) scan.usedMentions.add(m);

  numericFilters(tokens, mentions, dna, scan);
  yearFilters(tokens, mentions, dna, scan);
  const entity = readEntity(tokens, mentions, dna, scan.usedTokens);
  const isMeasure = (m: Mention) => m.kind === "column" && columnOf(dna, m.column)?.role === "measure";

  const countCue = kindCue(tokens);
  let group: GroupKey | null = null;
  let groupMention: Mention | null = null;
  let rankBy: string | null = null;
  const open = mentions.filter((m) => !scan.usedMentions.has(m));
  for (const m of groupCandidates(tokens, open, scan.usedTokens, top?.index ?? null)) {
    if (entity.indexes.includes(m.start) || scan.usedMentions.has(m)) continue;
    const counting = (countCue === "count" || countCue === "share") && entity.measure === null;
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
  valueFilters(tokens, mentions, scan);

  const measureMentions = mentions.filter((m) => isMeasure(m) && !scan.usedMentions.has(m));
  const measures = [...new Set([...(rankBy ? [rankBy] : []), ...measureMentions.map((m) => m.column!)])];
  const covered = (i: number) => mentions.some((m) => m.start <= i && i < m.end) || scan.usedTokens.has(i);
  const free = tokens.map((t, i) => (covered(i) ? "" : t));
  const grainMention = mentions.find(
    (m) => m.kind === "grain" && !scan.usedMentions.has(m) && !entity.indexes.includes(m.start),
  );

  const state: ParseState = {
    dna,
    tokens,
    free,
    kindWord: kindCue(free),
    dims: mentions
      .filter((m) => m.kind === "column" && !isMeasure(m) && !scan.usedMentions.has(m))
      .map((m) => m.column!),
    measures: entity.measure ? [entity.measure.column!, ...measures] : measures,
    countedMeasure: entity.measure !== null,
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
        (RANKING_WORDS.has(t) && free[i + 1] !== undefined && free[i + 1] !== "" && !STOP_WORDS.has(free[i + 1]!)) ||
        (RANKING_WORDS.has(t) && mentions.some((m) => m.kind === "grain" && m.start === i + 1)),
    ),
    agg: aggCue(free),
    direction: null,
    entity: entity.word ?? defaultEntity(dna),
    horizon: horizon?.n ?? null,
    grain: (horizon?.grain ?? grainMention?.grain ?? null) as Grain | null,
  };
  state.direction = directionCue(free, state.measures[0] ?? null);
  const intent = chooseKind(state);
  const score =
    mentions.reduce((sum, m) => sum + m.score * (m.kind === "grain" ? 0.2 : 1), 0) +
    (tableNamed(tokens, dna) ? 1 : 0) +
    (intent ? 0.5 : 0);
  const unknown = unknownNames(question, tokens, mentions, dna);
  return intent
    ? { intent, score, reason: "", unknown }
    : { intent: null, score, reason: "no measure, group, value or count could be read from the question", unknown };
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
