/** The web portal (网上办理): its build, served by the local stack at `/` and by CloudFront on AWS. */
export { buildPortal, PORTAL_PREFIX } from './build';
export { PORTAL_CONFIG_PATH, PortalConfig, portalConfig } from './config';
