import { createHash } from 'node:crypto';
import {
  type AuditEntry,
  canonicalEntryBytes,
  canonicalEntryText,
  leafHashOfEntry,
} from '../../../packages/audit-log/entry';
import { sha256Hex } from '../../../packages/audit-log/hash';
import { Sha256Hex } from '../../../packages/kernel/schemas';
import { prepareEntry } from '../../../packages/audit-log/new-entry';

const anEntry = (overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  index: 7,
  time: '2026-03-01T08:30:00Z',
  actor: { role: 'staff', user: 'wang.li', org: 'center' },
  action: 'tender.published',
  subject: { tenderId: 'T-2026-001' },
  data: { documentsSha256: sha256Hex(Buffer.from('tender documents v1')), deadline: '2026-03-21T09:00:00Z' },
  ...overrides,
});

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe('audit entry canonical form', () => {
  it('is RFC 8785 JSON: keys sorted, no whitespace', () => {
    const entry = anEntry({ data: { b: 2, a: [true, null, 'x'] } });

    expect(text(canonicalEntryBytes(entry))).toBe(
      '{"action":"tender.published","actor":{"org":"center","role":"staff","user":"wang.li"},' +
        '"data":{"a":[true,null,"x"],"b":2},"index":7,"subject":{"tenderId":"T-2026-001"},' +
        '"time":"2026-03-01T08:30:00Z"}',
    );
  });

  it('sorts keys by UTF-16 code units and writes numbers as RFC 8785 does', () => {
    // Keys: the sorting example of RFC 8785 §3.2.3. Numbers: its Appendix B.
    const entry = anEntry({
      data: {
        '\u20ac': 'Euro Sign',
        '\r': 'Carriage Return',
        '\ufb33': 'Hebrew Letter Dalet With Dagesh',
        '1': 'One',
        '\ud83d\ude00': 'Emoji: Grinning Face',
        '\u0080': 'Control',
        '\u00f6': 'Latin Small Letter O With Diaeresis',
        numbers: [
          '1e21',
          '333333333.33333329',
          '1E30',
          '4.50',
          '2e-3',
          '0.000000000000000000000000001',
          '-0',
        ].map(Number),
      },
    });

    const data = /"data":(\{.*?\}),"index"/su.exec(text(canonicalEntryBytes(entry)))?.[1];

    expect(data).toBe(
      '{"\\r":"Carriage Return","1":"One","numbers":[1e+21,333333333.3333333,1e+30,4.5,0.002,1e-27,0],' +
        '"\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('does not depend on the order fields were written in', () => {
    const entry = anEntry();
    const reordered = {
      data: { deadline: entry.data.deadline, documentsSha256: entry.data.documentsSha256 },
      subject: entry.subject,
      action: entry.action,
      actor: { user: 'wang.li', org: 'center', role: 'staff' },
      time: entry.time,
      index: entry.index,
    } as AuditEntry;

    expect(Buffer.from(leafHashOfEntry(reordered)).equals(leafHashOfEntry(entry))).toBe(true);
  });

  it('is hashed as an RFC 9162 leaf: SHA-256 of 0x00 and the canonical bytes', () => {
    const entry = anEntry();
    const expected = createHash('sha256')
      .update(Uint8Array.of(0))
      .update(canonicalEntryBytes(entry))
      .digest('hex');

    expect(Buffer.from(leafHashOfEntry(entry)).toString('hex')).toBe(expected);
  });

  it('changes its leaf hash when any field changes', () => {
    const base = Buffer.from(leafHashOfEntry(anEntry())).toString('hex');
    const variants = [
      anEntry({ index: 8 }),
      anEntry({ time: '2026-03-01T08:30:01Z' }),
      anEntry({ actor: { role: 'staff', user: 'wang.li' } }),
      anEntry({ action: 'tender.amended' }),
      anEntry({ subject: { tenderId: 'T-2026-002' } }),
      anEntry({ data: {} }),
    ];

    const hashes = variants.map((entry) => Buffer.from(leafHashOfEntry(entry)).toString('hex'));

    expect(new Set([base, ...hashes]).size).toBe(variants.length + 1);
  });
});

describe('audit entry validation', () => {
  it.each([
    ['an unknown field', { ...anEntry(), extra: 1 }, 'entry'],
    ['a negative index', anEntry({ index: -1 }), 'entry.index'],
    ['a time with an offset instead of UTC', anEntry({ time: '2026-03-01T16:30:00+08:00' }), 'entry.time'],
    ['an unknown role', anEntry({ actor: { role: 'public' as 'staff', user: 'x' } }), 'entry.actor.role'],
    ['an empty user', anEntry({ actor: { role: 'system', user: '' } }), 'entry.actor.user'],
    ['an action that is not dotted words', anEntry({ action: 'Published' }), 'entry.action'],
    ['an empty subject id', anEntry({ subject: { tenderId: '' } }), 'entry.subject.tenderId'],
    ['a value JSON cannot carry', anEntry({ data: { amount: Number.NaN } }), 'entry.data.amount'],
  ])('refuses %s, naming the field', (_, entry, field) => {
    expect(() => canonicalEntryBytes(entry as AuditEntry)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', details: expect.objectContaining({ field }) }),
    );
  });

  it('accepts only lowercase SHA-256 hex as a digest', () => {
    expect(Sha256Hex.safeParse(sha256Hex(Buffer.from('bid ciphertext'))).success).toBe(true);
    expect(Sha256Hex.safeParse('AB'.repeat(32)).success).toBe(false);
    expect(Sha256Hex.safeParse('ab'.repeat(31)).success).toBe(false);
  });
});

describe('entries as I-JSON', () => {
  it('refuses a lone surrogate anywhere in a change, naming where, before anything is logged', () => {
    const change = {
      actor: { role: 'staff' as const, user: 'staff1' },
      action: 'tender.created',
      subject: { tenderId: 'T-1' },
      data: { name: 'ok' },
      confidential: { registration: { note: 'ab\ud800cd' } },
    };
    expect(() => prepareEntry(0, new Date('2026-12-01T00:00:00Z'), change)).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        details: { field: 'confidential.registration.note' },
      }),
    );
    expect(() =>
      prepareEntry(0, new Date('2026-12-01T00:00:00Z'), { ...change, confidential: undefined }),
    ).not.toThrow();
  });
});

