import { requestDocumentUpload } from '../../packages/tenders/documents';
import { requestUploadRoute } from '../../packages/tenders/routes';
import { created, routeHandler } from '../http/http-handler';
import { deps } from './deps';

export const handler = routeHandler(requestUploadRoute, async ({ caller, path, body }) =>
  created(await requestDocumentUpload(deps, caller, path.id, body)),
);
