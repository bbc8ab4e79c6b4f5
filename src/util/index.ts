// Small shared pieces: the error hierarchy and the logger.
export { clip } from "./clip.js";
export * from "./errors.js";
export { type FormatNumberOptions, formatNumber } from "./format-number.js";
export { createLogger, type Logger, scrubSecrets } from "./logger.js";
export { vegaDatasetsDir } from "./vega-datasets.js";
