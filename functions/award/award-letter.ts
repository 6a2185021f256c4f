import { downloadAwardLetter } from '../../packages/award/letter';
import { awardLetterRoute } from '../../packages/award/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from '../tenders/deps';

export const handler = routeHandler(awardLetterRoute, async ({ caller, path }) =>
  ok(await downloadAwardLetter(deps, caller, path.id)),
);
