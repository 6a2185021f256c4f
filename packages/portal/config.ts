import * as z from 'zod';

/** Where the portal's runtime configuration lives: beside `index.html`, written at deployment. */
export const PORTAL_CONFIG_PATH = '/portal-config.json';

/**
 * What the portal needs to know at run time: the OpenID Connect authority it signs in with (the
 * user pool on AWS, the local issuer on one machine), the user pool client it signs in as, and
 * where signing out ends the hosted pages' own session (Cognito's `/logout`; none locally).
 */
export const PortalConfig = z.object({
  signIn: z.object({
    authority: z.url(),
    clientId: z.string().min(1),
    signOutUrl: z.url().optional(),
  }),
});
export type PortalConfig = z.infer<typeof PortalConfig>;

export const portalConfig = (authority: string, clientId: string, signOutUrl?: string): PortalConfig => ({
  signIn: { authority, clientId, ...(signOutUrl ? { signOutUrl } : {}) },
});
