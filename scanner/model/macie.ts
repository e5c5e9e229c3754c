/** The region's Amazon Macie session (macie2:GetMacieSession); null in the slice when off. */
export interface MacieSession {
  /** `ENABLED` or `PAUSED`: a paused Macie keeps its settings but discovers nothing. */
  readonly status: string;
}
