export { configSection, setting, ConfigError, type ConfigSection, type Setting } from './config.ts';
export { createLogger, captureLogs, type CapturedLogs, type Logger } from './logger.ts';
export {
  defineModule,
  defineGroup,
  dependentsOf,
  servicesOf,
  indexModules,
  resolveStartOrder,
  ModuleGraphError,
  type AnyModule,
  type ModuleContext,
  type ModuleDefinition,
  type PublicRoute,
  type ServiceDescription,
  type RunningModule,
} from './modules.ts';
export { httpServerModule, type HttpServer, type RequestHandler, type UpgradeHandler } from './http-server.ts';
export { startModules, runProcess, type RunOptions, type RunningProcess } from './process.ts';
export { readBody, sendJson, sendError, sendInternalError, HttpError } from './http-io.ts';
export { parseNdjson, type NdjsonItem } from './ndjson.ts';
export { REQUEST_ID_HEADER, currentRequestId, newRequestId, requestIdOf, withRequestId } from './request-id.ts';
export { processConfig, targetsOf, LOG_LEVELS } from './process-config.ts';
export { seededRandom } from './seeded-random.ts';
export { parseDuration, DURATION_FORMAT } from './parse-duration.ts';
export { TIME_BUDGET_HEADER, deadlineOf, remainingBudgetMs, withDeadline } from './time-budget.ts';
