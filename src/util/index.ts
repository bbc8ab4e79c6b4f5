// Small shared pieces: the error hierarchy and the logger.
export * from "./errors.js";
export { createLogger, type Logger, scrubSecrets } from "./logger.js";
export { vegaDatasetsDir } from "./vega-datasets.js";
