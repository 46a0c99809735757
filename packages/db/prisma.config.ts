import "./pg-name-fix.cjs";
import { randomUUID } from "node:crypto";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// Prisma 6 with the JS engine and the pg driver adapter: the only combination whose
// migrations run offline (the native schema engine comes only from Prisma's CDN).

// Discrete fields, not connectionString (pg lets connectionString override `database`).
function pgConfig(urlStr: string) {
  const u = new URL(urlStr);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1),
  };
}

// PrismaPg.connectToShadowDb drops the shadow database before closing its own pool, which
// fails with "being accessed by other users". Close first, then drop.
class PrismaPgMigrate extends PrismaPg {
  constructor(private readonly cfg: ReturnType<typeof pgConfig>) {
    super(cfg);
  }
  override async connectToShadowDb() {
    const admin = await new PrismaPg(this.cfg).connect();
    const database = `prisma_shadow_${randomUUID().replace(/-/g, "")}`;
    await admin.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = await new PrismaPg({ ...this.cfg, database }).connect();
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await admin.executeScript(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await admin.dispose();
    };
    return shadow;
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  adapter: async () =>
    new PrismaPgMigrate(pgConfig(process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres")),
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
