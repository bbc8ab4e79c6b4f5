// The figures a digest is made of, shared by the builder and the Block Kit rendering.
import type { DatasetPeriods } from "./digest-measures.js";

export interface DatasetDigest {
  table: string;
  rowCount: number;
  /** Rows at the last digest (the version then active); null on the first digest. */
  rowsThen: number | null;
  periods: DatasetPeriods | null;
}

export interface DigestData {
  since: Date | null;
  datasets: DatasetDigest[];
  highlights: string[];
  questions: Array<{ question: string; answer: string }>;
  quiet: boolean;
}
