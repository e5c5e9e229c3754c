import type { AwsClients } from '../../lib/aws/clients';
import type { Clock } from '../../lib/clock';
import { pollUntil, type Backoff } from '../../lib/poll';
import type { Artifact } from '../core/evidence';
import type { Responder } from '../core/respond';
import type { InstanceDescription } from './description';
import { planIsolation, RESPONDER, type IsolationOptions } from './plan';
import { describeInstance, type ReadRequest } from './read';
import { isolationRunners } from './runners';
import { checkIsolation } from './verify';

/** What an isolation needs: clients, the read request and the operator's options. */
export interface IsolationSetup {
  readonly aws: AwsClients;
  readonly clock: Clock;
  readonly read: ReadRequest;
  readonly options: IsolationOptions;
  /**
   * How verification waits out EC2's eventually consistent reads (tag-filtered DescribeSnapshots,
   * instance profile associations) before calling a post-condition failed.
   */
  readonly verify?: Backoff;
}

/** The isolate-ec2-instance responder, ready for `respond`. */
export function isolationResponder(setup: IsolationSetup): Responder<InstanceDescription> {
  const { aws, clock, read, options } = setup;
  return {
    name: RESPONDER,
    describe: () => describeInstance(aws, read),
    plan: (description) => planIsolation(description, options),
    runners: isolationRunners(clock),
    // A slow read is not a failed isolation: the re-read is polled, and nothing is sent again.
    verify: (_description, execution) =>
      pollUntil(
        async () => checkIsolation(await describeInstance(aws, read), options),
        (results) => results.every((result) => result.ok),
        execution.outcome === 'failed' ? { ...setup.verify, attempts: 1 } : setup.verify,
      ),
    artifacts: (description) => isolationArtifacts(description),
  };
}

/**
 * Files kept with every run: the pre-state (everything read, so that the addresses, groups and
 * profile from before can be correlated and restored), the console output and the user data.
 */
export function isolationArtifacts(description: InstanceDescription): Artifact[] {
  const { consoleOutput, userData, ...preState } = description;
  return [
    {
      name: 'pre-state.json',
      body: `${JSON.stringify(preState, null, 2)}\n`,
      contentType: 'application/json',
    },
    ...(consoleOutput !== undefined
      ? [
          {
            name: 'console-output.txt',
            body: consoleOutput,
            contentType: 'text/plain; charset=utf-8',
          },
        ]
      : []),
    ...(userData !== undefined
      ? [{ name: 'user-data.base64', body: userData, contentType: 'text/plain' }]
      : []),
  ];
}
