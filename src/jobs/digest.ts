// A channel's digest: per dataset what changed since the last one, insight highlights, saved questions re-run, one chart.

import type { SlackMessage } from "../blockkit/index.js";
import { buildChartSpec, renderChartPng } from "../charts/index.js";
import type { ChannelRef, DataEngine } from "../data/index.js";
import { type PipelineDeps, runQuestion } from "../pipeline/index.js";
import type { Store } from "../store/index.js";
import type { Logger } from "../util/index.js";
import { errorMessage } from "../util/index.js";
import { digestBlocks, type SlackBlock } from "./digest-blocks.js";
import { type DatasetPeriods, periodChanges } from "./digest-measures.js";
import type { DatasetDigest, DigestData } from "./digest-types.js";

/** What a digest needs: the Runtime satisfies it. */
export interface DigestDeps {
  store: Store;
  engine: DataEngine;
  logger: Logger;
  pipelineDeps(overrides?: Partial<PipelineDeps>): PipelineDeps;
}

export interface Digest {
  text: string;
  blocks: SlackBlock[];
  /** The same, as the message the Slack app posts. */
  message: SlackMessage;
  chartPng: Buffer | null;
  data: DigestData;
}

export interface BuildDigestOptions {
  /** Changes are counted from here. @defaultValue the digest schedule's last run, or none */
  since?: Date | null;
  /** Re-run the channel's saved questions. @defaultValue true */
  questions?: boolean;
}

/** Builds (does not post) the digest of `ref`; the caller posts it and records the run. */
export async function buildDigest(
  deps: DigestDeps,
  ref: ChannelRef,
  options: BuildDigestOptions = {},
): Promise<Digest> {
  const session = await deps.store.sessions.find(ref.teamId, ref.channelId);
  const schedules = session ? await deps.store.schedules.list(session.id) : [];
  const since =
    options.since !== undefined ? options.since : (schedules.find((s) => s.kind === "digest")?.lastRunAt ?? null);
  const entries = (await deps.engine.datasets(ref)).filter((entry) => entry.status === "active");

  const datasets: DatasetDigest[] = [];
  for (const entry of entries) {
    const versions = session ? await deps.store.datasets.versions(session.id, entry.tableName) : [];
    const then = since ? versions.find((v) => new Date(v.createdAt).getTime() <= since.getTime()) : undefined;
    let periods: DatasetPeriods | null = null;
    try {
      periods = await periodChanges(deps.engine, ref, entry.dna);
    } catch (error) {
      deps.logger.warn({ table: entry.tableName, err: errorMessage(error) }, "digest: period figures failed");
    }
    datasets.push({
      table: entry.tableName,
      rowCount: entry.rowCount,
      rowsThen: then ? Number(then.rowCount) : null,
      periods,
    });
  }

  const insights = session ? await deps.store.insights.recent(session.id, 5) : [];
  const fresh = insights.filter((insight) => !since || new Date(insight.createdAt).getTime() > since.getTime());
  const changed = datasets.some((d) => d.rowsThen === null || d.rowsThen !== d.rowCount);
  const quiet = since !== null && !changed && fresh.length === 0;

  const questions: DigestData["questions"] = [];
  if (!quiet && options.questions !== false) {
    for (const saved of schedules.filter((s) => s.kind === "question" && s.question)) {
      const { answer } = await runQuestion(deps.pipelineDeps({ renderCharts: false }), {
        ref,
        question: saved.question!,
        threadId: `digest:${saved.id}`,
      });
      questions.push({ question: saved.question!, answer: answer.final?.text ?? answer.error ?? "No answer." });
    }
  }

  const data: DigestData = { since, datasets, highlights: fresh.slice(0, 3).map((i) => i.finding), questions, quiet };
  const chartPng = quiet ? null : await digestChart(datasets);
  const message = digestBlocks(data);
  return { text: message.text, blocks: message.blocks, message, chartPng, data };
}

/** One chart: the first dataset with periods, its headline series over time. */
async function digestChart(datasets: DatasetDigest[]): Promise<Buffer | null> {
  const withSeries = datasets.find((d) => d.periods && d.periods.series.length >= 2);
  if (!withSeries?.periods) return null;
  const { series, seriesLabel, grain } = withSeries.periods;
  const spec = buildChartSpec(
    { columns: [grain, seriesLabel], types: ["DATE", "DOUBLE"], rows: series.map((p) => [p.period, p.value]) },
    { type: "line", title: `${withSeries.table}: ${seriesLabel} by ${grain}` },
  );
  return spec ? renderChartPng(spec) : null;
}
