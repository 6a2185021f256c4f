import * as z from 'zod';
import { defineRoute } from '../api-contract';
import { CustodianKey, RegisterCustodianKey } from './model';
import { IdPath } from '../kernel';

export const registerCustodianKeyRoute = defineRoute({
  operationId: 'registerCustodianKey',
  method: 'PUT',
  path: '/me/custodian-key',
  summary: "Register the caller's X25519 public key; shares of opening keys are encrypted to it",
  tags: ['opening'],
  access: ['staff', 'regulator'],
  request: { body: RegisterCustodianKey },
  responses: { 200: { description: 'Registered', schema: CustodianKey } },
});

export const listCustodiansRoute = defineRoute({
  operationId: 'listCustodians',
  method: 'GET',
  path: '/custodians',
  summary: 'Staff and regulators with a registered custodian key',
  tags: ['opening'],
  access: ['staff', 'regulator'],
  responses: { 200: { description: 'Custodians', schema: z.object({ custodians: z.array(CustodianKey) }) } },
});

export const myShareRoute = defineRoute({
  operationId: 'getMyOpeningKeyShare',
  method: 'GET',
  path: '/tenders/{id}/opening-key/mine',
  summary: "The caller's encrypted share of the tender's opening key, to decrypt on their own machine",
  tags: ['opening'],
  access: ['staff', 'regulator'],
  request: { path: IdPath },
  responses: {
    200: {
      description: 'The encrypted share',
      schema: z.object({
        tenderId: z.string(),
        custodian: z.string(),
        encryptedShare: z.string(),
        shareSha256: z.string(),
        publicKey: z.string(),
        threshold: z.int(),
      }),
    },
  },
});

export const custodyRoutes = [registerCustodianKeyRoute, listCustodiansRoute, myShareRoute] as const;
