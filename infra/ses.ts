// Sending mail through SES as the profile's sender, and as nothing else: the digest's weekly e-mail
// and the alerts' e-mail channel both come from digest.sender.
import type { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';

/** The SES identities the sender may be verified as: the address itself, and its domain. */
export function senderIdentities(sender: string): string[] {
  const domain = sender.slice(sender.lastIndexOf('@') + 1);
  return [sender, domain];
}

/** Lets `grantee` send mail through SES as `sender`'s address or domain identity only. */
export function allowSendingAs(grantee: iam.IGrantable & { readonly stack: Stack }, sender: string): iam.Grant {
  return iam.Grant.addToPrincipal({
    grantee,
    actions: ['ses:SendEmail', 'ses:SendRawEmail'],
    resourceArns: senderIdentities(sender).map((identity) =>
      grantee.stack.formatArn({ service: 'ses', resource: 'identity', resourceName: identity }),
    ),
  });
}