describe('entries refused unless JSON carries them unchanged', () => {
  const change = (data: Record<string, unknown>, confidential?: Record<string, unknown>) => ({
    actor: { role: 'staff' as const, user: 'staff1' },
    action: 'tender.created',
    subject: { tenderId: 'T-1' },
    data: data as never,
    confidential,
  });
  const at = new Date('2026-12-01T00:00:00Z');

  it.each([
    ['NaN', change({ amount: Number.NaN }), 'data.amount', 'finite'],
    ['Infinity', change({ amount: Number.POSITIVE_INFINITY }), 'data.amount', 'finite'],
    ['negative zero', change({ amount: -0 }), 'data.amount', 'negative zero'],
    ['an integer past 2^53', change({ amount: 2 ** 53 }), 'data.amount', '2^53'],
    ['a Date', change({}, { bid: { at: new Date(0) } }), 'confidential.bid.at', 'plain object'],
    ['a bigint', change({}, { bid: { size: 10n } }), 'confidential.bid.size', 'bigint'],
    ['undefined in an array', change({ list: [1, undefined] }), 'data.list.1', 'undefined'],
    ['a key with a lone surrogate', change({ ['a\ud800']: 1 }), 'data.a\ud800', 'Unicode'],
  ])('refuses %s, naming the field and the rule, before anything is hashed', (_, bad, field, rule) => {
    let thrown: unknown;
    try {
      prepareEntry(0, at, bad);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'VALIDATION_FAILED', details: { field } });
    expect((thrown as Error).message).toContain(rule);
  });

  it('accepts every JSON value that round-trips, and an undefined property of a record as absent', () => {
    const { entry } = prepareEntry(
      0,
      at,
      change({ n: 2 ** 53 - 1, x: 0.1, s: '中文', a: [null, true] }, { bid: { size: 1, note: undefined } }),
    );
    expect(JSON.parse(canonicalEntryText(entry))).toEqual(entry);
    expect(entry.data).toHaveProperty('bidSha256');
  });
});
