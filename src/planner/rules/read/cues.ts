// Cue words that ask for one kind of analysis, found by word patterns and phrases among the question's free words.

export interface CueWords {
  /** Single words, matched whole. */
  words?: RegExp;
  /** Runs of words, in order. */
  phrases?: string[][];
}

/** Indexes of the words that match, or an empty list. Empty strings stand for words already read as something. */
export function cueIndexes(tokens: readonly string[], cue: CueWords): number[] {
  const found = new Set<number>();
  tokens.forEach((token, i) => {
    if (token !== "" && cue.words?.test(token)) found.add(i);
  });
  for (const phrase of cue.phrases ?? []) {
    for (let i = 0; i + phrase.length <= tokens.length; i++) {
      if (phrase.every((word, k) => tokens[i + k] === word)) for (let k = 0; k < phrase.length; k++) found.add(i + k);
    }
  }
  return [...found].sort((a, b) => a - b);
}

export const said = (tokens: readonly string[], cue: CueWords): boolean => cueIndexes(tokens, cue).length > 0;
