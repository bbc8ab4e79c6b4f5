// Removes API keys from any text that may leave the LLM layer (error messages, logs, traces).
import { scrubSecrets } from "../util/index.js";

const MASKED_KEY = /\bsk-[A-Za-z0-9_*.-]{3,}/g;

export type Redactor = (text: string) => string;

/** Exact-match redaction of the pool's own keys (whatever their shape), then the generic token scrubber. */
export function createRedactor(keys: readonly string[]): Redactor {
  // Longest first so a key that contains another key is removed whole.
  const secrets = [...new Set(keys)].filter((key) => key.length > 0).sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const secret of secrets) out = out.split(secret).join("[redacted]");
    // OpenAI echoes a masked key ("sk-abc***********wxyz"); drop even the fragments.
    return scrubSecrets(out).replace(MASKED_KEY, "[redacted]");
  };
}
