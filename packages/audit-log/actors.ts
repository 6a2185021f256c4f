import { AuditActor } from './entry';
import { Caller } from '../kernel';

/** The platform itself, for the steps it takes on its own (the lifecycle, the draw's own secret). */
export const platformActor: AuditActor = { role: 'system', user: 'sunlit' };

/** The audit log's view of a caller. */
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

/**
 * Who challenged or complained is confidential before the result, since it would tell who takes
 * part (法22): such entries name no bidder; the confidential record behind them does.
 */
export const withheldComplainant: AuditActor = { role: 'bidder', user: 'withheld-until-result' };
