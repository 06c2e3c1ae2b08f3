export { createGateway, type Gateway, type GatewayOptions } from './create-gateway.ts';
export { DEFAULT_GATEWAY_SETTINGS, type GatewaySettings } from './options.ts';
export { Hub } from './hub.ts';
export { GatewayMetrics } from './metrics.ts';
export { createLogger, type Logger, type LogLevel } from './logger.ts';
export { Authenticator, Principal, type AuthSettings } from './auth/index.ts';
export type { HealthSource } from './http-routes.ts';
