import NextLink from "next/link";
import type { ComponentProps } from "react";

/**
 * The app's link: next/link without prefetching. Every page here is rendered per user on each
 * request, so a prefetch is a whole server render (its queries included) of a page that is rarely
 * opened: Next.js prefetches each link as it scrolls into view, and the header alone holds up to
 * eleven. Measured on the join benchmark, a room page's prefetches kept the web server busy
 * through the join, and on a 2-core server that delays everyone's media too. A click still
 * navigates on the client; it fetches the page then.
 */
export function Link(props: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={false} {...props} />;
}
