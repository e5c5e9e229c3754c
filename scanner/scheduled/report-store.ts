import {
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  paginateListObjectsV2,
} from '@aws-sdk/client-s3';
import type { AwsClients } from '../../lib/aws/clients';
import { REPORT_SCHEMA_VERSION, type ScanReport } from '../report/report';

/**
 * Where scheduled scans keep their reports: `<prefix><account>/<yyyymmddThhmmssmmmZ>/<file>`.
 * Every account reads and writes under its own account id only, also when the bucket is the
 * central store of an organization. There `expectedOwner` is the bucket's account: S3 refuses
 * each request (403) if the bucket has changed hands, so a member never files its reports in, or
 * compares against, a bucket someone else recreated under the same name (moto 5.2.1 does not
 * check ExpectedBucketOwner).
 */
export class ReportStore {
  constructor(
    private readonly aws: AwsClients,
    readonly bucket: string,
    private readonly region: string,
    private readonly prefix = 'scans/',
    private readonly expectedOwner?: string,
  ) {}

  /** The folder of one scan, named by the end of its collection to the millisecond. */
  folderOf(report: ScanReport): string {
    const stamp = report.finishedAt.replace(/[-:.]/g, '');
    return `${this.prefix}${report.account}/${stamp}/`;
  }

  async put(key: string, body: string, contentType: string): Promise<void> {
    await this.s3().send(
      new PutObjectCommand({
        ...this.target(),
        Key: key,
        Body: body,
        ContentType: contentType,
      }),
    );
  }

  /** The latest JSON report of `account` stored before `folder`, if any. */
  async previous(account: string, folder: string): Promise<ScanReport | undefined> {
    const keys: string[] = [];
    for await (const page of paginateListObjectsV2(
      { client: this.s3() },
      { ...this.target(), Prefix: `${this.prefix}${account}/` },
    )) {
      for (const object of page.Contents ?? [])
        if (object.Key?.endsWith('/report.json') && object.Key < folder) keys.push(object.Key);
    }
    const latest = keys.sort().pop();
    if (!latest) return undefined;
    const answer = await this.s3().send(new GetObjectCommand({ ...this.target(), Key: latest }));
    const report = JSON.parse((await answer.Body?.transformToString()) ?? '{}') as ScanReport;
    // A report of another major layout cannot be compared finding by finding.
    return report.schemaVersion?.split('.')[0] === REPORT_SCHEMA_VERSION.split('.')[0]
      ? report
      : undefined;
  }

  /** The bucket of every request, with the owner it must have where one is expected. */
  private target(): { Bucket: string; ExpectedBucketOwner?: string } {
    return this.expectedOwner
      ? { Bucket: this.bucket, ExpectedBucketOwner: this.expectedOwner }
      : { Bucket: this.bucket };
  }

  private s3(): S3Client {
    return this.aws.get(S3Client, this.region);
  }
}
