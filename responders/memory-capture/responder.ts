import type { AwsClients } from '../../lib/aws/clients';
import type { Responder } from '../core/respond';
import type { MemoryFinishDescription } from './description';
import { FINISH_RESPONDER, planFinishCapture, type FinishOptions } from './plan';
import { describeFinish, type FinishRequest } from './read';
import { FINISH_RUNNERS } from './runners';

import { checkFinished } from './verify';

/** `forensics finish-memory-capture`: upload, seal and clean up a capture the isolation started. */
export function finishCaptureResponder(
  aws: AwsClients,
  request: FinishRequest,
  options: FinishOptions,
): Responder<MemoryFinishDescription> {
  return {
    name: FINISH_RESPONDER,
    describe: () => describeFinish(aws, request),
    plan: (description) => planFinishCapture(description, options),
    runners: FINISH_RUNNERS,
    verify: async () => checkFinished(await describeFinish(aws, request)),
    artifacts: (description) => [
      {
        name: 'memory-capture-before.json',
        body: `${JSON.stringify(description, null, 2)}\n`,
        contentType: 'application/json',
      },
    ],
  };
}
