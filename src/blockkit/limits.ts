// Slack's documented Block Kit limits (docs.slack.dev/reference/block-kit), in UTF-16 units, which is at least as strict.

export const LIMITS = {
  blocksPerMessage: 50,
  /** Modals and the Home tab. */
  blocksPerView: 100,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  contextElements: 10,
  contextText: 3000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  actionsElements: 25,
  /** action_id and block_id. */
  id: 255,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  altText: 2000,
  imageTitle: 2000,
  tableRows: 100,
  tableCells: 20,
  markdownText: 12_000,
  /** chat.postMessage's `text`; longer is `msg_too_long`. Notifications show far less: keep fallbacks short. */
  messageText: 40_000,
  /** What a fallback `text` (notification, screen reader) is kept to. */
  fallbackText: 3000,
  /**
   * Slack answers `msg_blocks_too_long` for large messages well below 50 × 3,000 (seen near 13k characters of
   * blocks JSON); messages stay under this.
   */
  messageBlocksChars: 12_000,
} as const;
