import * as z from 'zod';
import { defineRoute } from '../api-contract';
import { AuditEntry } from './entry';
import { ConsistencyQuery, EntriesQuery, InclusionQuery, RecordPath } from './log-reader';
import { RegisterWitness, SubmitCosignature, Witness, WitnessPath } from './witness';

const Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const checkpointRoute = defineRoute({
  operationId: 'getCheckpoint',
  method: 'GET',
  path: '/audit/checkpoint',
  summary: "The log's latest checkpoint, a C2SP signed note with its witnesses' cosignatures",
  tags: ['audit'],
  access: 'public',
  responses: { 200: { description: 'The signed checkpoint', schema: z.string(), contentType: 'text/plain' } },
});

export const publicKeyRoute = defineRoute({
  operationId: 'getAuditPublicKey',
  method: 'GET',
  path: '/audit/public-key',
  summary: 'The Ed25519 key that signs checkpoints',
  tags: ['audit'],
  access: 'public',
  responses: {
    200: {
      description: 'The key',
      schema: z.object({
        origin: z.string(),
        keyName: z.string(),
        algorithm: z.literal('Ed25519'),
        publicKey: z.string(),
        verifierKey: z.string(),
      }),
    },
  },
});

export const entriesRoute = defineRoute({
  operationId: 'getAuditEntries',
  method: 'GET',
  path: '/audit/entries',
  summary: 'Entries start ≤ index < end (at most 1000), each with its leaf hash and its logged text',
  tags: ['audit'],
  access: 'public',
  request: { query: EntriesQuery },
  responses: {
    200: {
      description: 'A page of entries',
      schema: z.object({
        entries: z.array(
          z.object({
            index: z.int(),
            leafHash: Hex,
            entry: AuditEntry,
            /** The entry exactly as logged (RFC 8785); its UTF-8 bytes are the leaf's data. */
            canonical: z.string(),
          }),
        ),
      }),
    },
  },
});

export const inclusionRoute = defineRoute({
  operationId: 'getInclusionProof',
  method: 'GET',
  path: '/audit/proofs/inclusion',
  summary: 'The inclusion proof of an entry in the tree of a given size (RFC 9162 §2.1.3)',
  tags: ['audit'],
  access: 'public',
  request: { query: InclusionQuery },
  responses: {
    200: {
      description: 'The proof',
      schema: z.object({ index: z.int(), size: z.int(), leafHash: Hex, auditPath: z.array(Hex) }),
    },
  },
});

export const consistencyRoute = defineRoute({
  operationId: 'getConsistencyProof',
  method: 'GET',
  path: '/audit/proofs/consistency',
  summary: 'The consistency proof between two tree sizes (RFC 9162 §2.1.4)',
  tags: ['audit'],
  access: 'public',
  request: { query: ConsistencyQuery },
  responses: {
    200: {
      description: 'The proof',
      schema: z.object({ first: z.int(), second: z.int(), proof: z.array(Hex) }),
    },
  },
});

export const recordRoute = defineRoute({
  operationId: 'getAuditRecord',
  method: 'GET',
  path: '/audit/records/{index}',
  summary: 'The confidential record behind an entry',
  tags: ['audit'],
  access: ['regulator'],
  request: { path: RecordPath },
  responses: {
    200: {
      description: 'The entry and its record',
      schema: z.object({ index: z.int(), entry: AuditEntry, record: z.unknown() }),
    },
  },
});

export const witnessesRoute = defineRoute({
  operationId: 'listWitnesses',
  method: 'GET',
  path: '/audit/witnesses',
  summary: "The log's witnesses, each with the latest checkpoint it cosigned (C2SP tlog-cosignature)",
  tags: ['audit'],
  access: 'public',
  responses: { 200: { description: 'The witnesses', schema: z.object({ witnesses: z.array(Witness) }) } },
});

export const registerWitnessRoute = defineRoute({
  operationId: 'registerWitness',
  method: 'PUT',
  path: '/audit/witnesses/{name}',
  summary: "Register (or rotate) a witness's cosigning key; logged as audit.witness-registered",
  tags: ['audit'],
  access: ['regulator'],
  request: { path: WitnessPath, body: RegisterWitness },
  responses: { 200: { description: 'The witness', schema: Witness } },
});

export const submitCosignatureRoute = defineRoute({
  operationId: 'submitCosignature',
  method: 'POST',
  path: '/audit/witnesses/{name}/cosignatures',
  summary: "A witness's cosignature of a checkpoint it checked against the last one it saw",
  tags: ['audit'],
  access: ['regulator'],
  request: { path: WitnessPath, body: SubmitCosignature },
  responses: { 200: { description: 'The witness with its cosigned checkpoint', schema: Witness } },
});

/** The routes that read the log: entries, proofs, the verifier key, witnesses, and (for regulators) records. */
export const auditReadRoutes = [
  publicKeyRoute,
  entriesRoute,
  inclusionRoute,
  consistencyRoute,
  recordRoute,
  witnessesRoute,
] as const;

/**
 * The routes that need the signing key's function: the checkpoint, signed when the log has grown,
 * and the witnesses' registrations and cosignatures, checked against the log's own key.
 */
export const checkpointRoutes = [checkpointRoute, registerWitnessRoute, submitCosignatureRoute] as const;
