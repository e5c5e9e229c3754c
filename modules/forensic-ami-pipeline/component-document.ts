import { shellQuote } from '../../lib/shell';
import { FORENSIC_PACKAGES, toolSummary, type ResolvedTools } from './forensic-tools';

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

/** AVML and the Volatility 3 wheels are downloaded under /var/tmp, on the root volume. */
const WORK = '/var/tmp/pyjamas-forensics';
const PREFIX = '/usr/local';
const VOLATILITY_VENV = '/opt/pyjamas-forensics/volatility3';
/** Where the image records what it holds: tool, version, SHA-256 or package source. */
export const TOOL_MANIFEST = `${PREFIX}/share/pyjamas-forensics/tools.tsv`;

const STRICT = 'set -euo pipefail';
/** apt never asks, and refuses packages it cannot authenticate (its default, said explicitly). */
const APT = 'DEBIAN_FRONTEND=noninteractive apt-get -o APT::Get::AllowUnauthenticated=false';

function step(name: string, commands: string[]): ComponentStep {
  return { name, action: 'ExecuteBash', inputs: { commands: [STRICT, ...commands] } };
}

/** Fails the step unless `command` succeeds and prints `expected`. */
function expectOutput(label: string, command: string, expected: string): string {
  return `out=$(${command} 2>&1) || { echo ${shellQuote(`${label}: ${command} failed:`)} "$out" >&2; exit 1; }; case "$out" in *${shellQuote(expected)}*) echo ${shellQuote(`${label}:`)} "$(printf '%s' "$out" | head -n 1)" ;; *) echo ${shellQuote(`${label}: expected ${expected}, got:`)} "$out" >&2; exit 1 ;; esac`;
}

/** Fails unless the memory image at `path` starts with LiME's header magic (0x4C694D45, little-endian). */
function checkLimeHeader(path: string): string {
  return `test "$(head -c 4 ${path})" = EMiL`;
}

const PACKAGES = Object.values(FORENSIC_PACKAGES);

function buildPhase(tools: ResolvedTools): ComponentStep[] {
  const { avml, volatility } = tools;
  const wheels = volatility ? [volatility.volatility3, volatility.pefile] : [];
  const manifestLines = [
    ...(avml ? [[avml.tool, avml.version, avml.sha256, avml.url]] : []),
    ...wheels.map((wheel) => [
      wheel.name,
      wheel.version,
      wheel.sha256,
      `${volatility?.indexUrl ?? ''} (wheel)`,
    ]),
  ];
  return [
    // The Sleuth Kit, ewf-tools, dc3dd, YARA and LiME come from Ubuntu's signed archive (see
    // FORENSIC_PACKAGES); LiME's DKMS package builds the module for every kernel whose headers
    // are installed, so the headers of the AWS kernel line go with it.
    step('InstallPackages', [
      `${APT} update`,
      `${APT} install -y --no-install-recommends ${[...PACKAGES, 'linux-headers-aws', 'dkms', 'e2fsprogs', 'curl', 'ca-certificates', ...(volatility ? ['python3-venv'] : [])].join(' ')}`,
    ]),
    ...(avml
      ? [
          step('InstallAvml', [
            `rm -rf ${WORK} && mkdir -p ${WORK} && cd ${WORK}`,
            `curl --fail --silent --show-error --location --proto '=https' --proto-redir '=https' --retry 3 --output ${avml.file} ${shellQuote(avml.url)}`,
            `printf '%s  %s\\n' ${avml.sha256} ${avml.file} | sha256sum --check --strict`,
            `install -m 0755 ${WORK}/${avml.file} ${PREFIX}/bin/avml`,
          ]),
        ]
      : []),
    // pip's hash-checking mode refuses any file whose SHA-256 is not listed, and --no-deps with
    // both wheels listed keeps it from fetching anything unlisted.
    ...(volatility
      ? [
          step('InstallVolatility3', [
            `mkdir -p ${WORK} && cd ${WORK}`,
            `printf '%s\\n' ${wheels.map((wheel) => shellQuote(`${wheel.name}==${wheel.version} --hash=sha256:${wheel.sha256}`)).join(' ')} > volatility3-requirements.txt`,
            `python3 -m venv ${VOLATILITY_VENV}`,
            `${VOLATILITY_VENV}/bin/pip install --no-cache-dir --disable-pip-version-check --require-hashes --only-binary=:all: --no-deps --index-url ${shellQuote(volatility.indexUrl)} --requirement volatility3-requirements.txt`,
            `ln -sfn ${VOLATILITY_VENV}/bin/vol ${PREFIX}/bin/vol`,
          ]),
        ]
      : []),
    step('RecordToolManifest', [
      `mkdir -p ${PREFIX}/share/pyjamas-forensics`,
      `printf '%s\\t%s\\t%s\\t%s\\n' tool version sha256 source > ${TOOL_MANIFEST}`,
      // dpkg-query's default format (package, tab, version): its ${field} format would read as
      // Terraform interpolation in the synthesized document.
      `dpkg-query -W ${PACKAGES.join(' ')} | sed 's/$/\\t-\\tubuntu archive (signed)/' >> ${TOOL_MANIFEST}`,
      ...manifestLines.map(
        (fields) =>
          `printf '%s\\t%s\\t%s\\t%s\\n' ${fields.map(shellQuote).join(' ')} >> ${TOOL_MANIFEST}`,
      ),
      `rm -rf ${WORK}`,
    ]),
  ];
}

