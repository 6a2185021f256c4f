/**
 * The single table's key scheme, written once: the CDK table (infra/constructs/storage.ts)
 * and every repository import it, so the two cannot disagree.
 *
 * | item                 | pk               | sk          | gsi1pk         | gsi1sk       |
 * |----------------------|------------------|-------------|----------------|--------------|
 * | organisation         | ORG#<orgId>      | PROFILE     | ORGS#<kind>    | <orgId>      |
 * | expert pool head     | META             | EXPERT-POOL | —              | —            |
 * | expert (generation g)| POOL#<g>         | EXPERT#<id> | —              | —            |
 * | expert import        | IMPORT#<id>      | PROFILE     | —              | —            |
 * | specialty (catalog)  | SPECIALTY#<code> | PROFILE     | SPECIALTIES    | <code>       |
 * | platform metadata    | META             | <name>      | —              | —            |
 * | audit log head       | AUDIT            | HEAD        | —              | —            |
 * | latest checkpoint    | AUDIT            | CHECKPOINT  | —              | —            |
 * | tiles written up to  | AUDIT            | TILES       | —              | —            |
 * | audit entry          | AUDIT#ENTRY      | <index:012> | —              | —            |
 * | Merkle stored hash   | AUDIT#HASH       | <index:015> | —              | —            |
 * | confidential record  | AUDIT#RECORD     | <index:012> | —              | —            |
 * | entry awaiting index | AUDIT#PENDING    | <time>#<id> | —              | —            |
 * | index it was given   | AUDIT#INTEGRATED | <time>#<id> | —              | —            |
 * | process log (each)   | PROCESS#<proc>…  | as AUDIT…   | —              | —            |
 * | process log anchor   | PROCESS#<proc>   | ANCHOR#<time>#<index:012> | —            | —            |
 * | latest anchor (head) | PROCESS#<proc>   | ANCHOR-HEAD   | —            | —            |
 * | process to anchor    | SEALED-PROCESSES | PROCESS#<proc> | —           | —            |
 * | witness, its cosign  | AUDIT            | WITNESS#<name> | —           | —            |
 * | project              | PROJECT#<id>     | PROFILE     | PROJECTS       | <id>         |
 * | tender               | TENDER#<id>      | PROFILE     | TENDERS#<pid>  | <id>         |
 * | document version     | TENDER#<id>      | DOC#<doc>#<v:04> | —         | —            |
 * | registration         | TENDER#<id>      | REG#<org>   | —              | —            |
 * | download record      | TENDER#<id>      | DL#<org>#<time>#<doc> | —    | —            |
 * | public notice        | NOTICES          | <time>#<id> | —              | —            |
 * | bidder's notice      | INBOX#<org>      | <time>#<id> | —              | —            |
 * | holiday calendar     | CALENDAR         | <year>      | —              | —            |
 * | expert draw          | DRAW#<id>        | PROFILE     | DRAWS#<tid>    | <createdAt>  |
 * | platform's secret    | DRAW#<id>        | SECRET      | —              | —            |
 * | evaluation committee | TENDER#<id>      | COMMITTEE   | —              | —            |
 * | open draw of tender  | TENDER#<id>      | DRAW-LOCK   | —              | —            |
 * | outgoing message     | OUTBOX           | <time>#<id> | —              | —            |
 * | message's delivery   | DELIVERY         | <time>#<id>#<channel> | —    | —            |
 * | custodian key        | CUSTODIAN#<user> | KEY         | CUSTODIANS     | <user>       |
 * | opening key          | TENDER#<id>      | OPENING-KEY | —              | —            |
 * | sealed bid           | TENDER#<id>      | BID#<org>#<bidId> | —        | —            |
 * | bidder's current bid | TENDER#<id>      | BIDDER#<org>| —              | —            |
 * | bid bond             | TENDER#<id>      | BOND#<org>  | —              | —            |
 * | opening              | TENDER#<id>      | OPENING     | —              | —            |
 * | a custodian's share  | TENDER#<id>      | SHARE#<user>| —              | —            |
 * | late attempts        | TENDER#<id>      | LATE#<org>  | —              | —            |
 * | evaluation report    | TENDER#<id>      | EVALUATION  | —              | —            |
 * | candidate publicity  | TENDER#<id>      | PUBLICITY   | —              | —            |
 * | negotiation (谈判)   | TENDER#<id>      | NEGOTIATION | —              | —            |
 * | award                | TENDER#<id>      | AWARD       | —              | —            |
 * | contract             | TENDER#<id>      | CONTRACT    | —              | —            |
 * | award letter         | TENDER#<id>      | AWARD-LETTER| —              | —            |
 * | lifecycle            | TENDER#<id>      | LIFECYCLE   | —              | —            |
 * | challenges           | TENDER#<id>      | CHALLENGES  | —              | —            |
 * | auction, listing     | AUCTION#<id>     | PROFILE     | AUCTIONS       | <id>         |
 * | auction application  | AUCTION#<id>     | APP#<org>   | —              | —            |
 * | paddle number taken  | AUCTION#<id>     | PADDLE#<n>  | —              | —            |
 * | accepted auction bid | AUCTION#<id>     | BID#<seq:08>| —              | —            |
 * | ask to go on (挂牌)  | AUCTION#<id>     | CONTINUE#<paddle> | —        | —            |
 * | watcher in the room  | AUCTION#<id>     | CONN#<connectionId> | —      | —            |
 * | a room connection    | CONNECTION#<id>  | ROOM        | —              | —            |
 * | ledger movement      | MOVEMENT#<id>    | PROFILE     | MOVEMENTS      | <at>#<id>    |
 * | posting              | ACCOUNT#<account>| POSTING#<at>#<movement> | — | —          |
 * | sub-account by number| SUBACCOUNT#<no>  | PROFILE     | —              | —            |
 * | applicant's sub-acct | TENDER#<id>      | SUBACCOUNT#<org> | —         | —            |
 * | e-guarantee          | TENDER#<id>      | GUARANTEE#<org> | —          | —            |
 * | bond refund          | REFUND#<id>      | PROFILE     | REFUNDS        | <dueAt>#<id> |
 * | service fee          | TENDER#<id>      | SERVICE-FEE | —              | —            |
 * | bank statement       | STATEMENT#<sha>  | PROFILE     | STATEMENTS#<day> | <importedAt> |
 * | a room's bookings    | ROOM#<id>        | SCHEDULE    | —              | —            |
 * | committee's seats    | TENDER#<id>      | COMMITTEE-SEATS | —          | —            |
 * | monitoring case      | CASE#<id>        | PROFILE     | CASES          | <openedAt>#<id> |
 *
 * Later capabilities add their rows here, never elsewhere.
 */
