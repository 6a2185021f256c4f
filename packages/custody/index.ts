/** Custody of opening keys (开标密钥): custodians' registered keys, the key split among them at publication, and each custodian's own share. */
export {
  custodiansFor,
  listCustodians,
  makeOpeningKey,
  publishedOpeningKey,
  registerCustodianKey,
  requireOpeningKey,
} from './custodians';
export { CustodianKey, Custodians, OpeningKey } from './model';
export type { CustodyReads, CustodyRecord, CustodyStore, OpeningKeyRecord } from './ports';
export { custodyRoutes } from './routes';
