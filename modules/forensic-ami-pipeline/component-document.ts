import { shellQuote } from '../../lib/shell';
import type { ResolvedDownload, ResolvedTools } from './forensic-tools';

/** One step of an Image Builder component: a bash script, one command per line. */
export interface ComponentStep {
  readonly name: string;
  readonly action: 'ExecuteBash';
  readonly inputs: { readonly commands: readonly string[] };
}

/** An Image Builder component document (AWSTOE, schema version 1.0). */
export interface ComponentDocument {
  readonly name: string;
  readonly description: string;
  readonly schemaVersion: 1.0;
  readonly phases: readonly {
    readonly name: 'build' | 'validate' | 'test';
    readonly steps: readonly ComponentStep[];
  }[];
}

/**
 * Sources are downloaded and built under /var/tmp: AL2023 mounts /tmp as a RAM-backed tmpfs,
 * which a memory image of the instance would not fit in.
 */
const WORK = '/var/tmp/pyjamas-forensics';
const PREFIX = '/usr/local';
const VOLATILITY_VENV = '/opt/pyjamas-forensics/volatility3';
/** Where the image records what it holds: tool, version, SHA-256, source. */
export const TOOL_MANIFEST = `${PREFIX}/share/pyjamas-forensics/tools.tsv`;

const STRICT = 'set -euo pipefail';

function step(name: string, commands: string[]): ComponentStep {
  return { name, action: 'ExecuteBash', inputs: { commands: [STRICT, ...commands] } };
}

/** Unpacks a source archive into `<name>-src`, whatever its top folder is called. */
function unpack(download: ResolvedDownload, folder: string): string {
  return download.file.endsWith('.zip')
    ? `unzip -q ${download.file} -d ${folder}-unzipped && mv "$(find ${folder}-unzipped -mindepth 1 -maxdepth 1 -type d -print -quit)" ${folder}`
    : `mkdir ${folder} && tar -xzf ${download.file} -C ${folder} --strip-components=1`;
}

/** Fails the step unless `command` succeeds and prints `expected`. */
function expectOutput(label: string, command: string, expected: string): string {
  return `out=$(${command} 2>&1) || { echo ${shellQuote(`${label}: ${command} failed:`)} "$out" >&2; exit 1; }; case "$out" in *${shellQuote(expected)}*) echo ${shellQuote(`${label}:`)} "$(printf '%s' "$out" | head -n 1)" ;; *) echo ${shellQuote(`${label}: expected ${expected}, got:`)} "$out" >&2; exit 1 ;; esac`;
}

