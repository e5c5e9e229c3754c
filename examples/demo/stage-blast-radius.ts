import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { AwsClients } from '../../lib/aws/clients';
import { casePrefix } from '../../responders/core/custody-chain';
import { describeAccessAdvisor } from '../../responders/revoke-access-key/access-advisor';
import {
  BLAST_RADIUS_FILE,
  type FiledBlastRadius,
} from '../../responders/revoke-access-key/blast-radius';
import type { BlastRadius } from '../../scanner/iam/blast-radius';
import { INCIDENT_REGION } from './incident';
import type { DemoStage } from './stage';
import { requireDeployment, requireResponses } from './stage-requires';

/** The blast radius in the words a responder reads it. */
export function describeBlastRadius(filed: FiledBlastRadius): string[] {
  if (filed.status !== 'collected') return [`Blast radius ${filed.status}: ${filed.reason}`];
  const verdicts: Record<BlastRadius['administrator'], string> = {
    full: 'is administrator',
    conditional: 'is administrator under conditions',
    'can-make-itself-administrator': 'can make itself administrator',
    no: 'cannot become administrator',
  };
  const lines = [`${filed.principalArn} ${verdicts[filed.administrator]}.`];
  if (filed.escalationPaths.length > 0) {
    lines.push('Escalation paths it had:');
    for (const path of filed.escalationPaths) lines.push(`  ${path}`);
  }
  lines.push(
    `Services it could call (${filed.services.length}): ${filed.services.join(', ') || 'none'}`,
  );
  lines.push(
    `Data it could read on every resource: ${filed.unrestrictedData.join(', ') || 'none'}`,
  );
  lines.push(describeAccessAdvisor(filed.accessAdvisor));
  return lines;
}

/** Reads the blast-radius record the revocation filed under its case. */
async function filedBlastRadius(
  aws: AwsClients,
  bucket: string,
  caseId: string,
): Promise<FiledBlastRadius> {
  const s3 = aws.get(S3Client, INCIDENT_REGION);
  const { Contents = [] } = await s3.send(
    new ListObjectsV2Command({ Bucket: bucket, Prefix: casePrefix(caseId) }),
  );
  const key = Contents.map((object) => object.Key ?? '').find((candidate) =>
    candidate.endsWith(`/${BLAST_RADIUS_FILE}`),
  );
  if (!key)
    throw new Error(
      `the revocation of case ${caseId} filed no ${BLAST_RADIUS_FILE} in ${bucket}: see its evidence line in stage 4`,
    );
  const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return JSON.parse((await Body?.transformToString()) ?? '{}') as FiledBlastRadius;
}

/** Stage: what the leaked key's owner could have done, from the record the revocation filed. */
export const BLAST_RADIUS_STAGE: DemoStage = {
  title: "show the key owner's blast radius",
  proves:
    'the first question after "is the key dead?" (what could it have done?) is answered in the case record: the IAM analysis judges the owner\'s policies offline, escalation paths included.',
  async run(context) {
    const deployment = requireDeployment(context);
    const { revocation } = requireResponses(context);
    if (!revocation.result) throw new Error('the revocation failed in stage 4: no case to read');
    const bucket = String(deployment.outputs.evidence_bucket_name);
    context.say(
      `From ${BLAST_RADIUS_FILE} of case ${revocation.result.caseId} (iam:GetAccountAuthorizationDetails, judged by scanner/iam):`,
    );
    const filed = await filedBlastRadius(context.aws, bucket, revocation.result.caseId);
    for (const line of describeBlastRadius(filed)) context.say(`  ${line}`);
    context.say(
      `  Ask the same analysis from the CLI: npx pyjamas iam can ${filed.status === 'collected' ? filed.principalArn : '<principal-arn>'} iam:AttachUserPolicy; npx pyjamas iam who-can iam:PassRole`,
    );
  },
};
