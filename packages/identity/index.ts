/** Who calls: roles and organisations from verified token claims only. */
export { callerFromClaims, claimNames, requireRole } from './caller';
export { describeCaller } from './describe-caller';
export { meRoute } from './routes';
