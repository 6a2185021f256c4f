import { matchRoute, Route } from '../../../packages/local-stack/routes';

const route = (routeKey: string): Route => {
  const [method = '', path = ''] = routeKey.split(' ');
  return { routeKey, method, segments: path.split('/').filter(Boolean), functionId: routeKey };
};

describe('route matching in the local gateway', () => {
  const routes = [
    'GET /tenders/{id}',
    'GET /tenders/open',
    'ANY /tenders/{id}',
    'GET /files/{path+}',
    'POST /tenders',
  ].map(route);

  it('prefers a literal segment over a parameter', () => {
    expect(matchRoute(routes, 'GET', '/tenders/open')?.route.routeKey).toBe('GET /tenders/open');
  });

  it('fills path parameters, decoded', () => {
    expect(matchRoute(routes, 'GET', '/tenders/T%2D1')).toMatchObject({
      route: { routeKey: 'GET /tenders/{id}' },
      pathParameters: { id: 'T-1' },
    });
  });

  it('prefers a method over ANY, and falls back to ANY', () => {
    expect(matchRoute(routes, 'DELETE', '/tenders/T-1')?.route.routeKey).toBe('ANY /tenders/{id}');
  });

  it('lets a greedy parameter take the rest of the path', () => {
    expect(matchRoute(routes, 'GET', '/files/a/b/c.pdf')?.pathParameters).toEqual({ path: 'a/b/c.pdf' });
  });

  it('matches nothing for a malformed %-escape instead of failing', () => {
    expect(matchRoute(routes, 'GET', '/tenders/%E0%A4%A')).toBeUndefined();
  });

  it('matches nothing for an unknown path or a missing segment', () => {
    expect(matchRoute(routes, 'GET', '/tenders/T-1/bids')).toBeUndefined();
    expect(matchRoute(routes, 'GET', '/files')).toBeUndefined();
    expect(matchRoute(routes, 'PUT', '/tenders')).toBeUndefined();
  });
});
