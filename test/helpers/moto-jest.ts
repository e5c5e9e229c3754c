import { AwsClients, type SdkClient, type SdkClientClass } from '../../lib/aws/clients';
import {
  startMotoServer,
  type MotoServer,
  type MotoServerOptions,
} from '../../lib/emulator/moto-server';

/** What a test suite gets from {@link useMotoServer}. */
export interface MotoSuite {
  readonly server: MotoServer;
  /** An SDK client pointed at the suite's moto server (path-style S3, one attempt per call). */
  client<C extends SdkClient>(ClientClass: SdkClientClass<C>, region?: string): C;
}

/**
 * Gives the calling test file its own moto_server: started before the first test, reset before
 * each test when `resetBetweenTests` is set, stopped after the last test even when tests fail.
 * A missing moto fails the suite with the install command; it is never skipped.
 */
export function useMotoServer(
  options: MotoServerOptions & { resetBetweenTests?: boolean } = {},
): MotoSuite {
  let server: MotoServer | undefined;
  let clients: AwsClients | undefined;

  beforeAll(async () => {
    server = await startMotoServer(options);
    clients = new AwsClients({ env: server.env, maxAttempts: 1 });
    for (const [name, value] of Object.entries(server.env)) process.env[name] = value;
  }, 60_000);

  if (options.resetBetweenTests) {
    // A reset drops every resource in every account; on a loaded machine that takes seconds.
    beforeEach(async () => {
      await current().reset();
    }, 30_000);
  }

  afterAll(async () => {
    clients?.destroy();
    delete process.env.AWS_ENDPOINT_URL;
    await server?.stop();
  }, 30_000);

  function current(): MotoServer {
    if (!server) throw new Error('moto_server is not running: use the suite only inside tests');
    return server;
  }

  return {
    get server() {
      return current();
    },
    client(ClientClass, region = 'us-east-1') {
      current();
      if (!clients) throw new Error('moto clients are not ready');
      return clients.get(ClientClass, region);
    },
  };
}
