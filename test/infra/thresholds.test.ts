import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { SunlitStack } from '../../infra/sunlit-stack';

/** The stack with a city's own settings as cdk context, synthesized without bundling the functions. */
const synth = (context: Record<string, unknown>) =>
  Template.fromStack(
    new SunlitStack(new App({ context: { 'aws:cdk:bundling-stacks': [], ...context } }), 'Sunlit'),
  );

/** The functions (by logical id, without CDK's hash) whose environment holds `name` = `value`. */
const functionsWith = (template: Template, name: string, value: string) =>
  Object.keys(
    template.findResources('AWS::Lambda::Function', {
      Properties: { Environment: { Variables: { [name]: value } } },
    }),
  )
    .map((id) => id.replace(/[0-9A-F]{8}$/, ''))
    .sort();

describe("a city's open-tendering threshold (公开招标数额标准)", () => {
  it('reaches the functions that list procedures and check tenders, and no other', () => {
    const template = synth({ gpOpenTenderingThresholdFen: '200000000' });
    expect(functionsWith(template, 'GP_OPEN_TENDERING_THRESHOLD_FEN', '200000000')).toEqual([
      'PlatformFunction',
      'TendersFunction',
    ]);
  });

  it('is refused at synthesis unless a whole number of fen', () => {
    expect(() => synth({ gpOpenTenderingThresholdFen: '2000000.5' })).toThrow(/whole number of fen/);
  });
});

describe("a city's service fee schedule (交易服务费)", () => {
  const city = {
    collector: '某市公共资源交易中心',
    rows: { works: { name: '工程交易', bands: [{ percent: 0.1 }], source: '某价费〔2020〕12号' } },
  };

  it('reaches the functions that publish results, from JSON on the command line or an object in cdk.json', () => {
    for (const given of [JSON.stringify(city), city]) {
      const template = synth({ serviceFeeSchedule: given });
      expect(functionsWith(template, 'SERVICE_FEE_SCHEDULE', JSON.stringify(city))).toEqual([
        'AwardFunction',
        'TenderLifecycleplatformstep',
      ]);
    }
  });

  it('is refused at synthesis when it breaks a rule, naming the field', () => {
    const bad = { ...city, rows: { works: { ...city.rows.works, bands: [{ percent: 120 }] } } };
    expect(() => synth({ serviceFeeSchedule: JSON.stringify(bad) })).toThrow(
      /rows\.works\.bands\.0\.percent must be at most 100/,
    );
  });
});