function buildPhase(tools: ResolvedTools): ComponentStep[] {
  const downloads = [tools.avml, tools.libewf, tools.sleuthKit, tools.dc3dd, tools.yara];
  const requirements = [tools.volatility3, tools.pefile].map((wheel) =>
    shellQuote(`${wheel.name}==${wheel.version} --hash=sha256:${wheel.sha256}`),
  );
  const manifestLines = [
    ...downloads.map((download) => [
      download.tool,
      download.version,
      download.sha256,
      download.url,
    ]),
    ...[tools.volatility3, tools.pefile].map((wheel) => [
      wheel.name,
      wheel.version,
      wheel.sha256,
      `${tools.pythonIndexUrl} (wheel)`,
    ]),
  ];
  return [
    // AL2023 has no EPEL and packages none of the tools, so they are built from their source
    // releases; only the compilers and libraries come from the AL2023 repositories (GPG-signed).
    step('InstallBuildDependencies', [
      "dnf install -y --setopt=install_weak_deps=False gcc gcc-c++ make autoconf automake libtool bison flex gettext pkg-config zlib-devel bzip2-devel openssl-devel libuuid-devel sqlite-devel file-devel 'perl(Locale::gettext)' python3.11 python3.11-pip unzip tar gzip",
    ]),
    step('DownloadSources', [
      `rm -rf ${WORK} && mkdir -p ${WORK} && cd ${WORK}`,
      ...downloads.map(
        (download) =>
          `curl --fail --silent --show-error --location --proto '=https' --proto-redir '=https' --retry 3 --output ${download.file} ${shellQuote(download.url)}`,
      ),
    ]),
    step('VerifySources', [
      `cd ${WORK}`,
      ...downloads.map(
        (download, index) =>
          `printf '%s  %s\\n' ${download.sha256} ${download.file} ${index === 0 ? '>' : '>>'} SHA256SUMS`,
      ),
      'sha256sum --check --strict SHA256SUMS',
    ]),
    step('InstallAvml', [`install -m 0755 ${WORK}/${tools.avml.file} ${PREFIX}/bin/avml`]),
    step('BuildLibewf', [
      `cd ${WORK}`,
      unpack(tools.libewf, 'libewf-src'),
      `cd libewf-src && ./configure --prefix=${PREFIX} --disable-dependency-tracking && make -j"$(nproc)" && make install`,
      `echo ${PREFIX}/lib > /etc/ld.so.conf.d/pyjamas-forensics.conf`,
      'ldconfig',
    ]),
    // One job at a time: The Sleuth Kit's parallel build is unreliable.
    step('BuildSleuthKit', [
      `cd ${WORK}`,
      unpack(tools.sleuthKit, 'sleuthkit-src'),
      `cd sleuthkit-src && ./configure --prefix=${PREFIX} --disable-dependency-tracking --disable-java --with-libewf=${PREFIX} --without-afflib --without-libvhdi --without-libvmdk && make && make install`,
      'ldconfig',
    ]),
    // The release archive's scripts lose their execute bits in the zip; stpncpy is glibc's own.
    step('BuildDc3dd', [
      `cd ${WORK}`,
      unpack(tools.dc3dd, 'dc3dd-src'),
      `cd dc3dd-src && chmod u+x configure build-aux/* && ./configure --prefix=${PREFIX} --disable-dependency-tracking gl_cv_func_stpncpy=yes && make && make install`,
    ]),
    step('BuildYara', [
      `cd ${WORK}`,
      unpack(tools.yara, 'yara-src'),
      `cd yara-src && ./bootstrap.sh && ./configure --prefix=${PREFIX} --disable-dependency-tracking --enable-magic --with-crypto && make -j"$(nproc)" && make install`,
      'ldconfig',
    ]),
    // pip's hash-checking mode refuses any file whose SHA-256 is not listed, and --no-deps with
    // both wheels listed keeps it from fetching anything unlisted.
    step('InstallVolatility3', [
      `cd ${WORK}`,
      `printf '%s\\n' ${requirements.join(' ')} > volatility3-requirements.txt`,
      `python3.11 -m venv ${VOLATILITY_VENV}`,
      `${VOLATILITY_VENV}/bin/pip install --no-cache-dir --disable-pip-version-check --require-hashes --only-binary=:all: --no-deps --index-url ${shellQuote(tools.pythonIndexUrl)} --requirement volatility3-requirements.txt`,
      `ln -sfn ${VOLATILITY_VENV}/bin/vol ${PREFIX}/bin/vol`,
    ]),
    step('RecordToolManifest', [
      `mkdir -p ${PREFIX}/share/pyjamas-forensics`,
      `printf '%s\\t%s\\t%s\\t%s\\n' tool version sha256 source > ${TOOL_MANIFEST}`,
      ...manifestLines.map(
        (fields) =>
          `printf '%s\\t%s\\t%s\\t%s\\n' ${fields.map(shellQuote).join(' ')} >> ${TOOL_MANIFEST}`,
      ),
      `rm -rf ${WORK}`,
    ]),
  ];
}

function validatePhase(tools: ResolvedTools): ComponentStep[] {
  return [
    // The binary is installed as downloaded, so its SHA-256 is still the release's.
    step('CheckAvmlChecksum', [
      `printf '%s  %s\\n' ${tools.avml.sha256} ${PREFIX}/bin/avml | sha256sum --check --strict`,
    ]),
    step('CheckToolVersions', [
      expectOutput('AVML', 'avml --version', tools.avml.version),
      expectOutput(
        'Volatility 3',
        'vol --help',
        `Volatility 3 Framework ${tools.volatility3.version}`,
      ),
      ...['fls', 'mmls', 'icat'].map((tool) =>
        expectOutput(`The Sleuth Kit ${tool}`, `${tool} -V`, tools.sleuthKit.version),
      ),
      ...['ewfacquire', 'ewfverify', 'ewfinfo'].map((tool) =>
        expectOutput(`ewf-tools ${tool}`, `${tool} -V`, tools.libewf.version),
      ),
      expectOutput('dc3dd', 'dc3dd --version', tools.dc3dd.version),
      expectOutput('YARA', 'yara --version', tools.yara.version),
    ]),
  ];
}

