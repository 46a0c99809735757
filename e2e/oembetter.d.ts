// oembetter ships no types: the part of its API the news portal spec uses.
declare module "oembetter" {
  type TCallback = (error: Error | null, response: Record<string, unknown>) => void;
  interface TOembetter {
    allowlist(domains: string[]): void;
    fetch(url: string, options: Record<string, unknown>, callback: TCallback): void;
  }
  export default function oembetter(): TOembetter;
}
