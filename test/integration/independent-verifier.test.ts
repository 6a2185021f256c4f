import { createPublicKey, generateKeyPairSync } from 'node:crypto';
// Sigstore's own verifier, written from RFC 6962 and the signed-note format by other people:
// it checks our checkpoints and inclusion proofs without any of our audit-log code.
import { verifyCheckpoint } from '@sigstore/verify/dist/tlog/checkpoint';
import { verifyMerkleInclusion } from '@sigstore/verify/dist/tlog/merkle';
import { httpLogClient } from '../../packages/audit-log/http-log-client';
import { callApi, stackInfo } from '../support/local-stack';

describe('an independent implementation of RFC 6962/9162 and signed notes', () => {
  it("verifies the running log's checkpoint signature and every entry's inclusion proof", async () => {
    const client = httpLogClient(stackInfo().api);
    const { body: key } = await callApi<{ publicKey: string; verifierKey: string; origin: string }>(
      '/audit/public-key',
    );
    const keyId = Buffer.from(key.verifierKey.split('+')[1]!, 'hex');
    const tlog = {
      logID: Buffer.concat([keyId, Buffer.alloc(28)]),
      baseURL: `https://${key.origin}`,
      publicKey: createPublicKey({
        key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(key.publicKey, 'base64').toString('base64url') },
        format: 'jwk',
      }),
    };
    const envelope = await client.checkpoint();
    const checkpoint = verifyCheckpoint(
      { inclusionProof: { checkpoint: { envelope } } } as never,
      [tlog] as never,
    );
    const size = Number(checkpoint.logSize);
    expect(size).toBeGreaterThan(0);

    const { entries } = await client.entries(0, Math.min(size, 1000));
    // The bytes as logged, served beside each entry: what the leaf covers, never re-serialized.
    for (const { index, canonical } of entries) {
      const { auditPath } = await client.inclusion(index, size);
      const canonicalizedBody = Buffer.from(canonical, 'utf8');
      const inclusionProof = { logIndex: String(index), hashes: auditPath.map((h) => Buffer.from(h, 'hex')) };
      expect(() =>
        verifyMerkleInclusion({ canonicalizedBody, inclusionProof } as never, checkpoint),
      ).not.toThrow();
    }

    const tampered = Buffer.from(entries[0]!.canonical.replace('"action":"', '"action":"x'), 'utf8');
    const { auditPath } = await client.inclusion(0, size);
    const proof = { logIndex: '0', hashes: auditPath.map((h) => Buffer.from(h, 'hex')) };
    expect(() =>
      verifyMerkleInclusion({ canonicalizedBody: tampered, inclusionProof: proof } as never, checkpoint),
    ).toThrow();
  }, 60_000);

  it('refuses our checkpoint under another key', async () => {
    const envelope = await httpLogClient(stackInfo().api).checkpoint();
    const { publicKey } = generateKeyPairSync('ed25519');
    const { body: key } = await callApi<{ verifierKey: string; origin: string }>('/audit/public-key');
    const tlog = {
      logID: Buffer.concat([Buffer.from(key.verifierKey.split('+')[1]!, 'hex'), Buffer.alloc(28)]),
      baseURL: `https://${key.origin}`,
      publicKey,
    };
    expect(() =>
      verifyCheckpoint({ inclusionProof: { checkpoint: { envelope } } } as never, [tlog] as never),
    ).toThrow('invalid checkpoint signature');
  });
});