/**
 * The test phase runs on a new instance launched from the finished image: every tool works on
 * real data, each one's output checked by another.
 */
function testPhase(): ComponentStep[] {
  const marker = 'pyjamas forensic tools test';
  return [
    step('ExerciseDiskTools', [
      'work=$(mktemp -d /var/tmp/pyjamas-disk-test.XXXXXX)',
      'mkdir "$work/root"',
      `echo ${shellQuote(marker)} > "$work/root/evidence.txt"`,
      'truncate -s 16M "$work/disk.raw"',
      'mkfs.ext4 -q -F -d "$work/root" "$work/disk.raw"',
      // The Sleuth Kit reads the file system without mounting it.
      'fls -r "$work/disk.raw" | grep -F evidence.txt',
      'inode=$(ifind -n evidence.txt "$work/disk.raw")',
      'icat "$work/disk.raw" "$inode" | cmp - "$work/root/evidence.txt"',
      // dc3dd copies and hashes on the fly; its hash must be the copy's.
      'dc3dd if="$work/disk.raw" of="$work/copy.raw" hash=sha256 log="$work/dc3dd.log"',
      'cmp "$work/disk.raw" "$work/copy.raw"',
      'grep -i -F "$(sha256sum "$work/disk.raw" | cut -d " " -f 1)" "$work/dc3dd.log"',
      // An E01 that ewfverify accepts and The Sleuth Kit reads through libewf.
      'ewfacquire -u -q -t "$work/disk" "$work/disk.raw"',
      'ewfverify -q "$work/disk.E01"',
      'fls -r "$work/disk.E01" | grep -F evidence.txt',
      `printf '%s\\n' ${shellQuote(`rule pyjamas_test { strings: $marker = "${marker}" condition: $marker }`)} > "$work/test.yar"`,
      'yara "$work/test.yar" "$work/disk.raw" | grep -F pyjamas_test',
      'rm -rf "$work"',
    ]),
    // AVML captures this instance's memory in LiME format; Volatility 3 must find the running
    // kernel's banner in it.
    step('ExerciseMemoryTools', [
      'work=$(mktemp -d /var/tmp/pyjamas-memory-test.XXXXXX)',
      'avml "$work/memory.lime"',
      'vol --quiet --file "$work/memory.lime" banners.Banners > "$work/banners.txt"',
      'grep -F "$(uname -r)" "$work/banners.txt"',
      'rm -rf "$work"',
    ]),
  ];
}

/**
 * The component that installs the forensic tools: downloads every source, refuses any whose
 * SHA-256 differs from its pin, builds and installs; the validate phase checks each tool's
 * version; the test phase runs them on a disk image and on the test instance's own memory.
 */
export function forensicToolsComponent(name: string, tools: ResolvedTools): ComponentDocument {
  return {
    name,
    description:
      'Pyjamas forensic workstation tools: AVML, Volatility 3, The Sleuth Kit, ewf-tools, dc3dd and YARA, each verified by SHA-256',
    schemaVersion: 1.0,
    phases: [
      { name: 'build', steps: buildPhase(tools) },
      { name: 'validate', steps: validatePhase(tools) },
      { name: 'test', steps: testPhase() },
    ],
  };
}

/**
 * Writes a component document as YAML. Every string is written as a JSON string, which is a
 * valid YAML double-quoted scalar, so no command needs YAML escaping rules of its own.
 */
export function componentYaml(document: ComponentDocument): string {
  const lines = [
    `name: ${JSON.stringify(document.name)}`,
    `description: ${JSON.stringify(document.description)}`,
    'schemaVersion: 1.0',
    'phases:',
  ];
  for (const phase of document.phases) {
    lines.push(`  - name: ${phase.name}`, '    steps:');
    for (const { name, action, inputs } of phase.steps) {
      lines.push(
        `      - name: ${name}`,
        `        action: ${action}`,
        '        inputs:',
        '          commands:',
      );
      lines.push(...inputs.commands.map((command) => `            - ${JSON.stringify(command)}`));
    }
  }
  return `${lines.join('\n')}\n`;
}
