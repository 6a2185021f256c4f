import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import * as z from 'zod';
import { actorOf, AuditActor, Change } from '../audit-log';
import { Caller, DomainError, Name, validationFailed } from '../kernel';
import { cstDate } from '../legal-rules';
import { post, transfer } from './ledger';
import { bondAccount, feeAccount, ImportStatement, Movement, Statement, SubAccountNumber } from './model';
import { LedgerDeps, LedgerRecord } from './ports';
import { tenderOfFeeReference } from './service-fees';
import { refundAfterTermination } from './refunds';

/** The columns of a bank statement, in any order, each named once in the header row. */
export const STATEMENT_COLUMNS = [
  'valueDate',
  'reference',
  'subAccount',
  'amount',
  'counterpartyName',
  'counterpartyAccount',
  'memo',
] as const;

const MAX_ROWS = 500;

/** Yuan with at most two decimals, negative for money leaving the custody account. */
const YUAN = /^(-)?(0|[1-9]\d{0,12})(?:\.(\d{1,2}))?$/;

const StatementRow = z.object({
  valueDate: z.iso.date('must be a date, YYYY-MM-DD'),
  reference: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, "must be the bank's transaction reference"),
  subAccount: z.union([z.literal(''), SubAccountNumber]),
  amount: z
    .string()
    .regex(YUAN, 'must be yuan with at most two decimals, e.g. 20000.00 or -20000.00')
    .transform((yuan) => {
      const [, minus, whole, cents = ''] = YUAN.exec(yuan)!;
      return (minus ? -1 : 1) * (Number(whole) * 100 + Number(cents.padEnd(2, '0')));
    })
    .refine((fen) => fen !== 0, 'must not be zero'),
  counterpartyName: z.union([z.literal(''), Name(100, 1)]),
  counterpartyAccount: z.union([z.literal(''), z.string().regex(/^\d{6,32}$/, 'must be 6–32 digits')]),
  memo: z.union([z.literal(''), Name(100, 1)]),
});
type StatementRow = z.infer<typeof StatementRow> & { line: number };

const refuse = (field: string, message: string) =>
  new DomainError('VALIDATION_FAILED', `csv: ${message}`, { field: `csv${field ? `.${field}` : ''}` });

/** Every row of the file, or one error naming each row and field at fault: nothing is imported from a bad file. */
export const parseStatement = (csv: string): StatementRow[] => {
  let records: string[][];
  try {
    records = parse(csv, { trim: true, record_delimiter: ['\r\n', '\n'], relax_column_count: true });
  } catch (error) {
    throw refuse('', (error as Error).message);
  }
  const [header = [], ...data] = records;
  const missing = STATEMENT_COLUMNS.filter((c) => header.filter((h) => h === c).length !== 1);
  if (missing.length || header.length !== STATEMENT_COLUMNS.length) {
    throw refuse(
      'header',
      `line 1 must name each column once: ${STATEMENT_COLUMNS.join(',')}${missing.length ? ` (missing or repeated: ${missing.join(', ')})` : ''}`,
    );
  }
  if (data.length === 0) throw refuse('', 'the statement has no rows');
  // Each row posts in its own transaction: a statement this long imports well within a request.
  if (data.length > MAX_ROWS) throw refuse('', `a statement has at most ${MAX_ROWS} rows; split it by date`);
  const issues: { path: (string | number)[]; message: string }[] = [];
  const seen = new Map<string, number>();
  const rows = data.flatMap((cells, at) => {
    const line = at + 2;
    if (cells.length !== header.length) {
      issues.push({
        path: ['rows', line],
        message: `line ${line} has ${cells.length} cells, not ${header.length}`,
      });
      return [];
    }
    const parsed = StatementRow.safeParse(Object.fromEntries(header.map((name, i) => [name, cells[i]])));
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        issues.push({
          path: ['rows', line, ...issue.path.map(String)],
          message: `line ${line}: ${issue.message}`,
        });
      return [];
    }
    const first = seen.get(parsed.data.reference);
    if (first) {
      issues.push({
        path: ['rows', line, 'reference'],
        message: `line ${line}: the same reference as line ${first}`,
      });
    }
    seen.set(parsed.data.reference, line);
    return [{ ...parsed.data, line }];
  });
  if (issues.length) throw validationFailed('csv', issues);
  return rows;
};

type Outcome = { matched: true } | { matched: false; reason: string };

/** What a statement row posts under: its bank reference, the import's time, and who moved the money. */
type RowMovement = Pick<Movement, 'id' | 'at' | 'reference' | 'counterparty'>;

/**
 * A row that pays a record due (a refund, a service fee) for its exact amount: the movement is
 * posted once, the record marked paid with it. A second row paying the same record is listed.
 */