export const tableSchema = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [{ indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }],
} as const;

export interface ItemKey {
  pk: string;
  sk: string;
}

export const PUBLIC_LOG = 'AUDIT';
/**
 * The items of one RFC 9162 log: the public log's under `AUDIT`, a tender's sealed process log
 * under `PROCESS#<tenderId>`, so that each has its own head and tenders never contend.
 */
export const logKeys = (log = PUBLIC_LOG) => ({
  head: (): ItemKey => ({ pk: log, sk: 'HEAD' }),
  checkpoint: (): ItemKey => ({ pk: log, sk: 'CHECKPOINT' }),
  tiles: (): ItemKey => ({ pk: log, sk: 'TILES' }),
  /** Zero-padded so that the sort key orders entries by index. */
  entry: (index: number): ItemKey => ({ pk: `${log}#ENTRY`, sk: String(index).padStart(12, '0') }),
  hash: (storedIndex: number): ItemKey => ({ pk: `${log}#HASH`, sk: String(storedIndex).padStart(15, '0') }),
  record: (index: number): ItemKey => ({ pk: `${log}#RECORD`, sk: String(index).padStart(12, '0') }),
  /** Sorted by commit time, so the sequencer integrates the oldest first. */
  pending: (id: string): ItemKey => ({ pk: `${log}#PENDING`, sk: id }),
  integrated: (id: string): ItemKey => ({ pk: `${log}#INTEGRATED`, sk: id }),
});
export type LogKeys = ReturnType<typeof logKeys>;
/** The partition of a process's sealed log (a tender's or an auction's id). */
export const processLog = (processId: string) => `PROCESS#${processId}`;

