import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { SunlitStack } from '../../infra/sunlit-stack';

/** The stack with a city's open-tendering threshold, synthesized without bundling the functions. */
const synth = (threshold: string) =>
  Template.fromStack(
    new SunlitStack(
      new App({ context: { 'aws:cdk:bundling-stacks': [], gpOpenTenderingThresholdFen: threshold } }),
      'Sunlit',
    ),
  );

describe("a city's open-tendering threshold (公开招标数额标准)", () => {
  it('reaches the functions that list procedures and check tenders, and no other', () => {
    const functions = synth('200000000').findResources('AWS::Lambda::Function', {
      Properties: { Environment: { Variables: { GP_OPEN_TENDERING_THRESHOLD_FEN: '200000000' } } },
    });
    expect(
      Object.keys(functions)
        .map((id) => id.replace(/Function.*$/, ''))
        .sort(),
    ).toEqual(['Platform', 'Tenders']);
  });

  it('is refused at synthesis unless a whole number of fen', () => {
    expect(() => synth('2000000.5')).toThrow(/whole number of fen/);
  });
});
