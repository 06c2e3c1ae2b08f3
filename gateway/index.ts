export { createGateway, type Gateway, type GatewayOptions } from './create-gateway.ts';
export { DEFAULT_GATEWAY_SETTINGS, type GatewaySettings } from './options.ts';
export { Hub } from './hub.ts';
export type { HealthSource } from './http-routes.ts';
