export { createLogger, type Logger } from './logger.ts';
export { createMetrics, type Metrics } from './metrics.ts';
export { onShutdownSignal, type ShutdownStep } from './shutdown.ts';
export { onceEvery } from './throttle.ts';
