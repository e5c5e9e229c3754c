import type { Check } from '../../model/check';
import macie_is_enabled from './macie_is_enabled';

/** Macie checks. */
export const MACIE_CHECKS: readonly Check[] = [macie_is_enabled];
