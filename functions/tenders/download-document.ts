import { downloadDocument } from '../../packages/tenders/documents';
import { downloadDocumentRoute } from '../../packages/tenders/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from './deps';

export const handler = routeHandler(downloadDocumentRoute, async ({ caller, path }) =>
  ok(await downloadDocument(deps, caller, path.id, path.documentId)),
);
