// CLI surface: exported for tests that drive commands in-process.
export { channelRef } from "./context.js";
export { formatTable } from "./output.js";
