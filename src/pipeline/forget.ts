// Forgetting a channel: its tables (and their versions), the store's dataset records and its accumulated insights.
import type { ChannelRef, DataEngine } from "../data/index.js";
import type { Store } from "../store/index.js";

/** Returns how many tables were forgotten. */
export async function forgetChannel(deps: { engine: DataEngine; store?: Store }, ref: ChannelRef): Promise<number> {
  const tables = await deps.engine.datasets(ref);
  await deps.engine.forget(ref);
  const session = await deps.store?.sessions.find(ref.teamId, ref.channelId);
  if (deps.store && session) {
    await deps.store.datasets.removeAll(session.id);
    await deps.store.insights.removeAll(session.id);
  }
  return tables.length;
}
