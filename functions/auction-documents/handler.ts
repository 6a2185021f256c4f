import { readFileSync } from 'node:fs';
import { auctionDocumentRoutes, saleConfirmation } from '../../packages/auctions';
import { DOCUMENT_FONT_FILE } from '../../packages/pdf';
import { auctionStore } from '../../packages/storage';
import { platformTable } from '../adapters';
import { binary, contextHandler } from '../http/http-handler';

const store = auctionStore(platformTable());
let fontBytes: Uint8Array | undefined;
/** The documents' font ships beside the bundle; read on the first document, not at every cold start. */
const font = () =>
  (fontBytes ??= new Uint8Array(readFileSync(new URL(`./${DOCUMENT_FONT_FILE}`, import.meta.url))));

/** The auctions' documents: the sale confirmation (成交确认书), printed from the result when asked for. */
export const handler = contextHandler(auctionDocumentRoutes, {
  getSaleConfirmation: async ({ caller, path }) =>
    binary(await saleConfirmation({ store, font: font() }, caller, path.id), 'application/pdf'),
});
