import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { encodeKey, generateCustodianKey } from '../sealed-bids';
import { ExpertPoolHead } from '../experts';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { batchPut, dynamoAuditLog, indexKeys, keys } from '../storage';
import { systemClock, DomainError } from '../kernel';
import { demoExperts, demoOrganisations, demoSpecialties } from '../demo-data';
import { demoHolidayYears } from '../legal-rules';
import { CustodianKey } from '../custody';

/** Demo users who hold shares of opening keys: by default a tender's publisher and two regulators, 2 of 3. */
const DEMO_CUSTODIANS = [
  ['staff1', 'staff'],
  ['staff2', 'staff'],
  ['regulator1', 'regulator'],
  ['regulator2', 'regulator'],
] as const;

/**
 * Key pairs for the demo custodians who have none yet. On a real platform each custodian makes
 * theirs on their own machine (`sunlit custodian init`); for the demo the private halves are kept
 * in the data folder, where `sunlit custodian share --user NAME` finds them. Only public halves go
 * into the platform. Runs on every start, so a data folder from before custodians existed gets them.
 */
export const seedDemoCustodians = async (
  db: DynamoDBDocumentClient,
  table: string,
  dir: string,
): Promise<number> => {
  mkdirSync(dir, { recursive: true });
  const missing = [];
  for (const [user, role] of DEMO_CUSTODIANS) {
    const { Item } = await db.send(new GetCommand({ TableName: table, Key: keys.custodianKey(user) }));
    if (!Item) missing.push({ user, role });
  }
  const registeredAt = systemClock.now().toISOString();
  const keysMade: CustodianKey[] = await Promise.all(
    missing.map(async ({ user, role }) => {
      const pair = await generateCustodianKey();
      const publicKey = encodeKey(pair.publicKey);
      writeFileSync(
        path.join(dir, `${user}.key`),
        `${JSON.stringify({ user, publicKey, privateKey: encodeKey(pair.privateKey) }, null, 2)}\n`,
        { mode: 0o600 },
      );
      return { user, role, publicKey, registeredAt };
    }),
  );
  await batchPut(
    db,
    table,
    keysMade.map((key) => ({ ...keys.custodianKey(key.user), ...indexKeys.custodianKey(key.user), ...key })),
  );
  return keysMade.length;
};

/**
 * The demo data's holiday calendars for the years not set yet. Runs on every start, so a data
 * folder from an earlier year gets the next one; a year staff have set is never overwritten.
 */
export const seedDemoCalendars = async (db: DynamoDBDocumentClient, table: string): Promise<number[]> => {
  const added: number[] = [];
  for (const year of demoHolidayYears) {
    try {
      await db.send(
        new PutCommand({
          TableName: table,
          Item: { ...keys.calendar(year.year), ...year },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      added.push(year.year);
    } catch (error) {
      if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
    }
  }
  return added;
};

/** The demo pool's generation: the experts loaded on first start. */
const DEMO_GENERATION = 'demo';

const MARKER = keys.meta('DEMO_DATA');

/**
 * Loads the demo data on the first start only: a marker item records that it is there,
 * so a restart keeps whatever the platform changed since.
 */
export const seedDemoData = async (
  db: DynamoDBDocumentClient,
  table: string,
): Promise<'loaded' | 'present'> => {
  const { Item } = await db.send(new GetCommand({ TableName: table, Key: MARKER }));
  if (Item) return 'present';
  const organisations = demoOrganisations().map((org) => ({
    ...keys.organisation(org.id),
    ...indexKeys.organisation(org.kind, org.id),
    ...org,
  }));
  const specialties = demoSpecialties.map((s) => ({
    ...keys.specialty(s.code),
    ...indexKeys.specialty(s.code),
    ...s,
  }));
  const experts = demoExperts().map((e) => ({ ...keys.expert(DEMO_GENERATION, e.id), ...e }));
  const poolHead: ExpertPoolHead = {
    generation: DEMO_GENERATION,
    size: experts.length,
    updatedAt: systemClock.now().toISOString(),
    version: 1,
  };
  await batchPut(db, table, [...organisations, ...specialties, ...experts]);
  // The marker and its audit entry commit together: the log records what the platform started with.
  const counts = {
    organisations: organisations.length,
    specialties: specialties.length,
    experts: experts.length,
  };
  try {
    await dynamoAuditLog(db, table, systemClock).append(
      {
        actor: { role: 'system', user: 'local-stack' },
        action: 'platform.demo-data-loaded',
        subject: {},
        data: counts,
        confidential: { expertIds: experts.map((e) => e.id) },
      },
      [
        {
          Put: {
            TableName: table,
            Item: { ...MARKER, ...counts },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        // The pool becomes current only together with the entry that records it.
        { Put: { TableName: table, Item: { ...keys.expertPool(), ...poolHead } } },
      ],
    );
  } catch (error) {
    // Another start loaded it at the same moment; theirs stands.
    if (!(error instanceof DomainError && error.code === 'CONFLICT')) throw error;
  }
  return 'loaded';
};
