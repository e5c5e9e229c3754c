import { GetMacieSessionCommand, Macie2Client } from '@aws-sdk/client-macie2';
import { mockClient } from 'aws-sdk-client-mock';
import { collectContext } from '../../test/fixtures/collect-context';
import { macieSession } from './macie';

const macie = mockClient(Macie2Client);

beforeEach(() => macie.reset());

const awsError = (name: string, message: string) =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 403 } });

describe('the Macie collector', () => {
  test('reads the session status', async () => {
    macie.on(GetMacieSessionCommand).resolves({ status: 'PAUSED' });
    expect(await macieSession.collect(collectContext(), 'us-east-1')).toEqual({
      status: 'PAUSED',
    });
  });

  test('reads "Macie is not enabled" (AWS) and ResourceNotFound (moto) as off', async () => {
    macie
      .on(GetMacieSessionCommand)
      .rejectsOnce(awsError('AccessDeniedException', 'Macie is not enabled.'))
      .rejectsOnce(awsError('ResourceNotFoundException', 'no such resource'));
    expect(await macieSession.collect(collectContext(), 'us-east-1')).toBeNull();
    expect(await macieSession.collect(collectContext(), 'us-east-1')).toBeNull();
  });

  test('lets a missing permission fail the slice', async () => {
    macie
      .on(GetMacieSessionCommand)
      .rejects(
        awsError(
          'AccessDeniedException',
          'User: x is not authorized to perform: macie2:GetMacieSession',
        ),
      );
    await expect(macieSession.collect(collectContext(), 'us-east-1')).rejects.toThrow(
      /not authorized/,
    );
  });
});