export const keys = {
  organisation: (orgId: string): ItemKey => ({ pk: `ORG#${orgId}`, sk: 'PROFILE' }),
  expertPool: (): ItemKey => ({ pk: 'META', sk: 'EXPERT-POOL' }),
  /** A pool generation is one partition: an import writes a new one and then switches the head to it. */
  expert: (generation: string, expertId: string): ItemKey => ({
    pk: `POOL#${generation}`,
    sk: `EXPERT#${expertId}`,
  }),
  expertImport: (id: string): ItemKey => ({ pk: `IMPORT#${id}`, sk: 'PROFILE' }),
  specialty: (code: string): ItemKey => ({ pk: `SPECIALTY#${code}`, sk: 'PROFILE' }),
  meta: (name: string): ItemKey => ({ pk: 'META', sk: name }),
  auditHead: (): ItemKey => logKeys().head(),
  auditEntry: (index: number): ItemKey => logKeys().entry(index),
  project: (id: string): ItemKey => ({ pk: `PROJECT#${id}`, sk: 'PROFILE' }),
  tender: (id: string): ItemKey => ({ pk: `TENDER#${id}`, sk: 'PROFILE' }),
  documentVersion: (tenderId: string, documentId: string, version: number): ItemKey => ({
    pk: `TENDER#${tenderId}`,
    sk: `DOC#${documentId}#${String(version).padStart(4, '0')}`,
  }),
  registration: (tenderId: string, org: string): ItemKey => ({ pk: `TENDER#${tenderId}`, sk: `REG#${org}` }),
  download: (tenderId: string, org: string, time: string, documentId: string): ItemKey => ({
    pk: `TENDER#${tenderId}`,
    sk: `DL#${org}#${time}#${documentId}`,
  }),
  notice: (publishedAt: string, id: string): ItemKey => ({ pk: 'NOTICES', sk: `${publishedAt}#${id}` }),
  inbox: (org: string, time: string, id: string): ItemKey => ({ pk: `INBOX#${org}`, sk: `${time}#${id}` }),
  calendar: (year: number): ItemKey => ({ pk: 'CALENDAR', sk: String(year) }),
  draw: (id: string): ItemKey => ({ pk: `DRAW#${id}`, sk: 'PROFILE' }),
  drawSecret: (id: string): ItemKey => ({ pk: `DRAW#${id}`, sk: 'SECRET' }),
  committee: (tenderId: string): ItemKey => ({ pk: `TENDER#${tenderId}`, sk: 'COMMITTEE' }),
  drawLock: (tenderId: string): ItemKey => ({ pk: `TENDER#${tenderId}`, sk: 'DRAW-LOCK' }),
  outbox: (time: string, id: string): ItemKey => ({ pk: 'OUTBOX', sk: `${time}#${id}` }),
  delivery: (time: string, id: string, channel: string): ItemKey => ({
    pk: 'DELIVERY',
    sk: `${time}#${id}#${channel}`,
  }),
  custodianKey: (user: string): ItemKey => ({ pk: `CUSTODIAN#${user}`, sk: 'KEY' }),
  openingKey: (tenderId: string): ItemKey => ({ pk: `TENDER#${tenderId}`, sk: 'OPENING-KEY' }),
  bid: (tenderId: string, org: string, bidId: string): ItemKey => ({
    pk: `TENDER#${tenderId}`,
    sk: `BID#${org}#${bidId}`,
  }),
  bidderState: (tenderId: string, org: string): ItemKey => ({
    pk: `TENDER#${tenderId}`,
    sk: `BIDDER#${org}`,
  }),
  bond: (tenderId: string, org: string): ItemKey => ({ pk: `TENDER#${tenderId}`, sk: `BOND#${org}` }),
  opening: (tenderId: string): ItemKey => ({ pk: `TENDER#${tenderId}`, sk: 'OPENING' }),
  lateAttempts: (tenderId: string, org: string): ItemKey => ({ pk: `TENDER#${tenderId}`, sk: `LATE#${org}` }),
  openingShare: (tenderId: string, custodian: string): ItemKey => ({
    pk: `TENDER#${tenderId}`,
    sk: `SHARE#${custodian}`,
  }),
  evaluation: (tenderId: string): ItemKey => ({ pk: `TENDER#${tenderId}`, sk: 'EVALUATION' }),
  publicity: (tenderId: string): ItemKey => ({ pk: `TENDER#${tenderId}`, sk: 'PUBLICITY' }),
  negotiation: (tenderId: string): ItemKey => ({ pk: `TENDER#${tenderId}`, sk: 'NEGOTIATION' }),
  award: (tenderId: string): ItemKey => ({ pk: `TENDER#${tenderId}`, sk: 'AWARD' }),
  contract: (tenderId: string): ItemKey => ({ pk: `TENDER#${tenderId}`, sk: 'CONTRACT' }),
  awardLetter: (tenderId: string): ItemKey => ({ pk: `TENDER#${tenderId}`, sk: 'AWARD-LETTER' }),
  lifecycle: (tenderId: string): ItemKey => ({ pk: `TENDER#${tenderId}`, sk: 'LIFECYCLE' }),
  challenges: (tenderId: string): ItemKey => ({ pk: `TENDER#${tenderId}`, sk: 'CHALLENGES' }),
  auction: (id: string): ItemKey => ({ pk: `AUCTION#${id}`, sk: 'PROFILE' }),
  auctionApplication: (id: string, org: string): ItemKey => ({ pk: `AUCTION#${id}`, sk: `APP#${org}` }),
  auctionPaddle: (id: string, paddle: string): ItemKey => ({ pk: `AUCTION#${id}`, sk: `PADDLE#${paddle}` }),
  /** Zero-padded so that the sort key orders bids by sequence. */
  auctionBid: (id: string, sequence: number): ItemKey => ({
    pk: `AUCTION#${id}`,
    sk: `BID#${String(sequence).padStart(8, '0')}`,
  }),
  roomWatcher: (auctionId: string, connectionId: string): ItemKey => ({
    pk: `AUCTION#${auctionId}`,
    sk: `CONN#${connectionId}`,
  }),
  roomConnection: (connectionId: string): ItemKey => ({ pk: `CONNECTION#${connectionId}`, sk: 'ROOM' }),
  auctionContinuation: (id: string, paddle: string): ItemKey => ({
    pk: `AUCTION#${id}`,
    sk: `CONTINUE#${paddle}`,
  }),
  movement: (id: string): ItemKey => ({ pk: `MOVEMENT#${id}`, sk: 'PROFILE' }),
  /** An account's postings in time order: its balance is their sum. */
  posting: (account: string, at: string, movementId: string): ItemKey => ({
    pk: `ACCOUNT#${account}`,
    sk: `POSTING#${at}#${movementId}`,
  }),
  subAccount: (number: string): ItemKey => ({ pk: `SUBACCOUNT#${number}`, sk: 'PROFILE' }),
  bidderSubAccount: (tenderId: string, org: string): ItemKey => ({
    pk: `TENDER#${tenderId}`,
    sk: `SUBACCOUNT#${org}`,
  }),
  guarantee: (tenderId: string, org: string): ItemKey => ({
    pk: `TENDER#${tenderId}`,
    sk: `GUARANTEE#${org}`,
  }),
  refund: (id: string): ItemKey => ({ pk: `REFUND#${id}`, sk: 'PROFILE' }),
  serviceFee: (tenderId: string): ItemKey => ({ pk: `TENDER#${tenderId}`, sk: 'SERVICE-FEE' }),
  statement: (id: string): ItemKey => ({ pk: `STATEMENT#${id}`, sk: 'PROFILE' }),
  roomSchedule: (roomId: string): ItemKey => ({ pk: `ROOM#${roomId}`, sk: 'SCHEDULE' }),
  committeeSeats: (tenderId: string): ItemKey => ({ pk: `TENDER#${tenderId}`, sk: 'COMMITTEE-SEATS' }),
  monitoringCase: (id: string): ItemKey => ({ pk: `CASE#${id}`, sk: 'PROFILE' }),
  witness: (name: string): ItemKey => ({ pk: 'AUDIT', sk: `WITNESS#${name}` }),
  /**
   * A process's anchors beside its log's head, in the order they were written: by time, then by the
   * public entry's index, since an open and a final anchor may be written in the same millisecond.
   */
  processAnchor: (processId: string, at: string, publicIndex: number): ItemKey => ({
    pk: processLog(processId),
    sk: `ANCHOR#${at}#${String(publicIndex).padStart(12, '0')}`,
  }),
  /** A process the cadence anchors, from its publication until its final anchor. */
  sealedProcess: (processId: string): ItemKey => ({ pk: 'SEALED-PROCESSES', sk: `PROCESS#${processId}` }),
  /**
   * The public index of the process's latest anchor and whether it was the final one: each anchor
   * is written on condition that it is unchanged, so the anchors form one chain, ending at the final.
   */
  anchorHead: (processId: string): ItemKey => ({ pk: processLog(processId), sk: 'ANCHOR-HEAD' }),
};

