import { allRoutes } from '../../../packages/api-catalog';
import { hostileStrings, inputSchema, stringFields } from '../../support/hostile-input';

const bodies = allRoutes.flatMap((route) =>
  route.request.body ? [[`${route.method} ${route.path}`, route.request.body] as const] : [],
);

/**
 * Every string field of every request body, found in the body's published JSON Schema, refuses
 * every hostile string with an issue at that very field: one shared text schema, no exceptions.
 */
describe('hostile strings in every string field of every request body', () => {
  it('finds the string fields to check', () => {
    expect(bodies.length).toBeGreaterThan(20);
    expect(bodies.flatMap(([, body]) => stringFields(inputSchema(body))).length).toBeGreaterThan(40);
  });

  it.each(bodies)('%s refuses each at the field', (_, body) => {
    const refusedElsewhere: string[] = [];
    for (const { path, bodyWith } of stringFields(inputSchema(body))) {
      for (const [kind, hostile] of Object.entries(hostileStrings)) {
        const parsed = body.safeParse(bodyWith(hostile));
        const atField = parsed.error?.issues.some((i) => JSON.stringify(i.path) === JSON.stringify(path));
        if (!atField) refusedElsewhere.push(`${path.join('.') || '(body)'} took ${kind}`);
      }
    }
    expect(refusedElsewhere).toEqual([]);
  });
});
