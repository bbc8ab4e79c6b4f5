// Keeps escaping by construction true as the code grows: messages leave only through src/slack/send.ts (which takes
// SlackMessages built by src/blockkit), and no module but src/blockkit writes Block Kit text objects by hand.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";

async function sources(dir: string): Promise<Array<{ file: string; text: string }>> {
  const out: Array<{ file: string; text: string }> = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sources(full)));
    else if (entry.name.endsWith(".ts"))
      out.push({ file: path.relative(process.cwd(), full), text: await readFile(full, "utf8") });
  }
  return out;
}

describe("the escaping boundary", () => {
  it("sends every message through send.ts", async () => {
    const offenders: string[] = [];
    for (const { file, text } of [...(await sources("src/slack")), ...(await sources("src/jobs"))]) {
      if (file.endsWith(path.join("slack", "send.ts"))) continue;
      for (const m of text.matchAll(/\bchat\s*\.\s*(postMessage|update|postEphemeral)\s*\(/g))
        offenders.push(`${file}: chat.${m[1]}`);
    }
    expect(offenders).toEqual([]);
  });

  it("writes text objects only in src/blockkit", async () => {
    const offenders: string[] = [];
    for (const { file, text } of [...(await sources("src/slack")), ...(await sources("src/jobs"))])
      for (const m of text.matchAll(/type:\s*"(mrkdwn|plain_text)"/g)) offenders.push(`${file}: ${m[0]}`);
    expect(offenders).toEqual([]);
  });
});
