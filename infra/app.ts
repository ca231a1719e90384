// CDK app entry (cdk.json points here). The AWS stack is not built yet: this placeholder
// synthesizes nothing and says so, and exits non-zero so no pipeline mistakes it for a stack.
process.stderr.write(
  'congruence synth: the AWS stack is not built yet; local mode (npx congruence ...) is the way to run Congruence today.\n',
);
process.exitCode = 2;
