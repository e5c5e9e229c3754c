import packageJson from '../package.json';

/** The version of this Pyjamas, as published in package.json. */
export const TOOL_VERSION: string = packageJson.version;
