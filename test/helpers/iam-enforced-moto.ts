import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { AwsClients, type SdkClient, type SdkClientClass } from '../../lib/aws/clients';
import { startMotoServer, type MotoServer } from '../../lib/emulator/moto-server';
import type { DeployedPolicyDocument } from './deployed-policy';
import { policyForMoto } from './moto-iam';

/** The administrator the helper creates in the requests moto lets through unauthenticated. */
const ADMIN = 'pyjamas-test-admin';
/** CreateUser, AttachUserPolicy, CreateAccessKey. */
const BOOTSTRAP_REQUESTS = 3;
const ENV_NAMES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'] as const;

/** A principal of the account, as environment for a `pyjamas` process or a handler. */
export interface PrincipalEnv {
  readonly [name: string]: string;
}

/** What a test file gets from {@link useIamEnforcedMoto}. */
export interface IamEnforcedMoto {
  readonly server: MotoServer;
  /** An SDK client signed by the administrator (for seeding and for reading the end state). */
  client<C extends SdkClient>(ClientClass: SdkClientClass<C>, region?: string): C;
  /** The administrator's clients, for seeds that take an {@link AwsClients}. */
  readonly adminClients: AwsClients;
  /**
   * Creates role `roleName` with `document` as its one inline policy (translated for moto by
   * {@link policyForMoto}), assumes it, and returns the environment that signs as the role.
   */
  assumeRoleWithPolicy(
    roleName: string,
    policyName: string,
    document: DeployedPolicyDocument,
  ): Promise<PrincipalEnv>;
  /** Replaces the role's inline policy; the role's sessions see the change on their next call. */
  putRolePolicy(
    roleName: string,
    policyName: string,
    document: DeployedPolicyDocument,
  ): Promise<void>;
}

/**
 * Gives the calling test file a moto_server that checks IAM on every request (see
 * `test/helpers/moto-iam.ts` for what moto checks). Before the first test it creates an
 * administrator user within the requests moto lets through unauthenticated, and signs the
 * process's own SDK calls (`process.env` credentials) as that administrator; roles made with
 * {@link IamEnforcedMoto.assumeRoleWithPolicy} sign the runs under test.
 */
export function useIamEnforcedMoto(): IamEnforcedMoto {
  let server: MotoServer | undefined;
  let clients: AwsClients | undefined;
  let adminArn = '';
  const saved = new Map<string, string | undefined>();

  beforeAll(async () => {
    server = await startMotoServer({
      iamEnforcement: { unauthenticatedRequests: BOOTSTRAP_REQUESTS },
    });
    const iam = new IAMClient({
      region: 'us-east-1',
      endpoint: server.endpoint,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
      maxAttempts: 1,
    });
    const user = await iam.send(new CreateUserCommand({ UserName: ADMIN }));
    adminArn = user.User?.Arn ?? '';
    await iam.send(
      new AttachUserPolicyCommand({
        UserName: ADMIN,
        PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
      }),
    );
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: ADMIN }))).AccessKey;
    iam.destroy();
    const env: Record<string, string> = {
      ...server.env,
      AWS_ACCESS_KEY_ID: key?.AccessKeyId ?? '',
      AWS_SECRET_ACCESS_KEY: key?.SecretAccessKey ?? '',
    };
    for (const name of [...Object.keys(env), 'AWS_SESSION_TOKEN'])
      saved.set(name, process.env[name]);
    delete process.env.AWS_SESSION_TOKEN;
    Object.assign(process.env, env);
    clients = new AwsClients({ env, maxAttempts: 1 });
  }, 60_000);

  afterAll(async () => {
    clients?.destroy();
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await server?.stop();
  });

  function ready(): { server: MotoServer; clients: AwsClients } {
    if (!server || !clients)
      throw new Error('the IAM-enforced moto_server is not running: use it only inside tests');
    return { server, clients };
  }

  const putRolePolicy = async (
    roleName: string,
    policyName: string,
    document: DeployedPolicyDocument,
  ) => {
    await ready()
      .clients.get(IAMClient, 'us-east-1')
      .send(
        new PutRolePolicyCommand({
          RoleName: roleName,
          PolicyName: policyName,
          PolicyDocument: JSON.stringify(policyForMoto(document)),
        }),
      );
  };

  return {
    get server() {
      return ready().server;
    },
    get adminClients() {
      return ready().clients;
    },
    client(ClientClass, region = 'us-east-1') {
      return ready().clients.get(ClientClass, region);
    },
    putRolePolicy,
    async assumeRoleWithPolicy(roleName, policyName, document) {
      const { server: moto, clients: admin } = ready();
      // The deployed role trusts lambda.amazonaws.com; here the administrator stands in for
      // Lambda, which is all the trust policy decides. The permissions are the deployed ones.
      const role = await admin.get(IAMClient, 'us-east-1').send(
        new CreateRoleCommand({
          RoleName: roleName,
          AssumeRolePolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Principal: { AWS: adminArn }, Action: 'sts:AssumeRole' },
            ],
          }),
        }),
      );
      await putRolePolicy(roleName, policyName, document);
      const session = await admin.get(STSClient, 'us-east-1').send(
        new AssumeRoleCommand({
          RoleArn: role.Role?.Arn,
          RoleSessionName: 'least-privilege-test',
          DurationSeconds: 3600,
        }),
      );
      const credentials = session.Credentials;
      const env: Record<string, string> = {
        ...moto.env,
        AWS_ACCESS_KEY_ID: credentials?.AccessKeyId ?? '',
        AWS_SECRET_ACCESS_KEY: credentials?.SecretAccessKey ?? '',
        AWS_SESSION_TOKEN: credentials?.SessionToken ?? '',
      };
      for (const name of ENV_NAMES)
        if (!env[name]) throw new Error(`AssumeRole of ${roleName} returned no ${name}`);
      return env;
    },
  };
}
