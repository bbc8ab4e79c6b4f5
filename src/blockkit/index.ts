// Block Kit for every surface that writes Slack payloads (the Slack app, digests): safe mrkdwn, limits, builders.
export { atoms, clipText, splitText } from "./clip.js";
export {
  actions,
  type Block,
  type Button,
  type ButtonOptions,
  button,
  context,
  divider,
  fields,
  fitBlocks,
  header,
  type ModalOptions,
  message,
  modal,
  type SlackMessage,
  section,
} from "./kit.js";
export { LIMITS } from "./limits.js";
export {
  bold,
  channelMention,
  clipMd,
  code,
  codeBlock,
  codeBlocks,
  esc,
  escapeText,
  type Interpolation,
  inertText,
  joinMd,
  Mrkdwn,
  md,
  PlainText,
  plain,
  userMention,
} from "./mrkdwn.js";
