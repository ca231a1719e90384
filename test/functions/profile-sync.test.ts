// The profile-sync custom resource: what a deploy writes to the table, and how a bad profile fails it.
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeProfile } from '../support/profile';
import { coldStart, lambdaContext } from '#test/support/lambda';
import { useLocalTable } from '#test/support/local-table';

const TABLE = 'congruence-fn-profile';
const profile = makeProfile([
  { id: 'reviews', kind: 'rss', url: 'https://reviews.example/fernhill.xml', channel: 'review' },
]);
const table = useLocalTable(TABLE);
let handler: typeof import('#functions/profile-sync/handler').handler;

beforeAll(async () => {
  ({ handler } = await coldStart(
    { TABLE_NAME: TABLE, DYNAMODB_ENDPOINT: table.endpoint },
    () => import('#functions/profile-sync/handler'),
  ));
});

function event(requestType: 'Create' | 'Update' | 'Delete', profileJson: string): CloudFormationCustomResourceEvent {
  const common = {
    ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:provider',
    ResponseURL: 'https://cloudformation-custom-resource-response.example/',
    StackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/congruence/1',
    RequestId: 'request',
    LogicalResourceId: 'Profile',
    ResourceType: 'Custom::BrandProfile',
    ResourceProperties: {
      ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:provider',
      Profile: profileJson,
    },
  };
  if (requestType === 'Create') return { ...common, RequestType: 'Create' };
  const physical = {
    PhysicalResourceId: `profile-${profile.brand.id}`,
    OldResourceProperties: common.ResourceProperties,
  };
  return requestType === 'Update'
    ? { ...common, ...physical, RequestType: 'Update' }
    : { ...common, ...physical, RequestType: 'Delete' };
}

const storeOf = (brandId: string) => table.store({ brandId });

describe('the profile-sync custom resource', () => {
  it('writes the deployed profile on Create, where every function reads it', async () => {
    const answer = await handler(event('Create', JSON.stringify(profile)), lambdaContext('profile-sync'));
    expect(answer).toEqual({ PhysicalResourceId: `profile-${profile.brand.id}` });
    expect(await storeOf(profile.brand.id).getProfile()).toEqual(profile);
  });

  it('replaces it on Update and leaves it in place on Delete', async () => {
    const renamed = { ...profile, digest: { ...profile.digest, recipients: ['cmo@example.com'] } };
    await handler(event('Update', JSON.stringify(renamed)), lambdaContext('profile-sync'));
    expect((await storeOf(profile.brand.id).getProfile())?.digest.recipients).toEqual(['cmo@example.com']);
    expect(await handler(event('Delete', '{}'), lambdaContext('profile-sync'))).toEqual({
      PhysicalResourceId: `profile-${profile.brand.id}`,
    });
    expect((await storeOf(profile.brand.id).getProfile())?.digest.recipients).toEqual(['cmo@example.com']);
  });

  it('fails the deploy with the path of an invalid field, and writes nothing', async () => {
    const invalid = {
      ...profile,
      brand: { ...profile.brand, name: 'Other Brand', id: 'other-brand' },
      digest: { ...profile.digest, recipients: ['not-an-address'] },
    };
    await expect(handler(event('Create', JSON.stringify(invalid)), lambdaContext('profile-sync'))).rejects.toThrow(
      /digest\.recipients/,
    );
    await expect(handler(event('Create', '{"brand":'), lambdaContext('profile-sync'))).rejects.toThrow(/not JSON/);
    expect(await storeOf('other-brand').getProfile()).toBeUndefined();
  });
});
