/** Every route of the platform in one list: what the stack serves and the OpenAPI document describes. */
export { allRoutes, platformRoutes } from './catalog';