const settle = async <D extends { id: string; amount: number; status: 'due' | 'paid' }>(
  deps: LedgerDeps,
  actor: AuditActor,
  row: RowMovement & { amount: number },
  what: string,
  due: D | undefined,
  movement: (due: D) => Pick<Movement, 'kind' | 'tenderId' | 'refundId' | 'postings'>,
  paid: (due: D) => Pick<Change<LedgerRecord>, 'replace' | 'cite'>,
): Promise<Outcome> => {
  if (!due || due.amount !== Math.abs(row.amount)) {
    return { matched: false, reason: `no ${what} with this id (memo) and amount` };
  }
  if (due.status === 'paid' && (await deps.store.movement(row.id)) === undefined) {
    return { matched: false, reason: `${what} ${due.id} was already paid by another row` };
  }
  const { amount: _amount, ...common } = row;
  await post(deps, actor, { ...common, ...movement(due) }, due.status === 'paid' ? {} : paid(due));
  return { matched: true };
};

/**
 * A credit to a sub-account is its applicant's bond paid; a credit citing a service fee pays it;
 * a debit citing a due refund is that refund paid.
 */
const matchRow = async (
  deps: LedgerDeps,
  caller: Caller,
  row: StatementRow,
  at: string,
): Promise<Outcome> => {
  const actor = actorOf(caller);
  const counterparty = { name: row.counterpartyName, account: row.counterpartyAccount };
  const common = { id: `bank:${row.reference}`, at, reference: row.reference, counterparty };
  const feeTender = tenderOfFeeReference(row.memo);
  if (row.amount > 0 && !row.subAccount && feeTender) {
    return settle(
      deps,
      actor,
      { ...common, amount: row.amount },
      'service fee',
      await deps.store.serviceFee(feeTender),
      (fee) => ({
        kind: 'fee-paid',
        tenderId: fee.tenderId,
        postings: transfer('custody', feeAccount(fee.tenderId), fee.amount),
      }),
      (fee) => ({
        // The receipt names the payment's entry in the audit log, so the fee cites it.
        cite: (entry) => ({
          replace: [
            {
              record: {
                kind: 'serviceFee',
                value: {
                  ...fee,
                  status: 'paid',
                  payment: { reference: row.reference, counterparty, paidAt: at, entryIndex: entry.index },
                  version: fee.version + 1,
                },
              },
              expect: { version: fee.version },
            },
          ],
        }),
      }),
    );
  }
  if (row.amount > 0) {
    const subAccount = row.subAccount ? await deps.store.subAccount(row.subAccount) : undefined;
    if (!subAccount) return { matched: false, reason: 'no sub-account with this number' };
    await post(deps, actor, {
      ...common,
      kind: 'bond-paid',
      tenderId: subAccount.tenderId,
      postings: transfer('custody', bondAccount(subAccount.tenderId, subAccount.number), row.amount),
    });
    // A bond that reached a terminated tender (the bank's day late) goes back as its termination says.
    await refundAfterTermination(deps, subAccount, new Date(at), row.reference);
    return { matched: true };
  }
  return settle(
    deps,
    actor,
    { ...common, amount: row.amount },
    'refund',
    row.memo ? await deps.store.refund(row.memo) : undefined,
    (refund) => ({
      kind: 'refund-paid',
      tenderId: refund.tenderId,
      refundId: refund.id,
      postings: transfer('refunds-payable', 'custody', refund.amount),
    }),
    (refund) => ({
      replace: [
        {
          record: {
            kind: 'refund',
            value: { ...refund, status: 'paid', paidAt: at, version: refund.version + 1 },
          },
          expect: { version: refund.version },
        },
      ],
    }),
  );
};

/**
 * Staff import a bank statement of the custody account (CSV). Every row is validated first and
 * a bad row refuses the whole file, naming its line and field. Rows are then matched: a credit
 * to a sub-account pays that bond, a credit citing a service fee (`SF-<tender>`) pays it, a debit
 * citing a refund pays it; the rest are listed as unmatched. Each row posts under its bank reference, so the same statement twice — or two
 * statements sharing rows — posts each row once, and an import interrupted midway completes when sent again.
 */
export const importStatement = async (deps: LedgerDeps, caller: Caller, input: ImportStatement) => {
  const rows = parseStatement(input.csv);
  const id = createHash('sha256').update(input.csv).digest('hex');
  const earlier = await deps.store.statement(id);
  if (earlier) return { statement: earlier, repeated: true };
  const at = deps.clock.now().toISOString();
  const unmatched: Statement['unmatched'] = [];
  for (const row of rows) {
    const outcome = await matchRow(deps, caller, row, at);
    if (!outcome.matched)
      unmatched.push({
        line: row.line,
        reference: row.reference,
        amount: row.amount,
        reason: outcome.reason,
      });
  }
  const statement: Statement = {
    id,
    importedAt: at,
    importedBy: caller.user,
    rows: rows.length,
    matched: rows.length - unmatched.length,
    unmatched,
  };
  try {
    await deps.store.commit({
      entry: {
        actor: actorOf(caller),
        action: 'ledger.statement-imported',
        subject: {},
        confidential: { statement },
      },
      create: [{ kind: 'statement', value: statement, day: cstDate(new Date(at)) }],
    });
  } catch (error) {
    const first =
      error instanceof DomainError && error.code === 'CONFLICT' && (await deps.store.statement(id));
    if (first) return { statement: first, repeated: true };
    throw error;
  }
  return { statement, repeated: false };
};
