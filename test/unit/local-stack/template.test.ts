import { flattenClaims } from '../../../packages/local-stack/gateway';
import { SynthesizedStack } from '../../../packages/local-stack/template';

const stack = new SynthesizedStack(
  {
    Resources: {
      Table1: { Type: 'AWS::DynamoDB::GlobalTable' },
      DocsBucket: { Type: 'AWS::S3::Bucket' },
      Fn: {
        Type: 'AWS::Lambda::Function',
        Properties: { Environment: { Variables: { TABLE_NAME: { Ref: 'Table1' } } } },
      },
      Machine: { Type: 'AWS::StepFunctions::StateMachine' },
    },
  },
  'Demo',
);

describe('resolving the template for the local stack', () => {
  it('resolves Ref to local names and pseudo-parameters', () => {
    expect(stack.resolve({ Ref: 'Table1' })).toBe('Table1');
    expect(stack.resolve({ Ref: 'DocsBucket' })).toBe('docsbucket');
    expect(stack.resolve({ Ref: 'AWS::Region' })).toBe('us-east-1');
    expect(stack.property('Fn', 'Environment')).toEqual({ Variables: { TABLE_NAME: 'Table1' } });
  });

  it('resolves Fn::GetAtt, Fn::Join and Fn::Sub together', () => {
    const joined = stack.resolve({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':x/', { 'Fn::GetAtt': ['Fn', 'Arn'] }]],
    });
    expect(joined).toBe('arn:aws:x/arn:aws:lambda:us-east-1:000000000000:function:Fn');
    expect(stack.resolve({ 'Fn::Sub': ['${T}/index/*', { T: { 'Fn::GetAtt': ['Table1', 'Arn'] } }] })).toBe(
      'arn:aws:dynamodb:us-east-1:000000000000:table/Table1/index/*',
    );
    expect(stack.resolve({ 'Fn::Sub': '${Machine}' })).toBe(
      'arn:aws:states:us-east-1:000000000000:stateMachine:Machine',
    );
  });

  it('finds the resource behind a resolved name or ARN', () => {
    expect(stack.logicalIdOf('arn:aws:lambda:us-east-1:000000000000:function:Fn')).toBe('Fn');
    expect(stack.logicalIdOf('docsbucket')).toBe('DocsBucket');
    expect(stack.logicalIdOf('nothing')).toBeUndefined();
  });

  it('refuses an attribute it cannot resolve rather than guessing', () => {
    expect(() => stack.resolve({ 'Fn::GetAtt': ['DocsBucket', 'WebsiteURL'] })).toThrow(/not supported/);
  });

  it('passes claims to functions as API Gateway does: arrays bracketed, numbers as text', () => {
    expect(flattenClaims({ 'cognito:groups': ['staff', 'regulator'], exp: 1700000000, sub: 'u' })).toEqual({
      'cognito:groups': '[staff regulator]',
      exp: '1700000000',
      sub: 'u',
    });
  });
});
