import { z } from "zod";
import type { NewsPublisher } from "./publisher";
import { WordPressPublisher } from "./wordpress-publisher";

const zHttpUrl = z.url({ protocol: /^https?$/ });

/**
 * The news portal's settings, the same variables in web (is publishing on?) and the worker
 * (publishes, polls the feed). Spread into a process's config schema and check it with
 * `refineNewsEnv`.
 */
export const newsEnvShape = {
  /** The WordPress site articles go to; publishing is off while it is unset. */
  NEWS_WORDPRESS_URL: zHttpUrl.optional(),
  NEWS_WORDPRESS_USER: z.string().min(1).optional(),
  /** An application password of that user, not the login password. */
  NEWS_WORDPRESS_APP_PASSWORD: z.string().min(1).optional(),
  /** The portal's RSS or Atom feed, polled for articles related to materials; off while unset. */
  NEWS_FEED_URL: zHttpUrl.optional(),
};
type TNewsEnv = { [K in keyof typeof newsEnvShape]?: z.infer<(typeof newsEnvShape)[K]> };

/** For a config schema's superRefine: a WordPress site needs its user and application password. */
export function refineNewsEnv(env: TNewsEnv, ctx: z.RefinementCtx): void {
  if (!env.NEWS_WORDPRESS_URL) return;
  for (const name of ["NEWS_WORDPRESS_USER", "NEWS_WORDPRESS_APP_PASSWORD"] as const) {
    if (!env[name]) ctx.addIssue({ code: "custom", path: [name], message: "bắt buộc khi đặt NEWS_WORDPRESS_URL" });
  }
}

/** Publishing is on: a portal is configured. */
export function isNewsPublishingEnabled(env: TNewsEnv): boolean {
  return !!env.NEWS_WORDPRESS_URL;
}

/** The configured portal's publisher, or null when publishing is off. */
export function createNewsPublisher(env: TNewsEnv): NewsPublisher | null {
  if (!env.NEWS_WORDPRESS_URL || !env.NEWS_WORDPRESS_USER || !env.NEWS_WORDPRESS_APP_PASSWORD) return null;
  return new WordPressPublisher({ url: env.NEWS_WORDPRESS_URL, user: env.NEWS_WORDPRESS_USER, appPassword: env.NEWS_WORDPRESS_APP_PASSWORD });
}
