import { AnyRoute, pathParameterNames } from '../../packages/api-contract/route';

/**
 * Well-formed values for every path parameter of the catalog, naming nothing that exists: a call
 * that gets past access and validation finds no record, so it changes nothing.
 */
const placeholders: Record<string, string> = {
  id: 'T-2026-NOSUCHID',
  documentId: 'D-2026-NOSUCHID',
  bidId: 'B-2026-NOSUCHID',
  bookingId: 'BOOKING-2026-NOSUCHID',
  version: '1',
  number: '1',
  index: '999999999',
  org: 'ORG-NOSUCH-1',
  ocid: 'ocds-sunlit-T-2026-NOSUCHID',
  name: 'no-such-witness',
  // A year no test keeps a calendar for.
  year: '2099',
  // A month of that year: its report reads no time limit and no case.
  month: '2099-01',
};

/** The concrete path of a route, with placeholders for its parameters. */
export const placeholderPath = (route: AnyRoute): string =>
  pathParameterNames(route.path).reduce((path, name) => {
    const value = placeholders[name];
    if (!value) throw new Error(`No placeholder for the path parameter {${name}} of ${route.operationId}.`);
    return path.replace(`{${name}}`, value);
  }, route.path as string);

export const allows = (route: AnyRoute, role: string | undefined): boolean =>
  route.access === 'public' || (role !== undefined && (route.access as readonly string[]).includes(role));
