import { confirmDocumentUpload } from '../../packages/tenders/documents';
import { confirmUploadRoute } from '../../packages/tenders/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from './deps';

export const handler = routeHandler(confirmUploadRoute, async ({ caller, path }) =>
  ok(await confirmDocumentUpload(deps, caller, path.id, path.documentId, path.version)),
);
