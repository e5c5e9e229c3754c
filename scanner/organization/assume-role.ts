import type { STSClient } from '@aws-sdk/client-sts';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import type { CredentialProvider, Credentials } from '../../lib/aws/clients';
import type { Clock } from '../../lib/clock';

/**
 * The role `pyjamas scan --org` assumes in each member account by default: the one AWS
 * Organizations creates, with administrator rights and a trust of the management account, in
 * every account it creates. Accounts that joined by invitation have it only if someone made it.
 */
export const DEFAULT_ORGANIZATION_ROLE = 'OrganizationAccountAccessRole';

/** The session name each assumed session carries, so CloudTrail shows who read the account. */
export const ROLE_SESSION_NAME = 'pyjamas-scan';

/** Sessions are renewed this long before they expire, so no call signs with expired keys. */
const RENEW_BEFORE_MS = 5 * 60_000;

/** What to assume and with which caller. */
export interface AssumeRoleOptions {
  /** The caller's STS client, e.g. `aws.get(STSClient, homeRegion)` of the management account. */
  readonly sts: STSClient;
  readonly roleArn: string;
  /** Sent as `ExternalId` when the role's trust policy requires one. */
  readonly externalId?: string;
  readonly clock: Clock;
}

/**
 * A credential provider for the role: it assumes the role on first use, shares that session
 * between every client, and assumes it again shortly before the session expires (an hour by
 * default; a session reached by role chaining cannot last longer). A failed AssumeRole rejects
 * the call that needed it and is tried again on the next one.
 */
export function assumedRoleCredentials(options: AssumeRoleOptions): CredentialProvider {
  const renew = async (): Promise<Credentials> => {
    const { Credentials: issued } = await options.sts.send(
      new AssumeRoleCommand({
        RoleArn: options.roleArn,
        RoleSessionName: ROLE_SESSION_NAME,
        ...(options.externalId !== undefined ? { ExternalId: options.externalId } : {}),
      }),
    );
    if (!issued?.AccessKeyId || !issued.SecretAccessKey)
      throw new Error(`AssumeRole of ${options.roleArn} returned no credentials`);
    return {
      accessKeyId: issued.AccessKeyId,
      secretAccessKey: issued.SecretAccessKey,
      ...(issued.SessionToken ? { sessionToken: issued.SessionToken } : {}),
      ...(issued.Expiration ? { expiration: issued.Expiration } : {}),
    };
  };
  const fresh = (held: Credentials): boolean =>
    !held.expiration || held.expiration.getTime() - options.clock.now().getTime() > RENEW_BEFORE_MS;
  let current: Promise<Credentials> | undefined;
  return async () => {
    const attempt = current;
    if (attempt) {
      const held = await attempt.catch(() => undefined);
      if (held && fresh(held)) return held;
      // Another call renewed the session while this one waited: share its attempt.
      if (current !== attempt && current) return current;
    }
    current = renew();
    return current;
  };
}
