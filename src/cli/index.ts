// CLI surface: exported for tests that drive commands in-process.
export { channelRef } from "./channel.js";
export { CLI_USER } from "./context.js";
export { formatTable, terminalText } from "./output.js";
export { buildProgram } from "./program.js";
