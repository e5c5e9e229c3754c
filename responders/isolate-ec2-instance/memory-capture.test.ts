import { memoryCaptureCommands, memoryUploadCommands } from './memory-capture';

const layout = { volumeId: 'vol-0123456789abcdef0', device: '/dev/sdp', partMiB: 64 };

describe('memoryCaptureCommands', () => {
  const script = memoryCaptureCommands({
    ...layout,
    toolUrl: 'https://evidence.s3.amazonaws.com/tools/avml?X-Amz-Signature=a',
    toolSha256: 'ab'.repeat(32),
    partListUrl: "https://evidence.s3.amazonaws.com/cases/x.lime.part-sha256?sig='b'",
    maxParts: 273,
  }).join('\n');

  test('works on tmpfs and the scratch volume only, never on the suspect disks', () => {
    expect(script).toMatch(/mktemp -d \/run\/pyjamas-capture/);
    expect(script).not.toMatch(/\/var\/tmp|\/tmp\//);
    expect(script).toContain('"$work/scratch/avml" --compress "$image"');
  });

  test('finds the scratch device by its NVMe serial or its Xen name, and never formats a disk that holds a filesystem', () => {
    expect(script).toContain(
      '/dev/disk/by-id/nvme-Amazon_Elastic_Block_Store_vol0123456789abcdef0',
    );
    expect(script).toContain("'/dev/xvdp'");
    expect(script.indexOf('blkid "$dev"')).toBeLessThan(script.indexOf('mkfs.ext4'));
  });

  test('refuses a tool that does not match its SHA-256 before running it', () => {
    expect(script.indexOf('sha256sum --check')).toBeLessThan(script.indexOf('--compress'));
  });

  test('hashes every 64 MiB part and uploads the list with its Content-MD5, quoting the URL', () => {
    expect(script).toContain('bs=1M skip=$((n * 64)) count=64');
    expect(script).toContain('openssl dgst -sha256 -binary | base64');
    expect(script).toContain('-H "Content-MD5: $(openssl dgst -md5 -binary');
    expect(script).toContain("x.lime.part-sha256?sig='\\''b'\\'''");
    expect(script).toContain("-H 'If-None-Match: *'");
    expect(script).toMatch(/-gt 273 \]/);
  });
});

describe('memoryUploadCommands', () => {
  const script = memoryUploadCommands({ ...layout, grantsUrl: 'https://g?X-Amz-Signature=c' }).join(
    '\n',
  );

  test('uploads each part with the checksum its grant was signed with', () => {
    expect(script).toContain('while read -r number checksum url');
    expect(script).toContain('skip=$(( (number - 1) * 64 )) count=64');
    expect(script).toContain(
      '-H "x-amz-checksum-sha256: $checksum" --upload-file "$work/scratch/part" "$url"',
    );
  });

  test('fetches the grants onto tmpfs', () => {
    expect(script).toContain('--output "$work/grants" \'https://g?X-Amz-Signature=c\'');
    expect(script).toMatch(/mktemp -d \/run\/pyjamas-upload/);
  });
});
