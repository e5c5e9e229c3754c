import { describeS3DataEventCheck } from '../../../test/helpers/s3-data-event-check';
import check from './cloudtrail_s3_dataevents_read_enabled';

describeS3DataEventCheck(check, 'read');
