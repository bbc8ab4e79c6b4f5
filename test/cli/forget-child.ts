// For the forget test: runs a channel's forget and kills this process (SIGKILL, no clean-up) before the named step.
import { forgetChannel } from "../../src/app/index.js";
import { forgetDeps, openRuntime } from "./forget-harness.js";

const [dataDir, teamId, channelId, step] = process.argv.slice(2) as [string, string, string, string];
const runtime = await openRuntime(dataDir);
await forgetChannel(
  forgetDeps(runtime, (at) => {
    if (at === step) process.kill(process.pid, "SIGKILL");
  }),
  { teamId, channelId },
);
throw new Error(`the forget finished without reaching ${step}`);
