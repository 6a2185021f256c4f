import { Clock } from '../kernel';

/** A cheap read that proves the platform's table answers. */
export interface StorageProbe {
  ping(): Promise<void>;
}

export interface Health {
  status: 'ok' | 'unavailable';
  time: string;
  checks: { table: 'ok' | string };
}

/** Reports whether the platform can serve requests; never throws, so the caller can map it to 200 or 503. */
export const checkHealth = async (deps: { probe: StorageProbe; clock: Clock }): Promise<Health> => {
  const time = deps.clock.now().toISOString();
  try {
    await deps.probe.ping();
    return { status: 'ok', time, checks: { table: 'ok' } };
  } catch (error) {
    return { status: 'unavailable', time, checks: { table: `unreachable: ${(error as Error).message}` } };
  }
};
