// The composition root shared by every surface.
export { createRuntime, type Runtime, type RuntimeOptions } from "./runtime.js";
