// The Fernhill example's stack, synthesized as `cdk synth` builds it (with the AwsSolutions cdk-nag
// checks, which stop synthesis on a finding), and a reader for its template that the stack tests
// share: logical ids of constructs, resources by type, and the IAM statements of the roles.
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadProfile } from '#adapters/config/load-profile';
import type { Profile } from '#domain/profile';
import { CongruenceStack } from '#infra/stack';

export type Resource = {
  Type: string;
  // biome-ignore lint/suspicious/noExplicitAny: CloudFormation properties are untyped JSON
  Properties?: Record<string, any>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  DependsOn?: string[];
};
export type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

export const actionsOf = (statement: Statement): string[] => [statement.Action].flat();

/** Reads the synthesized template of one stack in terms of its constructs. */
export class TemplateReader {
  constructor(
    readonly stack: CongruenceStack,
    readonly template: Template,
  ) {}

  logicalId(construct: { node: { defaultChild?: unknown } }): string {
    return this.stack.getLogicalId(construct.node.defaultChild as Parameters<CongruenceStack['getLogicalId']>[0]);
  }

  resources(type: string): [string, Resource][] {
    return Object.entries(this.template.findResources(type) as Record<string, Resource>);
  }

  /** The Properties of a construct's CloudFormation resource. */
  // biome-ignore lint/suspicious/noExplicitAny: CloudFormation properties are untyped JSON
  propertiesOf(construct: { node: { defaultChild?: unknown } }): Record<string, any> {
    return (this.template.toJSON().Resources as Record<string, Resource>)[this.logicalId(construct)]!.Properties!;
  }

  /** Every statement of every IAM policy in the stack. */
  statements(): Statement[] {
    return this.resources('AWS::IAM::Policy').flatMap(
      ([, policy]) => policy.Properties!.PolicyDocument.Statement as Statement[],
    );
  }

  /** The statements of the policies attached to the role with this logical id. */
  policyStatementsOfRole(roleId: string): Statement[] {
    return this.resources('AWS::IAM::Policy')
      .filter(([, policy]) => JSON.stringify(policy.Properties!.Roles) === JSON.stringify([{ Ref: roleId }]))
      .flatMap(([, policy]) => policy.Properties!.PolicyDocument.Statement as Statement[]);
  }
}

export interface FernhillStack {
  readonly app: App;
  readonly stack: CongruenceStack;
  readonly template: Template;
  readonly read: TemplateReader;
  readonly profile: Profile;
  /** The cloud assembly folder, where the function bundles are. */
  readonly assemblyDir: string;
}

/** Builds and synthesizes the stack for examples/fernhill/brand.yaml; takes several seconds (bundling). */
export function synthesizeFernhillStack(): FernhillStack {
  const loaded = loadProfile('examples/fernhill/brand.yaml');
  const app = new App();
  const stack = new CongruenceStack(app, 'Congruence-test', {
    profile: loaded.profile,
    configDir: loaded.baseDir,
    alarmEmail: 'ops@fernhillbikes.example',
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  // Synthesizes (and runs the registered cdk-nag plugin, which stops synthesis on a finding).
  const template = Template.fromStack(stack);
  const assemblyDir = app.synth().directory;
  return { app, stack, template, read: new TemplateReader(stack, template), profile: loaded.profile, assemblyDir };
}
