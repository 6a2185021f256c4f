import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { SunlitStack } from './sunlit-stack';

/** Builds the app; cdk-nag's AwsSolutions checks make synthesis fail on any unacknowledged finding. */
export const buildApp = (outdir?: string): { app: App; stack: SunlitStack } => {
  const app = new App({ outdir });
  const stack = new SunlitStack(app, 'Sunlit', {
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
};

if (require.main === module) buildApp().app.synth();
