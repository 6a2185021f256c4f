import { Committer } from '../audit-log';
import { Clock } from '../kernel';
import { CustodianKey, OpeningKey } from './model';

export type OpeningKeyRecord = { kind: 'openingKey'; value: OpeningKey };

/** The records this context keeps. */
export type CustodyRecord = { kind: 'custodianKey'; value: CustodianKey } | OpeningKeyRecord;

export interface CustodyReads {
  custodianKey(user: string): Promise<CustodianKey | undefined>;
  custodianKeys(): Promise<CustodianKey[]>;
  openingKey(tenderId: string): Promise<OpeningKey | undefined>;
}

export interface CustodyStore extends CustodyReads, Committer<CustodyRecord> {}

export interface CustodyDeps {
  store: CustodyStore;
  clock: Clock;
}
