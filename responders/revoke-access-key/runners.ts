/*
 * The revocation's runners: the only code that turns its steps into SDK calls.
 */
import type { LookupEventsCommandInput } from '@aws-sdk/client-cloudtrail';
import {
  AttachUserPolicyCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  DeleteLoginProfileCommand,
  DeletePolicyVersionCommand,
  IAMClient,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  TagUserCommand,
  UpdateAccessKeyCommand,
  type CreatePolicyCommandOutput,
  type CreatePolicyVersionCommandOutput,
} from '@aws-sdk/client-iam';
import { sdkRunner } from '../core/runners';
import type { StepInput, StepRunners } from '../core/step';
import {
  lookupKeyEvents,
  sessionsMintedBy,
  type CloudTrailPacer,
  type KeyEvents,
} from './cloudtrail';

/** Where the CloudTrail evidence steps leave the events they read, for the run's artifacts. */
export type CollectedEvents = Map<string, KeyEvents>;

/**
 * The runners of this responder. The CloudTrail runner reads every page (paced per region by
 * `pacer`), leaves the events in `collected` and records only counts and minted sessions.
 */
export function revokeAccessKeyRunners(deps: {
  readonly pacer: CloudTrailPacer;
  readonly collected: CollectedEvents;
  readonly maxPages?: number;
}): StepRunners {
  return {
    'iam:UpdateAccessKey': sdkRunner(IAMClient, UpdateAccessKeyCommand),
    'iam:PutUserPolicy': sdkRunner(IAMClient, PutUserPolicyCommand),
    'iam:CreatePolicy': sdkRunner(
      IAMClient,
      CreatePolicyCommand,
      (answer: CreatePolicyCommandOutput) =>
        answer.Policy?.Arn ? { PolicyArn: answer.Policy.Arn } : undefined,
    ),
    'iam:CreatePolicyVersion': sdkRunner(
      IAMClient,
      CreatePolicyVersionCommand,
      (answer: CreatePolicyVersionCommandOutput) =>
        answer.PolicyVersion?.VersionId ? { VersionId: answer.PolicyVersion.VersionId } : undefined,
    ),
    'iam:DeletePolicyVersion': sdkRunner(IAMClient, DeletePolicyVersionCommand),
    'iam:AttachUserPolicy': sdkRunner(IAMClient, AttachUserPolicyCommand),
    'iam:DeleteLoginProfile': sdkRunner(IAMClient, DeleteLoginProfileCommand),
    'iam:PutRolePolicy': sdkRunner(IAMClient, PutRolePolicyCommand),
    'iam:TagUser': sdkRunner(IAMClient, TagUserCommand),
    'cloudtrail:LookupEvents': async (aws, region, input) => {
      const query = lookupQuery(input);
      const result = await lookupKeyEvents(aws, deps.pacer, {
        ...query,
        region,
        ...(deps.maxPages ? { maxPages: deps.maxPages } : {}),
      });
      deps.collected.set(region, result);
      const minted = sessionsMintedBy(query.accessKeyId, result.events);
      return {
        output: {
          events: result.events.length,
          pages: result.pages,
          truncated: result.truncated,
          sessionsMinted: minted,
        },
      };
    },
  };
}

function lookupQuery(input: StepInput): { accessKeyId: string; startTime: Date } {
  const { LookupAttributes, StartTime } = input as unknown as Pick<
    LookupEventsCommandInput,
    'LookupAttributes'
  > & { StartTime: string };
  const accessKeyId = LookupAttributes?.find(
    (attribute) => attribute.AttributeKey === 'AccessKeyId',
  )?.AttributeValue;
  if (!accessKeyId) throw new Error('the CloudTrail step names no AccessKeyId to look up');
  return { accessKeyId, startTime: new Date(StartTime) };
}
