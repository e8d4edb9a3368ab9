/** Injection tokens of the gateway's configuration and discovered provider. */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
export const PROVIDER_METADATA = Symbol('PROVIDER_METADATA');
export const GATEWAY_LOGGER = Symbol('GATEWAY_LOGGER');
