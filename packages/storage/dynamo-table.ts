import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  QueryCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { Clock } from '../kernel';
import { dynamoAuditLog, TransactItem } from './audit-log-store';
import { batchPut } from './batch-put';
import { ItemKey, logKeys, processLog } from './key-scheme';
import { ItemWrites, RecordTable } from './record-table';

/** An item without its keys: what the domain stored. */
const strip = <T>(item: Record<string, unknown> | undefined): T | undefined => {
  if (!item) return undefined;
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, ...rest } = item;
  return rest as T;
};

/** The platform table on DynamoDB: the base table is read consistently, the index eventually. */
export const dynamoTable = (db: DynamoDBDocumentClient, tableName: string, clock: Clock): RecordTable => {
  const log = dynamoAuditLog(db, tableName, clock);
  /** The log an entry goes to: its process's sealed log, or the public one. */
  const logOf = (process: string | undefined) =>
    process ? dynamoAuditLog(db, tableName, clock, logKeys(processLog(process))) : log;

  /** Every item a key condition matches, page after page. */
  const queryItems = async <T>(
    condition: Pick<QueryCommandInput, 'IndexName' | 'KeyConditionExpression' | 'ExpressionAttributeValues'>,
  ): Promise<T[]> => {
    const items: T[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await db.send(
        new QueryCommand({
          TableName: tableName,
          ...condition,
          ExclusiveStartKey: start,
          ConsistentRead: condition.IndexName ? undefined : true,
        }),
      );
      items.push(...(page.Items ?? []).map((item) => strip<T>(item)!));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  };

  const transactItems = (writes: ItemWrites): TransactItem[] => [
    ...(writes.create ?? []).map((Item) => ({
      Put: { TableName: tableName, Item, ConditionExpression: 'attribute_not_exists(pk)' },
    })),
    ...(writes.replace ?? []).map(({ item, expect }) => {
      const names = Object.keys(expect);
      return {
        Put: {
          TableName: tableName,
          Item: item,
          ...(names.length
            ? {
                ConditionExpression: names.map((_, i) => `#e${i} = :e${i}`).join(' AND '),
                ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#e${i}`, name])),
                ExpressionAttributeValues: Object.fromEntries(
                  names.map((name, i) => [`:e${i}`, expect[name]]),
                ),
              }
            : {}),
        },
      };
    }),
  ];

  return {
    get: async <T>(key: ItemKey) =>
      strip<T>(
        (await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item,
      ),
    query: <T>(pk: string, prefix: string) =>
      queryItems<T>({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
      }),
    queryIndex: <T>(gsi1pk: string) =>
      queryItems<T>({
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': gsi1pk },
      }),
    async page<T>(
      pk: string,
      { from, to }: { from: string; to: string },
      limit: number,
      where?: { field: string; value: string },
    ) {
      const items: T[] = [];
      // An empty range is an empty page, not a query DynamoDB refuses.
      if (to <= from) return { items };
      let start: Record<string, unknown> | undefined;
      let last: string | undefined;
      do {
        const page = await db.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
            ...(where
              ? { FilterExpression: '#f = :v', ExpressionAttributeNames: { '#f': where.field } }
              : {}),
            ExpressionAttributeValues: {
              ':pk': pk,
              ':from': from,
              ':to': to,
              ...(where ? { ':v': where.value } : {}),
            },
            ScanIndexForward: false,
            ExclusiveStartKey: start,
          }),
        );
        for (const item of page.Items ?? []) {
          // BETWEEN is inclusive; `to` is not.
          if ((item.sk as string) >= to) continue;
          items.push(strip<T>(item)!);
          last = item.sk as string;
          if (items.length === limit) break;
        }
        start = items.length < limit ? page.LastEvaluatedKey : undefined;
      } while (start);
      return { items, ...(items.length === limit && last ? { last } : {}) };
    },
    put: (items) => batchPut(db, tableName, items),
    async remove(keys) {
      await Promise.all(keys.map((Key) => db.send(new DeleteCommand({ TableName: tableName, Key }))));
    },
    async count(key, fields) {
      const names = Object.keys(fields);
      await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key,
          UpdateExpression: `ADD #count :one${names.map((_, i) => `${i ? ',' : ' SET'} #f${i} = :f${i}`).join('')}`,
          ExpressionAttributeNames: {
            '#count': 'count',
            ...Object.fromEntries(names.map((name, i) => [`#f${i}`, name])),
          },
          ExpressionAttributeValues: {
            ':one': 1,
            ...Object.fromEntries(names.map((name, i) => [`:f${i}`, fields[name]])),
          },
        }),
      );
    },
    async append(entry, writes) {
      const appended = await logOf(entry.process).append(entry, (logged) =>
        transactItems(typeof writes === 'function' ? writes(logged) : writes),
      );
      return appended.entry;
    },
  };
};
