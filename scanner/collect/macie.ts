import { GetMacieSessionCommand, Macie2Client } from '@aws-sdk/client-macie2';
import { hasAwsErrorName } from '../../lib/aws/errors';
import type { RegionalCollector } from './collector';

/**
 * The region's Macie session. AWS answers a region where Macie is off with AccessDeniedException
 * "Macie is not enabled", which reads as null; an AccessDeniedException with any other message
 * is a missing permission and fails the slice (ERROR). moto 5.2.1 answers the off state with
 * ResourceNotFoundException instead, which reads as null too.
 */
export const macieSession: RegionalCollector<'macieSession'> = {
  scope: 'regional',
  apis: ['macie2:GetMacieSession'],
  async collect(ctx, region) {
    try {
      const session = await ctx.aws.get(Macie2Client, region).send(new GetMacieSessionCommand({}));
      return { status: session.status ?? '' };
    } catch (error) {
      if (hasAwsErrorName(error, ['ResourceNotFoundException'])) return null;
      if (
        hasAwsErrorName(error, ['AccessDeniedException']) &&
        /Macie is not enabled/i.test((error as Error).message)
      )
        return null;
      throw error;
    }
  },
};