/** Index entries, kept beside the keys so list queries use the same strings. */
export const indexKeys = {
  organisation: (kind: string, orgId: string) => ({ gsi1pk: `ORGS#${kind}`, gsi1sk: orgId }),
  specialty: (code: string) => ({ gsi1pk: 'SPECIALTIES', gsi1sk: code }),
  project: (id: string) => ({ gsi1pk: 'PROJECTS', gsi1sk: id }),
  tender: (projectId: string, id: string) => ({ gsi1pk: `TENDERS#${projectId}`, gsi1sk: id }),
  draw: (tenderId: string, createdAt: string) => ({ gsi1pk: `DRAWS#${tenderId}`, gsi1sk: createdAt }),
  custodianKey: (user: string) => ({ gsi1pk: 'CUSTODIANS', gsi1sk: user }),
  auction: (id: string) => ({ gsi1pk: 'AUCTIONS', gsi1sk: id }),
  movement: (at: string, id: string) => ({ gsi1pk: 'MOVEMENTS', gsi1sk: `${at}#${id}` }),
  refund: (dueAt: string, id: string) => ({ gsi1pk: 'REFUNDS', gsi1sk: `${dueAt}#${id}` }),
  statement: (day: string, importedAt: string) => ({ gsi1pk: `STATEMENTS#${day}`, gsi1sk: importedAt }),
  monitoringCase: (openedAt: string, id: string) => ({ gsi1pk: 'CASES', gsi1sk: `${openedAt}#${id}` }),
};
