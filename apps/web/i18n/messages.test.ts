import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS } from "@/lib/accounts/record-audit";
import { SERVICE_TOKEN_SCOPES } from "@/lib/service-tokens/service-token-scopes";
import en from "../messages/en.json";
import vi from "../messages/vi.json";

type TMessages = { [key: string]: string | TMessages };

/** Every leaf's path, with the key of each level as it is written in the file. */
function leafPaths(messages: TMessages, prefix: string[] = []): string[][] {
  return Object.entries(messages).flatMap(([key, value]) => (typeof value === "string" ? [[...prefix, key]] : leafPaths(value, [...prefix, key])));
}

describe("the message files", () => {
  it("give English every message Vietnamese has, and no more", () => {
    const paths = (messages: TMessages) => leafPaths(messages).map((path) => path.join("/")).sort();
    expect(paths(en)).toEqual(paths(vi));
  });

  it.each([
    ["vi", vi],
    ["en", en],
  ])("carry no emoji in %s: without an emoji font (as in Debian's Chromium) each shows as an empty box; icons are the inline SVGs of components/meeting/icons.tsx", (_locale, messages) => {
    const pictograph = /\p{Extended_Pictographic}/u;
    const withEmoji = leafPaths(messages)
      .map((path) => ({ path: path.join("/"), text: path.reduce<string | TMessages>((node, key) => (node as TMessages)[key]!, messages) as string }))
      .filter(({ text }) => pictograph.test(text));
    expect(withEmoji).toEqual([]);
  });

  it("have no key with a dot, which next-intl reads as one more level and never finds", () => {
    expect(leafPaths(vi).filter((path) => path.some((key) => key.includes(".")))).toEqual([]);
  });

  it.each([
    ["vi", vi],
    ["en", en],
  ])("name each service token scope and each audited action in %s", (locale, messages) => {
    const tokens = createTranslator({ locale, messages, namespace: "serviceTokens" });
    for (const scope of SERVICE_TOKEN_SCOPES) expect(tokens.has(`scopes.${scope}`), scope).toBe(true);
    const audit = createTranslator({ locale, messages, namespace: "auditLog" });
    for (const action of AUDIT_ACTIONS) expect(audit.has(`actions.${action}`), action).toBe(true);
  });
});
