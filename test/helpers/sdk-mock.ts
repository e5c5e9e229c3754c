import { apiName } from '../../lib/aws/clients';

/** What is read of an aws-sdk-client-mock stub: the calls its `send` received. */
interface RecordingStub {
  calls(): { readonly args: readonly unknown[] }[];
}

/**
 * IAM action names (`iam:ListUsers`) of the commands sent to mocked clients, in the order of the
 * mocks given and then of the calls. aws-sdk-client-mock replaces `send`, so client middleware
 * (and with it `AwsClients`' `onApiCall`) never sees these calls: they are read from the mocks.
 *
 * @param mocks - each mock by its SDK client name, e.g. `{ IAMClient: iam }`
 */
export function mockedActions(mocks: Readonly<Record<string, RecordingStub>>): string[] {
  return Object.entries(mocks).flatMap(([client, mock]) =>
    mock
      .calls()
      .map((call) => apiName({ client, command: (call.args[0] as object).constructor.name })),
  );
}
