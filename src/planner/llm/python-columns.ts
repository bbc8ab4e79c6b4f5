// Which of a table's columns a piece of pandas code reads, so PY_ONLY loads every column its code uses (and no
// more: a 3M-row table with 40 columns is heavy).

/** Column names the code mentions as string literals (df["x"], df[["a", "b"]], usecols) or attributes (df.x). */
export function columnsUsedBy(code: string, columns: readonly string[]): string[] {
  const known = new Set(columns);
  const used = new Set<string>();
  for (const match of code.matchAll(/(["'])((?:\\.|(?!\1)[^\\\n])*)\1/g)) {
    const text = unescapePython(match[2]);
    if (known.has(text)) used.add(text);
  }
  for (const match of code.matchAll(/\bdf\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)/g)) {
    if (known.has(match[1])) used.add(match[1]);
  }
  return columns.filter((name) => used.has(name));
}

function unescapePython(text: string): string {
  return text.replace(/\\(["'\\])/g, "$1");
}
