// Operations over HTTP: health, readiness, Prometheus metrics, the SSE question API, graceful shutdown.
export { type AskDeps, handleAsk } from "./api-ask.js";
export { createMetrics, type Metrics, type MetricsOptions } from "./metrics.js";
export { createOperations, type Operations, type OperationsDeps } from "./operations.js";
export { checkReadiness, type Readiness, type ReadinessDeps } from "./readiness.js";
export { createHttpHandler, type HttpDeps, type HttpHandler, type RunningServer, startHttpServer } from "./server.js";
export { installShutdown, type ShutdownOptions, type ShutdownStep } from "./shutdown.js";
