import { authorizerVerdict } from '../../../packages/local-stack/websocket';

const arn = 'arn:aws:execute-api:local:000000000000:room1/live/$connect';
const answer = (
  effect: string,
  resource: string | string[] = arn,
  context: Record<string, unknown> = {},
) => ({
  principalId: 'bidder3',
  policyDocument: { Statement: [{ Effect: effect, Action: 'execute-api:Invoke', Resource: resource }] },
  context,
});

describe("the local gateway reads a $connect authorizer's answer as API Gateway does", () => {
  it('lets the connection in with the context when a statement allows its $connect', () => {
    expect(authorizerVerdict(answer('Allow', arn, { role: 'bidder', tokenExpiresAt: 1 }), arn)).toEqual({
      context: { role: 'bidder', tokenExpiresAt: 1, principalId: 'bidder3' },
    });
    expect(
      authorizerVerdict(answer('Allow', 'arn:aws:execute-api:*:*:room1/*'), arn).refused,
    ).toBeUndefined();
    // One statement may stand alone, as IAM allows, and an action may be a pattern.
    const single = {
      principalId: 'p',
      policyDocument: { Statement: { Effect: 'Allow', Action: 'execute-api:*', Resource: arn } },
    };
    expect(authorizerVerdict(single, arn)).toEqual({ context: { principalId: 'p' } });
  });

  it('refuses with 403 a Deny, or an Allow of another resource', () => {
    expect(authorizerVerdict(answer('Deny'), arn)).toEqual({ refused: 403 });
    expect(authorizerVerdict(answer('Allow', `${arn}x`), arn)).toEqual({ refused: 403 });
    expect(authorizerVerdict(answer('Allow', 'arn:aws:execute-api:local:000000000000:room2/*'), arn)).toEqual(
      {
        refused: 403,
      },
    );
    const otherAction = answer('Allow');
    otherAction.policyDocument.Statement[0]!.Action = 'execute-api:ManageConnections';
    expect(authorizerVerdict(otherAction, arn)).toEqual({ refused: 403 });
    const both = answer('Allow');
    both.policyDocument.Statement.push({ Effect: 'Deny', Action: 'execute-api:Invoke', Resource: arn });
    expect(authorizerVerdict(both, arn)).toEqual({ refused: 403 });
  });

  it('fails with 500 on a malformed answer: no principal, no policy, a context value not a scalar', () => {
    expect(authorizerVerdict({ policyDocument: answer('Allow').policyDocument }, arn)).toEqual({
      refused: 500,
    });
    expect(authorizerVerdict({ principalId: 'x' }, arn)).toEqual({ refused: 500 });
    expect(authorizerVerdict(answer('Allow', arn, { roles: ['bidder'] }), arn)).toEqual({ refused: 500 });
  });
});
