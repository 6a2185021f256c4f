import { DomainError } from './errors';

export const notFound = (what: string, id: string, field = 'id'): DomainError =>
  new DomainError('NOT_FOUND', `There is no ${what} ${id}.`, { field });

/** The record `read` finds, or NOT_FOUND naming what was looked for. */
export const required = async <T>(read: Promise<T | undefined>, what: string, id: string): Promise<T> => {
  const record = await read;
  if (!record) throw notFound(what, id);
  return record;
};
