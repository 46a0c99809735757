import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

// Locale comes from a cookie (no /vi or /en prefixes), resolved in i18n/request.ts.
const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

const nextConfig: NextConfig = {
  // Workspace packages ship TypeScript source.
  transpilePackages: ["@diemcau/calendar", "@diemcau/captions", "@diemcau/connectors", "@diemcau/db", "@diemcau/media-nodes", "@diemcau/protocol", "@diemcau/room-client", "@diemcau/signing", "@diemcau/storage"],
  // Native addons and drivers must stay plain Node requires, not bundled.
  serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg", "@prisma/client", "pg-boss", "@aws-sdk/client-s3", "ioredis"],
  // Enables forbidden() from next/navigation, which answers HTTP 403 with app/forbidden.tsx.
  experimental: { authInterrupts: true },
  poweredByHeader: false,
};

export default withNextIntl(nextConfig);
