import { DomainError, required, Caller } from '../kernel';
import { encodeKey, decodeKey, generateOpeningKey, splitOpeningKey } from '../sealed-bids';
import { actorOf } from '../audit-log';
import { CustodyDeps, CustodyReads } from './ports';
import { CustodianKey, Custodians, OpeningKey } from './model';

/** Staff and regulators register the public half of a key pair made on their own machine. */
export const registerCustodianKey = async (
  deps: CustodyDeps,
  caller: Caller,
  publicKey: string,
): Promise<CustodianKey> => {
  if (caller.role !== 'staff' && caller.role !== 'regulator') {
    throw new DomainError('FORBIDDEN', 'Only staff and regulators hold shares of opening keys.');
  }
  decodeKey(publicKey, 'publicKey');
  const existing = await deps.store.custodianKey(caller.user);
  if (existing?.publicKey === publicKey) return existing;
  const key: CustodianKey = {
    user: caller.user,
    role: caller.role,
    publicKey,
    registeredAt: deps.clock.now().toISOString(),
  };
  await deps.store.commit({
    entry: {
      actor: actorOf(caller),
      action: 'custodian.key-registered',
      subject: { user: caller.user },
      // A new key serves tenders published from now on; shares already made stay with the old one.
      data: { publicKey, ...(existing ? { replaces: existing.publicKey } : {}) },
    },
    replace: [{ record: { kind: 'custodianKey', value: key }, expect: {} }],
  });
  return key;
};

/**
 * The custodians chosen when staff name none: the publisher and two regulators, any two of whom
 * open the bids; with one regulator registered, the publisher, another staff member and the
 * regulator, all three needed. Either way every quorum includes a regulator.
 */
const defaultCustodians = (registered: CustodianKey[], publisher: Caller): Custodians => {
  const regulators = registered.filter((k) => k.role === 'regulator').map((k) => k.user);
  if (regulators.length >= 2) return { threshold: 2, users: [publisher.user, ...regulators.slice(0, 2)] };
  const otherStaff = registered.find((k) => k.role === 'staff' && k.user !== publisher.user)?.user;
  const users = [publisher.user, otherStaff, regulators[0]].filter((u): u is string => u !== undefined);
  return { threshold: users.length, users };
};

/**
 * The tender's custodians (开标密钥保管人): as staff set them, or by default (see above). Every
 * custodian needs a registered key, and the trading center alone must never reach the threshold:
 * staff custodians are fewer than K, so every quorum includes a custodian outside the center.
 */
export const custodiansFor = async (
  deps: { store: Pick<CustodyReads, 'custodianKeys'> },
  requested: Custodians | undefined,
  publisher: Caller,
): Promise<{ threshold: number; keys: CustodianKey[] }> => {
  const registered = await deps.store.custodianKeys();
  const byUser = new Map(registered.map((k) => [k.user, k]));
  const chosen = requested ?? defaultCustodians(registered, publisher);
  const missing = chosen.users.filter((u) => !byUser.has(u));
  if (missing.length > 0 || chosen.users.length < 2) {
    throw new DomainError(
      'CONFLICT',
      missing.length > 0
        ? `Custodians without a registered key: ${missing.join(', ')}; they run "sunlit custodian init" first.`
        : 'A tender needs at least two custodians with registered keys, one of them a regulator.',
      { field: 'custodians.users' },
    );
  }
  const keys = chosen.users.map((u) => byUser.get(u)!);
  const staff = keys.filter((k) => k.role === 'staff').length;
  if (staff >= chosen.threshold) {
    throw new DomainError(
      'RULE_VIOLATED',
      `${staff} of the custodians are trading-center staff and ${chosen.threshold} shares open the bids: the center alone could open them. Name fewer staff, more regulators, or a higher threshold, so every quorum includes a regulator.`,
      { field: 'custodians.threshold', rule: '平台规则' },
    );
  }
  return { threshold: chosen.threshold, keys };
};

/**
 * Makes the tender's opening key (开标密钥) and splits it among the custodians, each share
 * encrypted to its custodian. The private key is wiped here: it is never written anywhere.
 */
export const makeOpeningKey = async (
  tenderId: string,
  custodians: { threshold: number; keys: CustodianKey[] },
  at: Date,
): Promise<OpeningKey> => {
  const pair = await generateOpeningKey();
  try {
    const shares = await splitOpeningKey(pair.privateKey, {
      tenderId,
      threshold: custodians.threshold,
      custodians: custodians.keys.map((k) => ({
        id: k.user,
        publicKey: decodeKey(k.publicKey, 'publicKey'),
      })),
    });
    const roles = new Map(custodians.keys.map((k) => [k.user, k.role]));
    return {
      tenderId,
      publicKey: encodeKey(pair.publicKey),
      threshold: custodians.threshold,
      shares: shares.map((s) => ({ ...s, role: roles.get(s.custodian)! })),
      createdAt: at.toISOString(),
    };
  } finally {
    pair.privateKey.fill(0);
  }
};

/** What the public sees of an opening key: enough to seal a bid and to name a wrong share. */
export const publishedOpeningKey = (key: OpeningKey) => ({
  publicKey: key.publicKey,
  threshold: key.threshold,
  custodians: key.shares.map((s) => s.custodian),
  shares: key.shares.map((s) => ({ custodian: s.custodian, shareSha256: s.shareSha256 })),
  ...(key.privateKey ? { privateKey: key.privateKey } : {}),
});

export const requireOpeningKey = (deps: { store: Pick<CustodyReads, 'openingKey'> }, tenderId: string) =>
  required(deps.store.openingKey(tenderId), 'opening key of tender', tenderId);

/** Staff and regulators with a registered key: whom a tender's opening key can be split among. */
export const listCustodians = async (deps: { store: Pick<CustodyReads, 'custodianKeys'> }) => ({
  custodians: await deps.store.custodianKeys(),
});
