import * as z from 'zod';
import { defineRoute } from '../api-contract';
import { CustodianKey, RegisterCustodianKey } from './model';

/** Custodians of opening keys: each registers the public half of a key made on their own machine. */
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
export const custodyRoutes = [registerCustodianKeyRoute, listCustodiansRoute] as const;
