// Decides whether a reply in a thread the bot takes part in is meant for the bot: a question or an instruction,
// not thanks, chatter, or a message addressed to someone else.

export type ReplyIntent = "question" | "chatter" | "addressed_elsewhere";

/** Words that start a question. */
const INTERROGATIVE =
  /^(what|whats|what's|which|who|whom|whose|when|where|why|how|is|are|was|were|do|does|did|can|could|would|will|should|shall|may|might|has|have|had)\b/;

/** Instructions and follow-ups a data thread gets ("now by month", "same for Europe", "top 5 by price"). */
const INSTRUCTION =
  /^(show|list|give|tell|plot|chart|graph|draw|compare|break|split|group|sort|order|rank|filter|exclude|include|find|calculate|compute|count|sum|total|average|avg|mean|median|top|bottom|highest|lowest|max|min|minimum|maximum|trend|forecast|predict|explain|describe|summarize|summarise|export|download|correlate|correlation|distribution|percent|percentage|share|ratio|growth|change|same|only|now|and|also|instead|except|excluding|without|vs|versus|per|by|for|over|across|between|again|redo|rerun|repeat|try|use|add|remove|drop|limit|last|first|next|previous|please|pls|plz)\b/;

/** Thanks, acknowledgements and reactions typed as words. */
const CHATTER_WORDS = new Set(
  (
    "thanks thank thx ty tysm cheers great cool nice awesome perfect ok okay k kk got it makes sense lol haha hah " +
    "wow yes yep yeah yup no nope nah sure will do done noted interesting love amazing brilliant excellent good " +
    "job work well neat sweet fine right true agreed indeed gotcha np welcome appreciated appreciate helpful " +
    "you so much a lot very much for this that the it all guys again man all really super totally exactly " +
    "that's thats i see oh ah hmm hm +1 ++ 👍 🙏 🎉 ❤️ :) :( :d"
  ).split(/\s+/),
);

/**
 * `text` is the reply as Slack sent it (mentions as `<@U…>`); `botUserId` the bot's own user id.
 * A reply that mentions the bot is always a question.
 */
export function replyIntent(text: string, botUserId: string | undefined): ReplyIntent {
  const mentions = [...text.matchAll(/<(@[UW][A-Z0-9]+|!subteam\^[A-Z0-9]+|!here|!channel|!everyone)(\|[^>]*)?>/g)];
  if (botUserId && mentions.some((m) => m[1] === `@${botUserId}`)) return "question";
  if (mentions.length > 0) return "addressed_elsewhere";
  const plain = text
    .replace(/<[^>]*>/g, " ")
    .replace(/:[a-z0-9_+-]+:/gi, " ")
    .toLowerCase()
    .trim();
  const words = plain
    .replace(/[!.,;…]+/g, " ")
    .split(/\s+/)
    .filter(Boolean);
  if (words.length === 0) return "chatter";
  if (words.every((w) => CHATTER_WORDS.has(w.replace(/[?]+$/, "")))) return "chatter";
  if (plain.includes("?")) return "question";
  const first = words.join(" ");
  if (INTERROGATIVE.test(first) || INSTRUCTION.test(first)) return "question";
  return "chatter";
}
