import { DomainError } from '../errors/domain-error';
import { Caller } from '../identity/caller';
import { AuditActor } from '../audit-log/entry';

export const notFound = (what: string, id: string, field = 'id'): DomainError =>
  new DomainError('NOT_FOUND', `There is no ${what} ${id}.`, { field });

/** The record `read` finds, or NOT_FOUND naming what was looked for. */
export const required = async <T>(read: Promise<T | undefined>, what: string, id: string): Promise<T> => {
  const record = await read;
  if (!record) throw notFound(what, id);
  return record;
};

/** The audit log's view of a caller. */
/** The platform itself, for the steps it takes on its own (the lifecycle, the draw's own secret). */
export const platformActor: AuditActor = { role: 'system', user: 'sunlit' };

export const actorOf = (caller: Caller): AuditActor => ({
  role: caller.role,
  user: caller.user,
  org: caller.org,
});

/**
 * Who registered or downloaded is confidential until the opening (法22), and the audit log is
 * public: such entries name no bidder; the confidential record behind them does.
 */
export const withheldBidder: AuditActor = { role: 'bidder', user: 'withheld-until-opening' };