function validatePhase(tools: ResolvedTools): ComponentStep[] {
  const { avml, volatility } = tools;
  return [
    step('CheckPackages', [
      ...PACKAGES.map(
        (name) =>
          `dpkg -s ${name} | grep -qx 'Status: install ok installed' || { echo '${name} is not installed' >&2; exit 1; }`,
      ),
      ...['fls', 'mmls', 'icat'].map((tool) =>
        expectOutput(`The Sleuth Kit ${tool}`, `${tool} -V`, 'The Sleuth Kit'),
      ),
      ...['ewfacquire', 'ewfverify', 'ewfinfo'].map((tool) =>
        expectOutput(`ewf-tools ${tool}`, `${tool} -V`, tool),
      ),
      expectOutput('dc3dd', 'dc3dd --version', 'dc3dd'),
      // yara --version prints the bare upstream version the package was built from.
      expectOutput('YARA', 'yara --version', '.'),
    ]),
    ...(avml
      ? [
          // The binary is installed as downloaded, so its SHA-256 is still the release's.
          step('CheckAvml', [
            `printf '%s  %s\\n' ${avml.sha256} ${PREFIX}/bin/avml | sha256sum --check --strict`,
            expectOutput('AVML', 'avml --version', avml.version),
          ]),
        ]
      : []),
    ...(volatility
      ? [
          step('CheckVolatility3', [
            expectOutput(
              'Volatility 3',
              'vol --help',
              `Volatility 3 Framework ${volatility.volatility3.version}`,
            ),
          ]),
        ]
      : []),
  ];
}

/**
 * The test phase runs on a new instance launched from the finished image: every tool works on
 * real data, each one's output checked by another.
 */
function testPhase(tools: ResolvedTools): ComponentStep[] {
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
    // LiME (and AVML when pinned) capture this instance's memory in LiME format; Volatility 3,
    // when pinned, must find the running kernel's banner in the capture.
    step('ExerciseMemoryTools', [
      'work=$(mktemp -d /var/tmp/pyjamas-memory-test.XXXXXX)',
      'modprobe lime "path=$work/lime.lime format=lime"',
      'rmmod lime',
      checkLimeHeader('"$work/lime.lime"'),
      ...(tools.avml ? ['avml "$work/avml.lime"', checkLimeHeader('"$work/avml.lime"')] : []),
      ...(tools.volatility
        ? [
            'vol --quiet --file "$work/lime.lime" banners.Banners > "$work/banners.txt"',
            'grep -F "$(uname -r)" "$work/banners.txt"',
          ]
        : []),
      'rm -rf "$work"',
    ]),
  ];
}

/**
 * The component that installs the forensic tools: the archive's signed packages, and AVML and
 * Volatility 3 when pinned, each download refused unless its SHA-256 matches; the validate phase
 * checks each tool; the test phase runs them on a disk image and on the test instance's memory.
 */
export function forensicToolsComponent(name: string, tools: ResolvedTools): ComponentDocument {
  return {
    name,
    description: `Pyjamas forensic workstation tools: ${toolSummary(tools)}`,
    schemaVersion: 1.0,
    phases: [
      { name: 'build', steps: buildPhase(tools) },
      { name: 'validate', steps: validatePhase(tools) },
      { name: 'test', steps: testPhase(tools) },
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
