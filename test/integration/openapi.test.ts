import { allRoutes } from '../../packages/api-catalog/catalog';
import { callApi } from '../support/local-stack';
import { structuralProblems } from '../unit/api-contract/structural-check';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('GET /openapi.json', () => {
  it('describes every route of the platform with its roles and error shapes', async () => {
    const { status, body } = await callApi<Json>('/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    expect(structuralProblems(body as never)).toEqual([]);
    const operations = Object.values(body.paths as Json).flatMap((item: Json) =>
      Object.values(item),
    ) as Json[];
    expect(operations.map((o) => o.operationId).sort()).toEqual(allRoutes.map((r) => r.operationId).sort());
    const register = operations.find((o) => o.operationId === 'registerForTender')!;
    expect(register['x-sunlit-roles']).toEqual(['bidder']);
    expect(register.responses['403']).toBeDefined();
  });
});
