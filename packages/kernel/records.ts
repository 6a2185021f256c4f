import { DomainError } from './errors';

export const notFound = (what: string, id: string, field = 'id'): DomainError =>
  new DomainError('NOT_FOUND', `There is no ${what} ${id}.`, { field });

/** The record `read` finds, or NOT_FOUND naming what was looked for. */
export const required = async <T>(read: Promise<T | undefined>, what: string, id: string): Promise<T> => {
  const record = await read;
  if (!record) throw notFound(what, id);
  return record;
};

/**
 * Whether a conditional commit went through: false when its condition failed because another
 * request changed one of its records first.
 */
export const committed = (commit: Promise<unknown>): Promise<boolean> =>
  commit.then(
    () => true,
    (error: unknown) => {
      if (error instanceof DomainError && error.code === 'CONFLICT') return false;
      throw error;
    },
  );

/**
 * Decides a request on its records as read, and again when they changed before it committed (the
 * attempt answers `undefined`); a few times at most, then the caller is asked to send it again.
 */
export const decideOnFreshRecords = async <T>(
  what: { name: string; field: string },
  attempt: () => Promise<T | undefined>,
  attempts = 5,
): Promise<T> => {
  for (let i = 0; i < attempts; i += 1) {
    const decided = await attempt();
    if (decided !== undefined) return decided;
  }
  throw new DomainError(
    'CONFLICT',
    `${what.name} kept changing while this request was decided; send it again.`,
    { field: what.field },
  );
};
