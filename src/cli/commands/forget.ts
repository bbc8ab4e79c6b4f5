// `insightx forget`: delete everything the channel holds (tables, dataset records, history, insights, traces,
// archived answers, schedules) as one journaled step that a retry or the next start completes if it stops.
import { channelRef } from "../channel.js";
import { withContext } from "../context.js";
import { emit, print } from "../output.js";

export async function run(options: { channel?: string; json?: boolean }): Promise<void> {
  await withContext(async (runtime) => {
    const ref = channelRef(options.channel);
    const report = await runtime.forget(ref);
    emit(
      options,
      { channel: `${ref.teamId}:${ref.channelId}`, forgotten: report.tables, resumed: report.resumed },
      () =>
        print(
          `Forgot ${report.tables.length} table(s), the history, insights, archived answers and schedules of ${ref.teamId}:${ref.channelId}${report.resumed ? " (an earlier, unfinished forget is now complete)" : ""}.\n`,
        ),
    );
  });
}
