import { callApi, stackInfo, tokenFor } from '../support/local-stack';

/**
 * End-to-end tests act as people: `as('bidder1')` is that demo user calling the API with
 * their own token, as a browser or the CLI would.
 */
export const as = async (username: string) => {
  const token = await tokenFor(username);
  return {
    username,
    get: <T = Record<string, unknown>>(route: string) => callApi<T>(route, { token }),
    post: <T = Record<string, unknown>>(route: string, body?: unknown) =>
      callApi<T>(route, { token, method: 'POST', body }),
    put: <T = Record<string, unknown>>(route: string, body?: unknown) =>
      callApi<T>(route, { token, method: 'PUT', body }),
  };
};

/** Every demo user's name, as the running stack lists them. */
export const demoUserNames = (): string[] => stackInfo().users.map((entry) => entry.split(' ')[0] as string);
