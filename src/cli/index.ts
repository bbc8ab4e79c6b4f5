// CLI surface: exported for tests that drive commands in-process.
export { CLI_USER, channelRef } from "./context.js";
export { formatTable, terminalText } from "./output.js";
export { buildProgram } from "./program.js";
