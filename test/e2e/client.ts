import { callApi, stackInfo, tokenFor } from '../support/local-stack';

/**
 * End-to-end tests act as people: `as('bidder1')` is that demo user calling the API with
 * their own token, as a browser or the CLI would. `later` runs their requests that many
 * milliseconds after now, on the local stack's clock only (for acts after a deadline).
 */
export const as = async (username: string, later = 0) => {
  const token = await tokenFor(username);
  const clockOffsetMs = later;
  return {
    username,
    token,
    get: <T = Record<string, unknown>>(route: string) => callApi<T>(route, { token, clockOffsetMs }),
    post: <T = Record<string, unknown>>(route: string, body?: unknown) =>
      callApi<T>(route, { token, method: 'POST', body, clockOffsetMs }),
    put: <T = Record<string, unknown>>(route: string, body?: unknown) =>
      callApi<T>(route, { token, method: 'PUT', body, clockOffsetMs }),
    patch: <T = Record<string, unknown>>(route: string, body?: unknown) =>
      callApi<T>(route, { token, method: 'PATCH', body, clockOffsetMs }),
    delete: <T = Record<string, unknown>>(route: string) =>
      callApi<T>(route, { token, method: 'DELETE', clockOffsetMs }),
  };
};

/** Every demo user's name, as the running stack lists them. */
export const demoUserNames = (): string[] => stackInfo().users.map((entry) => entry.split(' ')[0] as string);
