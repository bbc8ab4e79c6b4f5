// `/insightx digest …` and `/insightx schedule "question" …`: per-channel schedules in the store and on the queue.
import { type Schedule, type Store, sessionKindFor } from "../store/index.js";
import { UserInputError } from "../util/index.js";
import { cadenceSpec, parseCadence } from "./cadence.js";
import type { DigestJob, JobQueue } from "./types.js";

/** Who typed the command, and where. */
export interface CommandContext {
  teamId: string;
  channelId: string;
  userId: string;
}

export interface ScheduleCommandDeps {
  store: Store;
  queue: JobQueue;
}

const words = (text: string) => [...text.matchAll(/"([^"]*)"|“([^”]*)”|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);

function digestJob(ctx: CommandContext, schedule: Schedule): DigestJob {
  return { kind: "digest", teamId: ctx.teamId, channelId: ctx.channelId, scheduleId: schedule.id };
}

const describe = (s: Schedule) =>
  `${s.kind === "digest" ? "Digest" : `"${s.question}"`}: ${s.cadence} (${s.timezone})${s.lastRunAt ? `, last run ${s.lastRunAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : ""}`;

async function session(deps: ScheduleCommandDeps, ctx: CommandContext) {
  return deps.store.sessions.ensure(ctx.teamId, ctx.channelId, sessionKindFor(ctx.teamId, ctx.channelId));
}

/** `daily 09:00 [tz]` | `weekly mon 09:00 [tz]` | `off` | (nothing: show the channel's schedules). */
export async function digestCommand(deps: ScheduleCommandDeps, args: string, ctx: CommandContext): Promise<string> {
  const parts = words(args);
  const { id: sessionId } = await session(deps, ctx);
  if (parts.length === 0) {
    const list = await deps.store.schedules.list(sessionId);
    return list.length ? list.map(describe).join("\n") : "No digest or saved question is scheduled in this channel.";
  }
  if (parts[0] === "off") {
    const removed = await deps.store.schedules.remove(sessionId, "digest");
    if (!removed) return "This channel has no digest scheduled.";
    await deps.queue.removeSchedule(removed.id);
    return "Digest turned off for this channel.";
  }
  const cadence = parseCadence(parts);
  const schedule = await deps.store.schedules.upsert({
    sessionId,
    kind: "digest",
    cadence: cadence.text,
    timezone: cadence.tz,
    createdBy: ctx.userId,
  });
  await deps.queue.upsertSchedule(schedule.id, cadenceSpec(cadence), digestJob(ctx, schedule));
  return `Digest scheduled: ${cadence.text} (${cadence.tz}). Use \`/insightx digest off\` to stop it.`;
}

/** `"question" daily 09:00 [tz]` | `off "question"` | `list`. */
export async function scheduleCommand(deps: ScheduleCommandDeps, args: string, ctx: CommandContext): Promise<string> {
  const parts = words(args);
  const { id: sessionId } = await session(deps, ctx);
  if (parts.length === 0 || parts[0] === "list") {
    const list = (await deps.store.schedules.list(sessionId)).filter((s) => s.kind === "question");
    return list.length ? list.map(describe).join("\n") : "No saved question is scheduled in this channel.";
  }
  if (parts[0] === "off") {
    const question = parts.slice(1).join(" ");
    const removed = await deps.store.schedules.remove(sessionId, "question", question);
    if (!removed) return `No schedule for "${question}" in this channel.`;
    await deps.queue.removeSchedule(removed.id);
    return `Stopped "${question}".`;
  }
  const [question, ...rest] = parts;
  if (!question || question.length < 3) {
    throw new UserInputError("bad_schedule", "Put the question in quotes.", {
      hint: 'e.g. `/insightx schedule "revenue by region this week" weekly mon 09:00`',
    });
  }
  const cadence = parseCadence(rest);
  const schedule = await deps.store.schedules.upsert({
    sessionId,
    kind: "question",
    question,
    cadence: cadence.text,
    timezone: cadence.tz,
    createdBy: ctx.userId,
  });
  await deps.queue.upsertSchedule(schedule.id, cadenceSpec(cadence), digestJob(ctx, schedule));
  return `Scheduled "${question}": ${cadence.text} (${cadence.tz}). It is also re-run in this channel's digest.`;
}

/** Registers every stored schedule on `queue` (the in-process queue forgets them at restart; BullMQ keeps them). */
export async function restoreSchedules(deps: ScheduleCommandDeps): Promise<number> {
  let count = 0;
  for (const schedule of await deps.store.schedules.listAll()) {
    const owner = await deps.store.sessions.get(schedule.sessionId);
    if (!owner) continue;
    const cadence = parseCadence([...schedule.cadence.split(" "), schedule.timezone]);
    const ctx = { teamId: owner.teamId, channelId: owner.channelId, userId: schedule.createdBy ?? "" };
    await deps.queue.upsertSchedule(schedule.id, cadenceSpec(cadence), digestJob(ctx, schedule));
    count++;
  }
  return count;
}
