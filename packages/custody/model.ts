import * as z from 'zod';
import { Identifier, Name, Sha256Hex } from '../kernel';

/** An X25519 public or private key as the API writes it: 32 bytes, base64url without padding. */
export const Base64Key = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, 'must be 32 bytes as 43 base64url characters');

/** A custodian's registered public key: the platform encrypts opening-key shares to it. */
export const RegisterCustodianKey = z.strictObject({ publicKey: Base64Key });

export const CustodianKey = z.object({
  user: z.string(),
  role: z.enum(['staff', 'regulator']),
  publicKey: Base64Key,
  registeredAt: z.iso.datetime(),
});
export type CustodianKey = z.infer<typeof CustodianKey>;

/** Who holds a share of a tender's opening key, and how many shares open it (K of N). */
export const Custodians = z
  .strictObject({
    threshold: z.int().min(2, 'must be at least 2'),
    users: z
      .array(Name(128, 1))
      .min(2, 'must name at least 2 custodians')
      .max(10, 'must name at most 10 custodians')
      .refine((users) => new Set(users).size === users.length, 'must name each custodian once'),
  })
  .refine((c) => c.threshold <= c.users.length, {
    path: ['threshold'],
    message: 'must not exceed the number of custodians',
  });
export type Custodians = z.infer<typeof Custodians>;

/** A tender's opening key as stored: public key, encrypted shares, and (after the opening) the private key. */
export const OpeningKey = z.object({
  tenderId: Identifier,
  publicKey: Base64Key,
  threshold: z.int(),
  shares: z.array(
    z.object({ custodian: z.string(), role: z.string(), encryptedShare: z.string(), shareSha256: Sha256Hex }),
  ),
  createdAt: z.iso.datetime(),
  /** Published at the opening, so anyone can decrypt the stored ciphertexts and check the record. */
  privateKey: Base64Key.optional(),
});
export type OpeningKey = z.infer<typeof OpeningKey>;
