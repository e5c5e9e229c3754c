import type { AwsClients } from '../../lib/aws/clients';
import { allSettledOrFirstError } from '../../lib/concurrency';
import type { Clock } from '../../lib/clock';
import type { Artifact } from '../core/evidence';
import type { Responder } from '../core/respond';
import { settleVerification, type SettlePolicy } from '../core/verify-settle';
import type { InstanceDescription } from './description';
import { planIsolation, RESPONDER, type IsolationOptions } from './plan';
import { madeBySteps } from './case-records';
import { describeInstance, readRevocationTimes, type ReadRequest } from './read';
import { isolationRunners } from './runners';
import { checkIsolation, checkRevocations, revocationsMade } from './verify';

/** What an isolation needs: clients, the read request and the operator's options. */
export interface IsolationSetup {
  readonly aws: AwsClients;
  readonly clock: Clock;
  readonly read: ReadRequest;
  readonly options: IsolationOptions;
  /**
   * How the verification waits for EC2's eventually consistent reads.
   *
   * @default - the delays of `SETTLE_DELAYS_MS`, with no time limit
   */
  readonly settle?: SettlePolicy;
}

/** The isolate-ec2-instance responder, ready for `respond`. */
export function isolationResponder(setup: IsolationSetup): Responder<InstanceDescription> {
  const { aws, clock, read, options } = setup;
  return {
    name: RESPONDER,
    describe: () => describeInstance(aws, read),
    plan: (description) => planIsolation(description, options),
    runners: isolationRunners(clock),
    // A run that failed or left something exposed is expected to fail its checks: read once.
    // IAM is eventually consistent too: the revocations are read again with the instance.
    verify: (description, execution) => {
      const revocations = revocationsMade(execution.steps);
      // What an interrupted run of the case snapshotted counts as this run's (the plan reused it).
      const made = madeBySteps(execution.steps);
      const madeByThisRun = {
        ...made,
        snapshots: [
          ...made.snapshots,
          ...(description.adoptedSnapshots ?? []).map(({ snapshotId, volumeId }) => ({
            snapshotId,
            volumeId,
          })),
        ],
      };
      return settleVerification(
        async () => {
          const [after, times] = await allSettledOrFirstError([
            describeInstance(aws, {
              ...read,
              madeByThisRun,
              forVerification: true,
            }),
            revocations.length > 0
              ? readRevocationTimes(aws, read.region, revocations)
              : Promise.resolve({}),
          ]);
          return [...checkIsolation(after, options), ...checkRevocations(revocations, times)];
        },
        execution.outcome === 'failed' || execution.outcome === 'exposed'
          ? { ...setup.settle, delaysMs: [] }
          : setup.settle,
      );
    },
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
